package io.learnchain.web;

import io.learnchain.chain.Block;
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
        Block block = network().mine(request.getParameter("to"));
        return Reply.ok(new Answers.Forged("New Block Forged", block.index(), block.transactions(), block.proof(),
                block.previousHash()));
    }
}
