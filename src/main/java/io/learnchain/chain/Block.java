package io.learnchain.chain;

import io.learnchain.json.Json;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonReader;
import io.learnchain.json.JsonString;
import io.learnchain.json.JsonSyntaxException;
import io.learnchain.json.JsonWriter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One block: the JSON it was made from or received as, kept exactly (extra fields and number
 * literals included) as its compact encoding, with its hash computed once.
 *
 * <p>A {@code Block} is well-formed by construction: the fields the protocol reads have the
 * right types. Whether it links correctly to its parent is {@link ChainValidator}'s question.
 * To keep long chains small in memory a block holds its encoding and the few fields consensus
 * reads; {@link #json()} and {@link #transactions()} parse the encoding again when asked (about
 * a microsecond per transaction). Immutable and thread-safe.
 */
public final class Block {
    public static final String GENESIS_PREVIOUS_HASH = "1";
    public static final long GENESIS_PROOF = 100;
    private static final int MAX_DEPTH = 1024;

    private final byte[] compact;
    private final String hash;
    private final long index;
    private final JsonNumber proof;
    private final String previousHash;
    private final int transactionCount;

    private Block(JsonObject json, byte[] compact, long index, JsonNumber proof, String previousHash, int transactionCount) {
        this.compact = compact != null ? compact : JsonWriter.compact(json);
        this.hash = Sha256.hex(JsonWriter.canonicalBytes(json));
        this.index = index;
        this.proof = proof;
        this.previousHash = previousHash;
        this.transactionCount = transactionCount;
    }

    /**
     * Reads a block from JSON, as received from a peer or from storage.
     *
     * @throws InvalidChainException if a field the protocol needs is missing or of the wrong type
     */
    public static Block fromJson(Json value) throws InvalidChainException {
        return fromJson(value, null);
    }

    /**
     * Reads a block back from its own compact encoding, as {@link #compactJson()} gave it and a
     * store kept it: {@code json} is what those bytes parse to. The bytes are kept as they are
     * rather than written again.
     *
     * @throws InvalidChainException as {@link #fromJson(Json)}
     */
    public static Block fromEncoding(JsonObject json, byte[] compactEncoding) throws InvalidChainException {
        return fromJson(json, compactEncoding);
    }

    private static Block fromJson(Json value, byte[] compactEncoding) throws InvalidChainException {
        if (!(value instanceof JsonObject json)) {
            throw new InvalidChainException(InvalidChainException.TYPE, -1, "a block must be an object, not " + value.typeName());
        }
        JsonNumber indexNumber = integerField(json, "index", "a block");
        long index;
        try {
            index = indexNumber.bigInteger().longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidChainException(InvalidChainException.TYPE, -1, "a block: index " + indexNumber + " is out of range");
        }
        JsonNumber proof = integerField(json, "proof", "block " + index);
        Json timestamp = json.get("timestamp");
        if (!(timestamp instanceof JsonNumber)) {
            throw new InvalidChainException(InvalidChainException.TYPE, index, "block " + index + ": timestamp must be a number");
        }
        if (!(json.get("previous_hash") instanceof JsonString previousHash)) {
            throw new InvalidChainException(InvalidChainException.TYPE, index, "block " + index + ": previous_hash must be a string");
        }
        if (!(json.get("transactions") instanceof JsonArray list)) {
            throw new InvalidChainException(InvalidChainException.TYPE, index, "block " + index + ": transactions must be a list");
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof JsonObject tx) || !tx.has("sender") || !tx.has("recipient") || !tx.has("amount")) {
                throw new InvalidChainException(InvalidChainException.TYPE, index, "block " + index + ": transaction " + i
                        + " must be an object with sender, recipient and amount");
            }
        }
        return new Block(json, compactEncoding, index, proof, previousHash.value(), list.size());
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

    /** The block's JSON, read again from its encoding: keys in their order, literals as they were. */
    public JsonObject json() {
        try {
            return (JsonObject) JsonReader.parse(compact, compact.length, MAX_DEPTH, true);
        } catch (JsonSyntaxException e) {
            throw new IllegalStateException("a block's own encoding reads back", e);
        }
    }

    /**
     * The block as served and stored: compact JSON, keys and number literals as received.
     * Callers must not modify the array.
     */
    public byte[] compactJson() {
        return compact;
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

    public int transactionCount() {
        return transactionCount;
    }

    /** The transactions, read again from the encoding. */
    public List<JsonObject> transactions() {
        JsonArray list = (JsonArray) json().get("transactions");
        List<JsonObject> transactions = new ArrayList<>(list.size());
        for (Json tx : list.items()) {
            transactions.add((JsonObject) tx);
        }
        return Collections.unmodifiableList(transactions);
    }

    /** Blocks are equal when their hashes are: the same content, however its keys were ordered. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Block other && hash.equals(other.hash);
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
            throw new InvalidChainException(InvalidChainException.TYPE, -1, where + ": " + name + " must be an integer");
        }
        return n;
    }
}
