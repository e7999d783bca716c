package io.learnchain.web;

import io.learnchain.chain.InvalidChainException;
import io.learnchain.node.Blockchain;
import jakarta.servlet.http.HttpServletRequest;

import java.util.List;

/**
 * {@code POST /admin/reset}: the node starts afresh, with a new first block and an empty pool,
 * keeping its peers, its id and its key; says what it discarded. The operator's (see {@code web.xml}).
 */
public final class AdminResetServlet extends ApiServlet {
    public AdminResetServlet() {
        super("POST");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        Blockchain blockchain = blockchain();
        Blockchain.Discarded discarded;
        try {
            discarded = blockchain.override(List.of(blockchain.newGenesis()), List.of(), blockchain.state().peers(), "reset",
                    "started afresh");
        } catch (InvalidChainException e) {
            throw new IllegalStateException("a new first block broke the rules", e);
        }
        return Reply.ok(Answers.Overridden.of("Started afresh", blockchain.state(), discarded));
    }
}
