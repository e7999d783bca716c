package io.learnchain.web;

import io.learnchain.chain.Transaction;
import jakarta.servlet.http.HttpServletRequest;

import java.util.List;

/**
 * {@code GET /transactions/pending}: the transactions waiting for a block, in arrival order
 * (the oldest go into the next block); {@code ?limit=N} gives only the first N, as the status page
 * asks, since a full pool can hold many megabytes. {@code length} is always the whole pool's.
 */
public final class PendingServlet extends ApiServlet {
    public PendingServlet() {
        super("GET");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        List<Transaction> pending = blockchain().state().pending();
        int limit = limit(request, Integer.MAX_VALUE, Integer.MAX_VALUE);
        return Reply.ok(new Answers.Pending(pending.subList(0, Math.min(limit, pending.size())), pending.size()));
    }
}
