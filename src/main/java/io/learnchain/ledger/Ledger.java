package io.learnchain.ledger;

import io.learnchain.chain.Block;
import io.learnchain.chain.InvalidChainException;
import io.learnchain.chain.Transaction;
import io.learnchain.json.Json;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who owns what, in the {@code signed} ledger mode: each address's balance and how many
 * transactions it has sent, built by applying blocks and transactions in order under the rules:
 * a transfer is signed by its sender, carries the sender's next nonce (1, 2, 3...) and never
 * takes a balance below zero; a block's reward (sender {@code "0"}) is its last transaction,
 * and is exactly 1. Not thread-safe: one owner, or a {@link #copy()} each.
 */
public final class Ledger {
    private final Map<String, BigInteger> balances;
    private final Map<String, Long> sent;
    /** Where the block being applied records what it changes, or null. */
    private Undo undo;

    private Ledger(Map<String, BigInteger> balances, Map<String, Long> sent) {
        this.balances = balances;
        this.sent = sent;
    }

    public static Ledger empty() {
        return new Ledger(new HashMap<>(), new HashMap<>());
    }

    /** The ledger of {@code chain}, every rule checked. */
    public static Ledger of(List<Block> chain) throws InvalidChainException {
        Ledger ledger = empty();
        for (Block block : chain) {
            ledger.applyBlock(block);
        }
        return ledger;
    }

    public Ledger copy() {
        return new Ledger(new HashMap<>(balances), new HashMap<>(sent));
    }

    public BigInteger balance(String address) {
        return balances.getOrDefault(address, BigInteger.ZERO);
    }

    /** The nonce {@code address}'s next transaction must carry. */
    public long nextNonce(String address) {
        return sent.getOrDefault(address, 0L) + 1;
    }

    /** Applies a block's transactions, checking each, signatures included. */
    public void applyBlock(Block block) throws InvalidChainException {
        applyBlock(block, Ledger::formRefusal, null);
    }

    /** Why a transfer is not one its sender signed, or null: {@link #formRefusal}, or a cache of it. */
    public interface FormCheck {
        String refusal(JsonObject tx);
    }

    /**
     * What undoes one block (applied with it): the balances and counts of sent transactions it changed, as they
     * were before it (null: the address had none).
     */
    public static final class Undo {
        private final Block block;
        private final Map<String, BigInteger> balances = new HashMap<>();
        private final Map<String, Long> sent = new HashMap<>();

        /** @param block the block it undoes, once applied */
        public Undo(Block block) {
            this.block = block;
        }

        public Block block() {
            return block;
        }

        /** How many values it holds: what it costs to keep. */
        public int size() {
            return balances.size() + sent.size();
        }
    }

    /**
     * Applies a block's transactions, checking each: their form with {@code form} (whose
     * signature checks may be cached), their place against this ledger.
     *
     * @param undo if not null, given what undoes the block ({@link #undo})
     */
    public void applyBlock(Block block, FormCheck form, Undo undo) throws InvalidChainException {
        Undo before = this.undo;
        this.undo = undo;
        try {
            applyChecked(block, form);
        } finally {
            this.undo = before;
        }
    }

    /** Takes back a block applied with {@code undo}; blocks are undone newest first. */
    public void undo(Undo undo) {
        undo.balances.forEach((address, old) -> {
            if (old == null) {
                balances.remove(address);
            } else {
                balances.put(address, old);
            }
        });
        undo.sent.forEach((address, old) -> {
            if (old == null) {
                sent.remove(address);
            } else {
                sent.put(address, old);
            }
        });
    }

    private void applyChecked(Block block, FormCheck form) throws InvalidChainException {
        List<JsonObject> transactions = block.transactions();
        for (int i = 0; i < transactions.size(); i++) {
            JsonObject tx = transactions.get(i);
            if (Transaction.isReward(tx)) {
                if (i != transactions.size() - 1 || !(tx.get("amount") instanceof JsonNumber amount)
                        || !amount.canonical().equals("1") || !(tx.get("recipient") instanceof JsonString)) {
                    throw new InvalidChainException(InvalidChainException.REWARD, block.index(), "block " + block.index()
                            + ": a reward must be the block's last"
                            + " transaction, of exactly 1");
                }
                credit(((JsonString) tx.get("recipient")).value(), BigInteger.ONE);
                continue;
            }
            String refusal = form.refusal(tx);
            String rule = refusal == null ? null
                    : refusal.startsWith("the signature") ? InvalidChainException.SIGNATURE : InvalidChainException.TRANSACTION;
            if (refusal == null) {
                refusal = placeRefusal(tx, Map.of(), Map.of());
                rule = refusal == null ? null : refusal.startsWith("nonce") ? InvalidChainException.NONCE : InvalidChainException.BALANCE;
            }
            if (refusal != null) {
                throw new InvalidChainException(rule, block.index(), "block " + block.index() + ", transaction " + (i + 1) + ": " + refusal);
            }
            apply(tx);
        }
    }

    /**
     * Why {@code tx} (a transfer) cannot follow what this ledger holds, or null when it can:
     * said as a client needs it ({@code "nonce must be 3"}, {@code "insufficient funds: 1 available"}).
     */
    public String refusal(JsonObject tx) {
        return refusal(tx, Map.of(), Map.of());
    }

    /**
     * As {@link #refusal(JsonObject)}, for a transaction joining a pending pool whose senders
     * already spend {@code spending} and send {@code pending} transactions: its nonce comes after
     * theirs, and its amount must be covered by the confirmed balance less what is being spent
     * (funds still on their way in do not count, so any prefix of the pool holds as a block).
     */
    public String refusal(JsonObject tx, Map<String, BigInteger> spending, Map<String, Long> pending) {
        String problem = formRefusal(tx);
        return problem != null ? problem : placeRefusal(tx, spending, pending);
    }

    /**
     * Why {@code tx} is not a transfer its sender signed, whatever any ledger holds (its fields,
     * its signature), or null. The costly part of checking a transaction: an Ed25519
     * verification, about 0.1-0.5 ms.
     */
    public static String formRefusal(JsonObject tx) {
        Fields f = Fields.of(tx);
        if (f.problem != null) {
            return f.problem;
        }
        byte[] message = Signatures.message(f.sender, f.recipient, f.amount, f.nonce);
        if (!Signatures.verify(f.sender, message, f.signature)) {
            return "the signature does not verify: it must be the sender's Ed25519 signature of "
                    + new String(message, java.nio.charset.StandardCharsets.UTF_8);
        }
        return null;
    }

    /**
     * What a signature check of {@code tx} covers, as one byte string (the signed message, then the
     * signature), or null when its fields are not a transfer's: two transfers with equal bytes
     * here verify alike.
     */
    static byte[] signedContent(JsonObject tx) {
        Fields f = Fields.of(tx);
        if (f.problem != null) {
            return null;
        }
        byte[] message = Signatures.message(f.sender, f.recipient, f.amount, f.nonce);
        byte[] content = java.util.Arrays.copyOf(message, message.length + f.signature.length());
        for (int i = 0; i < f.signature.length(); i++) {
            content[message.length + i] = (byte) f.signature.charAt(i);
        }
        return content;
    }

    /**
     * As {@link #refusal(JsonObject, Map, Map)} for a transaction {@link #formRefusal} found
     * nothing wrong with: its nonce and funds only.
     */
    public String placeRefusal(JsonObject tx, Map<String, BigInteger> spending, Map<String, Long> pending) {
        Fields f = Fields.of(tx);
        if (f.problem != null) {
            return f.problem;
        }
        long expected = nextNonce(f.sender) + pending.getOrDefault(f.sender, 0L);
        if (!f.nonce.canonical().equals(Long.toString(expected))) {
            return "nonce must be " + expected;
        }
        BigInteger available = balance(f.sender).subtract(spending.getOrDefault(f.sender, BigInteger.ZERO));
        if (available.compareTo(f.amount.bigInteger()) < 0) {
            return "insufficient funds: " + available + " available";
        }
        return null;
    }

    /** Applies a transfer {@link #refusal} found nothing wrong with. */
    public void apply(JsonObject tx) {
        Fields f = Fields.of(tx);
        remember(f.sender);
        balances.put(f.sender, balance(f.sender).subtract(f.amount.bigInteger()));
        credit(f.recipient, f.amount.bigInteger());
        if (undo != null && !undo.sent.containsKey(f.sender)) {
            undo.sent.put(f.sender, sent.get(f.sender));
        }
        sent.merge(f.sender, 1L, Long::sum);
    }

    private void credit(String address, BigInteger amount) {
        remember(address);
        balances.merge(address, amount, BigInteger::add);
    }

    /** Records {@code address}'s balance before the block being applied first changes it. */
    private void remember(String address) {
        if (undo != null && !undo.balances.containsKey(address)) {
            undo.balances.put(address, balances.get(address));
        }
    }

    /** A transfer's sender and amount (for a pool's spending), or null for what is not a well-formed transfer. */
    public static Map.Entry<String, BigInteger> spend(JsonObject tx) {
        Fields f = Fields.of(tx);
        return f.problem != null ? null : Map.entry(f.sender, f.amount.bigInteger());
    }

    /** A transfer's fields, or the first thing wrong with them. */
    private record Fields(String sender, String recipient, JsonNumber amount, JsonNumber nonce, String signature, String problem) {
        static Fields of(JsonObject tx) {
            String sender = text(tx.get("sender"));
            String recipient = text(tx.get("recipient"));
            String signature = text(tx.get("signature"));
            JsonNumber amount = tx.get("amount") instanceof JsonNumber n ? n : null;
            JsonNumber nonce = tx.get("nonce") instanceof JsonNumber n ? n : null;
            String problem = null;
            if (sender == null || !Signatures.isAddress(sender)) {
                problem = "sender must be an address: 64 lowercase hex characters (an Ed25519 public key)";
            } else if (recipient == null || !Signatures.isAddress(recipient)) {
                problem = "recipient must be an address: 64 lowercase hex characters (an Ed25519 public key)";
            } else if (amount == null || !amount.isInteger() || amount.bigInteger().signum() <= 0) {
                problem = "amount must be a whole number above 0";
            } else if (nonce == null || !nonce.isInteger() || nonce.bigInteger().signum() <= 0) {
                problem = "nonce must be a whole number from 1";
            } else if (signature == null || !Signatures.isSignature(signature)) {
                problem = "signature must be 128 lowercase hex characters (an Ed25519 signature)";
            }
            return new Fields(sender, recipient, amount, nonce, signature, problem);
        }

        private static String text(Json value) {
            return value instanceof JsonString s ? s.value() : null;
        }
    }
}
