package io.learnchain.node;

import io.learnchain.chain.Block;
import io.learnchain.chain.ChainValidator;
import io.learnchain.chain.InvalidChainException;
import io.learnchain.chain.ProofOfWork;
import io.learnchain.chain.Transaction;
import io.learnchain.store.NodeStore;
import io.learnchain.store.StoreException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * The node: the one owner of its chain, pending transactions and peers.
 *
 * <p><b>Readers never wait.</b> {@link #state()} is an immutable snapshot; the chain and pool in
 * it never change.
 *
 * <p><b>Writers take turns, then wait for the disk together.</b> A change is computed and
 * recorded in the store under one lock, then the writer waits, without the lock, until the
 * store says the change is durable, and only then publishes it to readers and returns. Many
 * writers thus share one disk flush, and nothing a reader sees or a caller is told can be lost.
 *
 * <p><b>Mining happens outside the lock.</b> The proof is searched against the tip; then, under
 * the lock, the block is appended if the tip is unchanged (else the search starts again). The
 * proof does not cover the block's transactions, so the block takes the pending pool as it is
 * at append time, as the original does.
 *
 * <p>Thread-safe.
 */
public final class Blockchain implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Blockchain.class.getName());

    private final NodeStore store;
    private final String nodeId;
    private final Miner miner;
    private final int maxPending;
    private final ReentrantLock writer = new ReentrantLock();
    private final Object publishing = new Object();
    private final Instant startedAt = Instant.now();
    /** The newest state, possibly not yet durable; written under {@link #writer}. */
    private volatile NodeState latest;
    /** The newest durable state: what readers see. */
    private volatile NodeState published;

    /**
     * Opens the node kept in {@code store}, or starts a new one with a new id and a genesis block.
     *
     * @throws InvalidChainException if the stored chain breaks the consensus rules
     */
    public Blockchain(NodeStore store, int miningThreads) throws InvalidChainException {
        this(store, miningThreads, Integer.MAX_VALUE);
    }

    /**
     * As {@link #Blockchain(NodeStore, int)}, refusing new transactions while {@code maxPending}
     * wait (so a flood fills no memory: it waits for a block).
     */
    public Blockchain(NodeStore store, int miningThreads, int maxPending) throws InvalidChainException {
        this.store = store;
        this.maxPending = maxPending;
        NodeStore.Contents contents = store.load().orElse(null);
        NodeState initial;
        if (contents == null) {
            String id = UUID.randomUUID().toString().replace("-", "");
            Block genesis = Block.genesis(now());
            long position = store.initialize(id, genesis);
            store.awaitDurable(position);
            this.nodeId = id;
            initial = new NodeState(AppendList.copyOf(List.of(genesis)), AppendList.empty(), List.of(), position);
        } else {
            ChainValidator.validate(contents.chain());
            this.nodeId = contents.nodeId();
            initial = new NodeState(AppendList.copyOf(contents.chain()), AppendList.copyOf(contents.pending()),
                    List.copyOf(contents.peers()), 0);
        }
        this.latest = initial;
        this.published = initial;
        this.miner = new Miner(miningThreads);
    }

    /** A consistent snapshot of the node, as durable. Never blocks. */
    public NodeState state() {
        return published;
    }

    /** This node's address in mining rewards: a random UUID's 32 hex digits, kept for life. */
    public String nodeId() {
        return nodeId;
    }

    /** When this node started (this process, not the chain). */
    public Instant startedAt() {
        return startedAt;
    }

    public int miningThreads() {
        return miner.threads();
    }

    /** Where the node's data lives. */
    public String storeLocation() {
        return store.location();
    }

    /**
     * Adds a transaction to the pending pool, durably.
     *
     * @return the index of the block that will hold it
     * @throws PoolFullException if {@code maxPending} transactions are waiting already
     */
    public long addTransaction(Transaction transaction) {
        NodeState next;
        writer.lock();
        try {
            NodeState current = latest;
            if (current.pending().size() >= maxPending) {
                throw new PoolFullException(maxPending);
            }
            long position = store.addPending(transaction);
            next = new NodeState(current.chain(), append(current.pending(), transaction), current.peers(), position);
            latest = next;
        } finally {
            writer.unlock();
        }
        publishWhenDurable(next);
        return next.nextIndex();
    }

    /**
     * Mines a block: finds the smallest proof after the tip, then appends a block holding the
     * pending transactions and this node's reward. Two calls at once make two consecutive blocks.
     */
    public Block mine() {
        while (true) {
            Block parent = latest.tip();
            long proof = miner.findProof(parent, () -> latest.tip() != parent);
            if (proof == ProofOfWork.CANCELLED) {
                continue; // the tip moved: search again after the new one
            }
            NodeState next;
            Block block;
            writer.lock();
            try {
                NodeState current = latest;
                if (current.tip() != parent) {
                    continue;
                }
                List<Transaction> transactions = new ArrayList<>(current.pending());
                transactions.add(Transaction.reward(nodeId));
                block = Block.create(parent.index() + 1, now(), transactions, proof, parent.hash());
                long position = store.appendBlock(block);
                next = new NodeState(append(current.chain(), block), AppendList.empty(), current.peers(), position);
                latest = next;
            } finally {
                writer.unlock();
            }
            publishWhenDurable(next);
            return block;
        }
    }

    /**
     * Adds peers not yet known, durably, keeping their order; all of them or, past
     * {@code maxPeers}, none.
     *
     * @return every peer after the change
     * @throws PeerLimitException if there would be more than {@code maxPeers} peers
     */
    public List<String> registerPeers(List<String> baseUrls, int maxPeers) {
        NodeState next;
        writer.lock();
        try {
            NodeState current = latest;
            LinkedHashSet<String> added = new LinkedHashSet<>(baseUrls);
            added.removeAll(current.peers());
            if (added.isEmpty()) {
                next = current; // nothing to write, but what is known may still be on its way to disk
            } else {
                List<String> all = new ArrayList<>(current.peers());
                all.addAll(added);
                if (all.size() > maxPeers) {
                    throw new PeerLimitException("that would make " + all.size() + " peers; the limit is " + maxPeers
                            + " (setting blockchain.maxPeers)");
                }
                long position = store.addPeers(List.copyOf(added));
                next = new NodeState(current.chain(), current.pending(), List.copyOf(all), position);
                latest = next;
            }
        } finally {
            writer.unlock();
        }
        publishWhenDurable(next);
        return next.peers();
    }

    /**
     * Replaces the chain with {@code candidate} if it is strictly longer than the chain at this
     * moment. {@code candidate} must already be valid ({@link ChainValidator}). Pending
     * transactions the new chain holds leave the pool; transactions of the blocks it drops return
     * to it (mining rewards excepted), so nothing acknowledged is lost.
     *
     * @return true if the chain was replaced
     */
    public boolean adoptIfLonger(List<Block> candidate) {
        NodeState next;
        writer.lock();
        try {
            NodeState current = latest;
            if (candidate.size() <= current.length()) {
                return false; // ties keep our chain; our chain may have grown while peers were asked
            }
            List<Transaction> pending = Reorg.pendingAfter(current.chain(), candidate, current.pending());
            long position = store.replaceChain(candidate, pending);
            next = new NodeState(AppendList.copyOf(candidate), AppendList.copyOf(pending), current.peers(), position);
            latest = next;
        } finally {
            writer.unlock();
        }
        LOG.info(() -> "adopted a chain of " + candidate.size() + " blocks");
        publishWhenDurable(next);
        return true;
    }

    private void publishWhenDurable(NodeState next) {
        store.awaitDurable(next.position());
        synchronized (publishing) {
            if (next.position() > published.position()) {
                published = next;
            }
        }
    }

    private static <E> List<E> append(List<E> list, E item) {
        return ((AppendList<E>) list).plus(item);
    }

    /** Seconds since the epoch with microseconds, as Python's {@code time.time()}. */
    private static double now() {
        Instant now = Instant.now();
        return now.getEpochSecond() + (now.getNano() / 1000) / 1e6;
    }

    @Override
    public void close() {
        miner.close();
        try {
            store.close();
        } catch (StoreException e) {
            LOG.warning("closing the store failed: " + e.getMessage());
        }
    }
}
