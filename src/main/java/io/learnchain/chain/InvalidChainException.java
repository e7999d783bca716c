package io.learnchain.chain;

/**
 * A block or chain breaks a consensus rule; the message names the block and the rule, and
 * {@link #rule()} and {@link #index()} say them as values (for a page to say them in its
 * reader's language, and for {@code POST /chain/validate}).
 */
public final class InvalidChainException extends Exception {
    /** The rules a block can break, as {@link #rule()} names them. */
    public static final String TYPE = "type";
    public static final String GENESIS = "genesis";
    public static final String INDEX = "index";
    public static final String PREVIOUS_HASH = "previous_hash";
    public static final String PROOF = "proof";
    public static final String TRANSACTION = "transaction";
    public static final String REWARD = "reward";
    public static final String SIGNATURE = "signature";
    public static final String NONCE = "nonce";
    public static final String BALANCE = "balance";

    private final String rule;
    private final long index;

    /**
     * @param rule  one of the constants above
     * @param index the index of the block that breaks it (1 for genesis), or -1 when not known
     */
    public InvalidChainException(String rule, long index, String message) {
        super(message);
        this.rule = rule;
        this.index = index;
    }

    /** The rule broken (one of the constants above). */
    public String rule() {
        return rule;
    }

    /** The index of the block that breaks it, or -1 when it is not known. */
    public long index() {
        return index;
    }

    /** This failure, said of the block at {@code position} of a chain when it does not name the block already. */
    public InvalidChainException at(long position) {
        return index >= 0 ? this : new InvalidChainException(rule, position, "block at position " + position + ": " + getMessage());
    }
}
