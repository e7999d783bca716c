package io.learnchain.node;

import io.learnchain.chain.Block;
import io.learnchain.chain.Transaction;

import java.util.List;

/**
 * One consistent, immutable view of a node: its chain, pending pool (and its size in bytes) and
 * peers, as of store position {@code position}. Readers take one and never wait; the writer
 * makes the next one.
 */
public record NodeState(List<Block> chain, List<Transaction> pending, long pendingBytes, List<String> peers, long position) {

    public Block tip() {
        return chain.get(chain.size() - 1);
    }

    /** True when our chain's block {@code index} has {@code hash}. */
    public boolean holds(long index, String hash) {
        return index >= 1 && index <= chain.size() && chain.get((int) index - 1).hash().equals(hash);
    }

    /**
     * True when this state's pool is {@code earlier} with transactions added at its end (then
     * what was worked out for {@code earlier} only needs the new ones); false when that cannot
     * be told in O(1). Never true for a pool rebuilt after a block or a swap.
     */
    public boolean pendingGrewFrom(List<Transaction> earlier) {
        return AppendList.grewFrom(pending, earlier);
    }

    public int length() {
        return chain.size();
    }

    /** The index the next mined block will have, which is where a new transaction will go. */
    public long nextIndex() {
        return tip().index() + 1;
    }
}
