package io.learnchain.net;

/** What became of something a peer pushed, as the answer to it says. */
public enum Receipt {
    ACCEPTED("accepted"), KNOWN("known"), SYNCING("syncing"), IGNORED("ignored"), POOL_FULL("pool full"),
    /** The ledger's rules refuse it (signed mode): it does not fit this node's chain and pool. */
    REFUSED("refused"),
    /** Refused unchecked while pushes that broke the rules, from anyone, have used up their allowance (setting {@code peer.maxPushesPerSecond}): answered 429. */
    TOO_FAST("too fast");

    private final String word;

    Receipt(String word) {
        this.word = word;
    }

    /** The answer's message. */
    public String word() {
        return word;
    }

    /** The answer's HTTP status: 202, or 429 for {@link #TOO_FAST}. */
    public int status() {
        return this == TOO_FAST ? 429 : 202;
    }
}
