package io.learnchain.node;

import io.learnchain.chain.Block;
import io.learnchain.chain.InvalidChainException;
import io.learnchain.chain.Transaction;

import java.util.List;

/**
 * What transactions and chains must satisfy beyond the tutorial's proof-of-work rules: nothing
 * ({@link #OPEN}, the tutorial's node, where anyone sends any amount from anyone), or the signed
 * ledger's (io.learnchain.ledger). {@link Blockchain} asks them under its writer lock, one
 * change at a time; implementations must be thread-safe for readers asking at the same time.
 */
public interface Rules {
    /** The tutorial's: every well-formed transaction and chain is accepted. */
    Rules OPEN = new Rules() {
    };

    /**
     * Checks {@code chain} (from genesis, its proofs and links checked) as far as it can by
     * {@code stopAt} ({@link System#nanoTime()}; the check also stops when the thread is
     * interrupted). A slow check (the signed ledger's, joining a long chain) so stops at a
     * caller's deadline with a valid part of the chain, which the caller may adopt if it is
     * longer than ours, and check the rest later.
     *
     * @return how many first blocks of {@code chain} meet the rules: all of them, or fewer when
     *         the check stopped early
     * @throws InvalidChainException if a block checked breaks the rules
     */
    default int checkChain(List<Block> chain, long stopAt) throws InvalidChainException {
        return chain.size();
    }

    /**
     * Does what checking {@code block} alone can do before the node's writer lock (verify its
     * signatures), so that {@link #checkNext} under the lock is quick.
     */
    default void verifyAhead(Block block) {
    }

    /** @throws InvalidChainException if {@code block} cannot follow {@code chain} */
    default void checkNext(List<Block> chain, Block block) throws InvalidChainException {
    }

    /**
     * Why {@code tx} can never join a pool, whatever the node holds (a bad signature), or null.
     * Asked before the node's writer lock, on many threads at once: this is where slow checks go.
     */
    default String refusalOnItsOwn(Transaction tx) {
        return null;
    }

    /**
     * Why {@code tx}, which {@link #refusalOnItsOwn} passed, cannot join the pending pool of
     * {@code state}, or null when it can. Asked under the node's writer lock.
     */
    default String refusal(NodeState state, Transaction tx) {
        return null;
    }

    /**
     * {@code pending}, in order, without what no longer fits after {@code chain} (after a chain
     * was swapped or a peer's block arrived): never a double spend in the pool. The transactions
     * passed {@link #refusalOnItsOwn} when they joined, so only their place is checked again.
     */
    default List<Transaction> keepFitting(List<Block> chain, List<Transaction> pending) {
        return pending;
    }

    /** Why {@code address} cannot receive a mining reward, or null when it can. */
    default String rewardRefusal(String address) {
        return address.isBlank() || address.length() > 256 ? "to must be 1 to 256 characters" : null;
    }

    /** Where this node's own rewards go when a miner names no address. */
    default String ownRewardAddress(String nodeId) {
        return nodeId;
    }

    /** What the ledger says of {@code address} in {@code state}, or null where there is no ledger. */
    default Balance balance(NodeState state, String address) {
        return null;
    }

    /**
     * @param balance   confirmed, from the chain
     * @param available the balance less what the address spends in pending transactions
     * @param nextNonce the nonce its next transaction must carry
     */
    record Balance(String address, java.math.BigInteger balance, java.math.BigInteger available, long nextNonce) {
    }
}
