package io.learnchain.web;

import io.learnchain.chain.Transaction;
import io.learnchain.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;

import java.util.List;

/** {@code GET /transactions/pending}: the transactions waiting for the next block, in arrival order. */
public final class PendingServlet extends ApiServlet {
    public PendingServlet() {
        super("GET");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        List<Transaction> pending = blockchain().state().pending();
        return Reply.ok(JsonObject.builder()
                .put("transactions", Views.transactions(pending))
                .put("length", pending.size())
                .build());
    }
}
