package io.learnchain.chain;

/** A block or chain breaks a consensus rule; the message names the block and the rule. */
public final class InvalidChainException extends Exception {
    public InvalidChainException(String message) {
        super(message);
    }
}
