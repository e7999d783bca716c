package io.learnchain.node;

/** Registering would take a node past its number of peers. */
public final class PeerLimitException extends RuntimeException {
    public PeerLimitException(String message) {
        super(message);
    }
}
