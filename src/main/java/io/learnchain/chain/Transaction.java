package io.learnchain.chain;

import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonWriter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** The size of the transaction's compact JSON, as a block holds it. */
    public int encodedSize() {
        return JsonWriter.compact(json).length;
    }

    /** The transaction's identity for comparing across nodes: its canonical JSON, as it hashes. */
    public String canonical() {
        return JsonWriter.canonical(json);
    }

    /**
     * {@code pending} less what {@code included} holds: one occurrence removed for each included
     * transaction (two identical transactions need two inclusions), matched by canonical JSON;
     * the order of the rest is kept.
     */
    public static List<Transaction> without(List<Transaction> pending, List<JsonObject> included) {
        if (pending.isEmpty() || included.isEmpty()) {
            return pending;
        }
        Map<String, Integer> counts = new HashMap<>();
        for (JsonObject tx : included) {
            counts.merge(JsonWriter.canonical(tx), 1, Integer::sum);
        }
        List<Transaction> left = new ArrayList<>(pending.size());
        for (Transaction tx : pending) {
            String key = tx.canonical();
            Integer count = counts.get(key);
            if (count == null) {
                left.add(tx);
            } else if (count == 1) {
                counts.remove(key);
            } else {
                counts.put(key, count - 1);
            }
        }
        return left;
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
