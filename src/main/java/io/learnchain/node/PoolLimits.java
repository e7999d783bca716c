package io.learnchain.node;

/**
 * How much may wait for a block, and how much one block may hold. A block holds the oldest
 * pending transactions that fit in it; the rest wait for the next one.
 *
 * @param maxTransactions most transactions waiting
 * @param maxBytes        most bytes of transactions waiting (their compact JSON)
 * @param maxBlockBytes   largest block this node mines (its compact JSON)
 */
public record PoolLimits(int maxTransactions, long maxBytes, int maxBlockBytes) {
    public static final PoolLimits DEFAULTS = new PoolLimits(100_000, 64L << 20, 4 << 20);

    /** Room in a block for everything but its transactions: index, timestamp, proof, hashes, the reward. */
    static final int BLOCK_OVERHEAD = 1024;

    /** The largest transaction a block can hold. */
    public int maxTransactionBytes() {
        return maxBlockBytes - BLOCK_OVERHEAD;
    }
}
