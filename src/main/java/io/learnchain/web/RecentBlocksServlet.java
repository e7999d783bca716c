package io.learnchain.web;

import io.learnchain.chain.Block;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
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

    /** Streamed from the blocks' stored encodings: a peer's block may be large, and the page polls this. */
    @Override
    boolean stream(HttpServletRequest request, HttpServletResponse response, boolean withBody) throws IOException {
        int limit = limit(request, DEFAULT_LIMIT, MAX_LIMIT);
        List<Block> chain = blockchain().state().chain();
        List<Block> newest = new ArrayList<>(Math.min(limit, chain.size()));
        for (int i = chain.size() - 1; i >= 0 && newest.size() < limit; i--) {
            newest.add(chain.get(i));
        }
        ChainAnswer.write(request, response, withBody, null, "blocks", newest, ChainAnswer.Items.WITH_HASHES,
                new Answers.ChainTail(chain.size(), null));
        return true;
    }
}
