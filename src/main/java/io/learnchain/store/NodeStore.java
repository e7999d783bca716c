package io.learnchain.store;

import io.learnchain.chain.Block;
import io.learnchain.chain.Transaction;

import java.util.List;
import java.util.Optional;

/**
 * Where a node keeps what it must not lose: its id, its chain, its pending transactions and its
 * peers.
 *
 * <p><b>Contract.</b> Changes are recorded in the order the node makes them. Each recording
 * method returns a position; the change is durable (it survives a crash of the process or the
 * machine) once {@link #awaitDurable} returns for that position or a later one. A change that
 * was never made durable may be lost, never half-applied: {@link #load} returns the state after
 * some prefix of the recorded changes, and after every durable one.
 *
 * <p><b>Threads.</b> Recording methods are called by one thread at a time (the node's writer);
 * {@link #awaitDurable} may be called by any number of threads at once, which is what lets an
 * implementation make many changes durable with one disk flush.
 *
 * <p><b>Cost.</b> Recording is cheap (memory, an append to a buffer); the disk wait is in
 * {@link #awaitDurable}; {@link #replaceChain} may write the whole chain.
 *
 * <p>Failures are reported as {@link StoreException}; after one, the store accepts no more
 * changes, as it can no longer promise what is on disk. A closed store refuses everything too
 * (with a {@link StoreException}), so that a late writer of a stopped node cannot touch files a
 * new node has opened since.
 */
public interface NodeStore extends AutoCloseable {

    /** What a store held when it was opened. */
    record Contents(String nodeId, List<Block> chain, List<Transaction> pending, List<String> peers) {
    }

    /** The stored state, or empty for a new store. */
    Optional<Contents> load();

    /** Starts a new store with a node id and a first block. */
    long initialize(String nodeId, Block genesis);

    /** A transaction joins the pending pool. */
    long addPending(Transaction transaction);

    /**
     * A block joins the chain; the pending transactions it holds leave the pool (one occurrence
     * for each it holds, see {@link io.learnchain.chain.Transaction#without}), the others stay.
     */
    long appendBlock(Block block);

    /**
     * The chain is replaced by another (consensus) whose first {@code kept} blocks are ours
     * already, with the pending pool that goes with it. All of it or none of it survives a crash.
     */
    long replaceChain(List<Block> chain, int kept, List<Transaction> pending);

    /** Peers join the peer list. */
    long addPeers(List<String> peers);

    /** Peers leave the peer list. */
    long removePeers(List<String> peers);

    /** Returns once every change up to {@code position} is durable. */
    void awaitDurable(long position);

    /**
     * Why the store cannot take changes now (it failed, or it is closed), or null when it can.
     * Cheap: no I/O.
     */
    String problem();

    /** A human-readable description of where data lives (a directory, or "memory"). */
    String location();

    /** Makes what was recorded durable, releases the files; from then on every method but {@link #location} throws. */
    @Override
    void close();
}
