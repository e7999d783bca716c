package io.learnchain.web;

import io.learnchain.chain.Transaction;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;
import io.learnchain.node.Settings;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /peer/transactions}: a peer relays a transaction,
 * {@code {"transaction": {...}, "relay_id": "...", "from": "<its address>"}}. The transaction must
 * pass the rules {@code POST /transactions/new} applies. Answers 202
 * {@code {"message": "accepted" | "known" | "pool full" | "refused"}}, or 429 while pushes that broke
 * the rules, from anyone, have used up their allowance.
 */
public final class PeerTransactionsServlet extends ApiServlet {
    /** Longest relay id accepted. */
    static final int MAX_RELAY_ID = 64;

    public PeerTransactionsServlet() {
        super("POST");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        return PeerMessages.receive(network(), () -> {
            Settings settings = settings();
            JsonObject body = JsonBody.readObject(request, settings.maxBodyBytes() + 1024, settings.maxJsonDepth() + 1, false);
            String from = PeerMessages.takenFrom(network(), body);
            if (!(body.get("transaction") instanceof JsonObject json)) {
                throw new ApiException(400, "transaction must be an object");
            }
            if (!(body.get("relay_id") instanceof JsonString relayId) || relayId.value().isEmpty()
                    || relayId.value().length() > MAX_RELAY_ID) {
                throw new ApiException(400, "relay_id must be a string of 1 to " + MAX_RELAY_ID + " characters");
            }
            Transaction transaction = NewTransactionServlet.parse(json, settings.signedLedger());
            return () -> {
                try {
                    return network().receiveTransaction(transaction, relayId.value(), from);
                } catch (IllegalArgumentException e) {
                    throw new ApiException(400, "Transaction too large: " + e.getMessage());
                }
            };
        });
    }
}
