package io.learnchain.node;

/** The pending pool holds as much as the node allows; the next block makes room. */
public final class PoolFullException extends RuntimeException {
    PoolFullException(String what) {
        super("The pending pool is full (" + what + "); retry after the next block is mined");
    }
}
