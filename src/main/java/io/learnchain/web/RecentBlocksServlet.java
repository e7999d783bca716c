package io.learnchain.web;

import io.learnchain.chain.Block;
import io.learnchain.json.Json;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /blocks/recent?limit=N}: the newest blocks first, each with its hash, for the status
 * page (the whole chain would be too much to poll).
 */
public final class RecentBlocksServlet extends ApiServlet {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    public RecentBlocksServlet() {
        super("GET");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        int limit = limit(request.getParameter("limit"));
        List<Block> chain = blockchain().state().chain();
        List<Json> blocks = new ArrayList<>(Math.min(limit, chain.size()));
        for (int i = chain.size() - 1; i >= 0 && blocks.size() < limit; i--) {
            Block block = chain.get(i);
            blocks.add(JsonObject.builder().put("hash", block.hash()).put("block", block.json()).build());
        }
        return Reply.ok(JsonObject.builder().put("blocks", new JsonArray(blocks)).put("length", chain.size()).build());
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(400, "limit must be a whole number from 1 to " + MAX_LIMIT + ", not '" + text + "'");
    }
}
