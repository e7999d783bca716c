package io.learnchain.chain;

import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;
import io.learnchain.json.JsonWriter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A transaction: an object with sender, recipient and amount. Those this node accepts through its
 * API hold two strings and a positive number; those in peers' blocks may hold any JSON values,
 * as Python nodes accept anything.
 *
 * <p>A value, immutable and thread-safe; equal when the JSON is. Not a record because it also
 * keeps what the pool asks of each of its transactions whenever a block arrives (its {@link #id}
 * and its size), worked out once when it is made rather than for the whole pool each time.
 */
public final class Transaction {
    /** The sender of mining rewards; clients may not use it. */
    public static final String REWARD_SENDER = "0";

    private final JsonObject json;
    private final String id;
    private final int encodedSize;

    public Transaction(JsonObject json) {
        this.json = java.util.Objects.requireNonNull(json);
        this.id = idOf(json);
        this.encodedSize = JsonWriter.compact(json).length;
    }

    public static Transaction of(String sender, String recipient, JsonNumber amount) {
        return new Transaction(JsonObject.builder()
                .put("sender", sender)
                .put("recipient", recipient)
                .put("amount", amount)
                .build());
    }

    /** True for a mining reward: a transaction from sender {@value #REWARD_SENDER}. */
    public static boolean isReward(JsonObject tx) {
        return tx.get("sender") instanceof JsonString sender && sender.value().equals(REWARD_SENDER);
    }

    /** The reward a node pays itself for a block, as the Python node writes it. */
    public static Transaction reward(String nodeId) {
        return of(REWARD_SENDER, nodeId, JsonNumber.of(1));
    }

    /** The transaction as received: keys in their order, number literals untouched. */
    public JsonObject json() {
        return json;
    }

    /** The size of the transaction's compact JSON, as a block holds it. */
    public int encodedSize() {
        return encodedSize;
    }

    /** The canonical JSON, as Python's {@code json.dumps(tx, sort_keys=True)} writes it. */
    public String canonical() {
        return JsonWriter.canonical(json);
    }

    /**
     * The transaction's identity across nodes, whatever the order of its keys: the SHA-256 (hex)
     * of its canonical JSON. A fixed 64 characters, however large the transaction.
     */
    public String id() {
        return id;
    }

    /** {@link #id} of a transaction as a block holds it. */
    public static String idOf(JsonObject tx) {
        return Sha256.hex(JsonWriter.canonicalBytes(tx));
    }

    /**
     * {@code pending} less what {@code included} holds: one occurrence removed for each included
     * transaction (two identical transactions need two inclusions), matched by {@link #id}; the
     * order of the rest is kept. Cost: the included ones hashed, a lookup per pending one.
     */
    public static List<Transaction> without(List<Transaction> pending, List<JsonObject> included) {
        if (pending.isEmpty() || included.isEmpty()) {
            return pending;
        }
        List<String> ids = new ArrayList<>(included.size());
        for (JsonObject tx : included) {
            ids.add(idOf(tx));
        }
        return withoutIds(pending, ids);
    }

    /** As {@link #without}, with the included transactions given by their {@link #id}s. */
    public static List<Transaction> withoutIds(List<Transaction> pending, List<String> included) {
        if (pending.isEmpty() || included.isEmpty()) {
            return pending;
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String key : included) {
            counts.merge(key, 1, Integer::sum);
        }
        List<Transaction> left = new ArrayList<>(pending.size());
        for (Transaction tx : pending) {
            String key = tx.id();
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

    /** Transactions are equal when their JSON is: the same members in the same order, literals as written. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Transaction other && json.equals(other.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
