package io.learnchain.chain;

import io.learnchain.json.Json;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;
import io.learnchain.json.JsonWriter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One block: the JSON object it was made from or received as, kept whole (extra fields and
 * number literals included), with its hash computed once.
 *
 * <p>A {@code Block} is well-formed by construction: the fields the protocol reads have the
 * right types. Whether it links correctly to its parent is {@link ChainValidator}'s question.
 * Immutable and thread-safe.
 */
public final class Block {
    public static final String GENESIS_PREVIOUS_HASH = "1";
    public static final long GENESIS_PROOF = 100;

    private final JsonObject json;
    private final String hash;
    private final long index;
    private final JsonNumber proof;
    private final String previousHash;
    private final List<JsonObject> transactions;
    /** The compact encoding, made on first use; benign race, the bytes are always the same. */
    private byte[] compact;

    private Block(JsonObject json, long index, JsonNumber proof, String previousHash, List<JsonObject> transactions) {
        this.json = json;
        this.index = index;
        this.proof = proof;
        this.previousHash = previousHash;
        this.transactions = transactions;
        this.hash = Sha256.hex(JsonWriter.canonicalBytes(json));
    }

    /**
     * Reads a block from JSON, as received from a peer or from storage.
     *
     * @throws InvalidChainException if a field the protocol needs is missing or of the wrong type
     */
    public static Block fromJson(Json value) throws InvalidChainException {
        if (!(value instanceof JsonObject json)) {
            throw new InvalidChainException("a block must be an object, not " + value.typeName());
        }
        JsonNumber indexNumber = integerField(json, "index", "a block");
        long index;
        try {
            index = indexNumber.bigInteger().longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidChainException("a block: index " + indexNumber + " is out of range");
        }
        JsonNumber proof = integerField(json, "proof", "block " + index);
        Json timestamp = json.get("timestamp");
        if (!(timestamp instanceof JsonNumber)) {
            throw new InvalidChainException("block " + index + ": timestamp must be a number");
        }
        if (!(json.get("previous_hash") instanceof JsonString previousHash)) {
            throw new InvalidChainException("block " + index + ": previous_hash must be a string");
        }
        if (!(json.get("transactions") instanceof JsonArray list)) {
            throw new InvalidChainException("block " + index + ": transactions must be a list");
        }
        List<JsonObject> transactions = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof JsonObject tx) || !tx.has("sender") || !tx.has("recipient") || !tx.has("amount")) {
                throw new InvalidChainException("block " + index + ": transaction " + i
                        + " must be an object with sender, recipient and amount");
            }
            transactions.add(tx);
        }
        return new Block(json, index, proof, previousHash.value(), Collections.unmodifiableList(transactions));
    }

    /** A block this node makes: the fields in the order the Python node writes them. */
    public static Block create(long index, double timestamp, List<Transaction> transactions, long proof, String previousHash) {
        List<Json> txs = new ArrayList<>(transactions.size());
        for (Transaction tx : transactions) {
            txs.add(tx.json());
        }
        JsonObject json = JsonObject.builder()
                .put("index", index)
                .put("timestamp", JsonNumber.ofDouble(timestamp))
                .put("transactions", new JsonArray(txs))
                .put("proof", proof)
                .put("previous_hash", previousHash)
                .build();
        try {
            return fromJson(json);
        } catch (InvalidChainException e) {
            throw new IllegalStateException("a block made here is well-formed", e);
        }
    }

    /** The first block of a new chain, as the Python node makes it. */
    public static Block genesis(double timestamp) {
        return create(1, timestamp, List.of(), GENESIS_PROOF, GENESIS_PREVIOUS_HASH);
    }

    public JsonObject json() {
        return json;
    }

    /**
     * The block as served and stored: compact JSON, keys and number literals as received. Made
     * once, as blocks never change; callers must not modify the array.
     */
    public byte[] compactJson() {
        byte[] bytes = compact;
        if (bytes == null) {
            bytes = JsonWriter.compact(json);
            compact = bytes;
        }
        return bytes;
    }

    /** SHA-256 hex of {@code json.dumps(block, sort_keys=True)}. */
    public String hash() {
        return hash;
    }

    public long index() {
        return index;
    }

    /** The proof, an integer literal of any size. */
    public JsonNumber proof() {
        return proof;
    }

    public String previousHash() {
        return previousHash;
    }

    public List<JsonObject> transactions() {
        return transactions;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Block other && hash.equals(other.hash) && json.equals(other.json);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "Block " + index + " " + hash;
    }

    private static JsonNumber integerField(JsonObject json, String name, String where) throws InvalidChainException {
        if (!(json.get(name) instanceof JsonNumber n) || !n.isInteger()) {
            throw new InvalidChainException(where + ": " + name + " must be an integer");
        }
        return n;
    }
}
