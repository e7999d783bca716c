package io.learnchain.node;

/** The ledger's rules refuse a transaction or a reward address; the message says why, for the client. */
public final class TransactionRefusedException extends RuntimeException {
    public TransactionRefusedException(String message) {
        super(message);
    }
}
