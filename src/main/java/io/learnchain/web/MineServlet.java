package io.learnchain.web;

import io.learnchain.chain.Block;
import io.learnchain.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code GET /mine} (or POST): forge the next block with the pending transactions and our reward.
 * {@code HEAD /mine} mines nothing: HEAD is safe (link checkers and monitors send it).
 */
public final class MineServlet extends ApiServlet {
    public MineServlet() {
        super("GET", "POST");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        if (request.getMethod().equals("HEAD")) {
            return Reply.ok(Reply.message("GET or POST /mine forges a block"));
        }
        Block block = network().mine();
        JsonObject json = block.json();
        return Reply.ok(JsonObject.builder()
                .put("message", "New Block Forged")
                .put("index", json.get("index"))
                .put("transactions", json.get("transactions"))
                .put("proof", json.get("proof"))
                .put("previous_hash", json.get("previous_hash"))
                .build());
    }
}
