package io.learnchain.chain;

import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonWriter;

/**
 * A transaction: an object with sender, recipient and amount. Those this node accepts through its
 * API hold two strings and a positive number; those in peers' blocks may hold any JSON values,
 * as Python nodes accept anything.
 */
public record Transaction(JsonObject json) {
    /** The sender of mining rewards; clients may not use it. */
    public static final String REWARD_SENDER = "0";

    public static Transaction of(String sender, String recipient, JsonNumber amount) {
        return new Transaction(JsonObject.builder()
                .put("sender", sender)
                .put("recipient", recipient)
                .put("amount", amount)
                .build());
    }

    /** The reward a node pays itself for a block, as the Python node writes it. */
    public static Transaction reward(String nodeId) {
        return of(REWARD_SENDER, nodeId, JsonNumber.of(1));
    }

    /** The transaction's identity for comparing across nodes: its canonical JSON, as it hashes. */
    public String canonical() {
        return JsonWriter.canonical(json);
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
