package io.learnchain.node;

/** The pending pool holds as many transactions as the node allows; the next block empties it. */
public final class PoolFullException extends RuntimeException {
    public PoolFullException(int limit) {
        super("The pending pool is full (" + limit + " transactions); retry after the next block is mined");
    }
}
