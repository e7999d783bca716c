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
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
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
 * at append time, as the original does, up to {@link PoolLimits#maxBlockBytes()}: the oldest
 * transactions that fit go in, the rest wait for the next block.
 *
 * <p>Thread-safe.
 */
public final class Blockchain implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Blockchain.class.getName());

    private final NodeStore store;
    private final String nodeId;
    private final Miner miner;
    private final SideBranches sideBranches;
    private final BlockJournal journal = new BlockJournal();
    private final Long genesisTime;
    private final PoolLimits limits;
    private final int difficulty;
    private final Rules rules;
    private final ReentrantLock writer = new ReentrantLock();
    private final Object publishing = new Object();
    private final Instant startedAt = Instant.now();
    /** The newest state, possibly not yet durable; written under {@link #writer}. */
    private volatile NodeState latest;
    /** The newest durable state: what readers see. */
    private volatile NodeState published;
    private volatile boolean closed;
    /** Guarded by {@link #writer}. */
    private final MinedElsewhere minedElsewhere = new MinedElsewhere(100_000);
    private final EventLog events = new EventLog(1000);
    /** Tells of searches under way (one daemon thread, idle when nothing is mined). */
    private final java.util.concurrent.ScheduledExecutorService progress =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mining-progress", false));
    private final LongAdder blocksMined = new LongAdder();
    private final LongAdder blocksReceived = new LongAdder();
    private final LongAdder chainsAdopted = new LongAdder();

    /**
     * Opens the node kept in {@code store}, or starts a new one with a new id and a genesis block.
     *
     * @throws InvalidChainException if the stored chain breaks the consensus rules
     */
    public Blockchain(NodeStore store, int miningThreads) throws InvalidChainException {
        this(store, miningThreads, PoolLimits.DEFAULTS);
    }

    /**
     * As {@link #Blockchain(NodeStore, int)}, refusing new transactions while the pool is at its
     * limits (so a flood fills no memory: it waits for a block).
     */
    public Blockchain(NodeStore store, int miningThreads, PoolLimits limits) throws InvalidChainException {
        this(store, miningThreads, limits, ProofOfWork.DIFFICULTY);
    }

    /**
     * As above, on a network of {@code difficulty}: the leading hex zeros a proof's hash needs,
     * for blocks this node mines and blocks it accepts alike.
     */
    public Blockchain(NodeStore store, int miningThreads, PoolLimits limits, int difficulty) throws InvalidChainException {
        this(store, miningThreads, limits, difficulty, Rules.OPEN);
    }

    /** As above, under {@code rules} beyond proof of work (the signed ledger's, or none). */
    public Blockchain(NodeStore store, int miningThreads, PoolLimits limits, int difficulty, Rules rules)
            throws InvalidChainException {
        this(store, miningThreads, limits, difficulty, rules, new SideBranches(1000, 16L << 20));
    }

    /** As above, keeping the blocks of branches it leaves or sees in {@code sideBranches}. */
    public Blockchain(NodeStore store, int miningThreads, PoolLimits limits, int difficulty, Rules rules, SideBranches sideBranches)
            throws InvalidChainException {
        this(store, miningThreads, limits, difficulty, rules, sideBranches, null);
    }

    /**
     * As above, a new chain's genesis block made at {@code genesisTime} (seconds since 1970), or
     * at the moment it is made when null: nodes given the same time share one genesis block.
     */
    public Blockchain(NodeStore store, int miningThreads, PoolLimits limits, int difficulty, Rules rules, SideBranches sideBranches,
                      Long genesisTime) throws InvalidChainException {
        this.genesisTime = genesisTime;
        this.sideBranches = sideBranches;
        this.store = store;
        this.rules = rules;
        this.difficulty = difficulty;
        this.limits = limits;
        NodeStore.Contents contents = store.load().orElse(null);
        NodeState initial;
        if (contents == null) {
            String id = UUID.randomUUID().toString().replace("-", "");
            Block genesis = newGenesis();
            long position = store.initialize(id, genesis);
            store.awaitDurable(position);
            this.nodeId = id;
            initial = new NodeState(AppendList.copyOf(List.of(genesis)), AppendList.empty(), 0, List.of(), position);
        } else {
            ChainValidator.validate(contents.chain(), difficulty);
            if (rules.checkChain(contents.chain(), Long.MAX_VALUE) != contents.chain().size()) {
                throw new NodeStoppedException(); // interrupted while the stored chain was checked
            }
            this.nodeId = contents.nodeId();
            // The store records what blocks take out of the pool, not what the rules dropped
            // because it no longer fits (a nonce taken by a peer's block): that is derived again here.
            List<Transaction> pending = rules.keepFitting(contents.chain(), contents.pending());
            initial = new NodeState(AppendList.copyOf(contents.chain()), AppendList.copyOf(pending), bytes(pending),
                    List.copyOf(contents.peers()), 0);
        }
        rememberRecentlyMined(initial.chain());
        this.latest = initial;
        this.published = initial;
        this.miner = new Miner(miningThreads, difficulty);
    }

    /**
     * How long after a block was mined a relayed copy of one of its payments may still arrive: a
     * push waits at most a peer deadline (10 s) and a few retries; a minute is ample.
     */
    private static final double RELAY_LAG_SECONDS = 60;

    /**
     * After a restart, what was learnt in memory of payments already mined is gone; a relayed
     * copy of one mined in the last minute (before the node stopped) may still be on its way,
     * and would be mined twice. Those payments count as mined elsewhere, each absorbing one late
     * copy, as when the block had just arrived.
     */
    private void rememberRecentlyMined(List<Block> chain) {
        double since = now() - RELAY_LAG_SECONDS;
        // the last hundred blocks: a peer's clock may be off, so timestamps need not grow block by block
        for (int i = chain.size() - 1; i > 0 && i >= chain.size() - 100; i--) {
            Block block = chain.get(i);
            if (!(block.json().get("timestamp") instanceof io.learnchain.json.JsonNumber at) || at.doubleValue() < since) {
                continue;
            }
            for (io.learnchain.json.JsonObject tx : block.transactions()) {
                if (!Transaction.isReward(tx)) {
                    minedElsewhere.add(new Transaction(tx).id());
                }
            }
        }
    }

    /** Where everything that happens in the node is told: this node's own reports, and its network's. */
    public EventLog events() {
        return events;
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

    /** Lets at most {@code threads} of the miner's threads search, {@code duty} of the time (see {@link Miner#throttle}). */
    public void throttleMining(int threads, double duty) {
        miner.throttle(threads, duty);
    }

    /** Leading hex zeros a proof's hash needs on this node's network. */
    public int difficulty() {
        return difficulty;
    }

    public PoolLimits limits() {
        return limits;
    }

    /**
     * What this node has done since it started, counted once each change is durable.
     *
     * @param blocksMined    blocks this node mined
     * @param blocksReceived blocks peers pushed that extended our chain
     * @param chainsAdopted  longer chains adopted from peers (by resolve or sync)
     * @param proofAttempts  proofs tried by the miner
     */
    public record Activity(long blocksMined, long blocksReceived, long chainsAdopted, long proofAttempts) {
    }

    public Activity activity() {
        return new Activity(blocksMined.sum(), blocksReceived.sum(), chainsAdopted.sum(), miner.attempts());
    }

    /**
     * Checks a chain from genesis (a peer's, say) against proof of work and this node's rules,
     * from block {@code from} on (0-based; blocks before it are known to hold), as far as it can
     * by {@code stopAt} ({@link System#nanoTime()}): the rules' check may be slow (the signed
     * ledger's, for a long chain), and stops there with a valid part of the chain.
     *
     * @return how many first blocks of {@code chain} are valid: all, or fewer when the check stopped early
     * @throws InvalidChainException saying which block breaks which rule
     */
    public int validate(List<Block> chain, int from, long stopAt) throws InvalidChainException {
        ChainValidator.validateFrom(chain, from, difficulty);
        return rules.checkChain(chain, stopAt);
    }

    /** What the ledger says of {@code address}, or null when this node keeps no ledger (open mode). */
    public Rules.Balance balance(String address) {
        return rules.balance(latest, address);
    }

    /** Why the node cannot take changes now (stopping, or its store failed), or null when it can. */
    public String problem() {
        return closed ? "the node is stopping" : store.problem();
    }

    /** Where the node's data lives. */
    public String storeLocation() {
        return store.location();
    }

    /**
     * Adds a transaction to the pending pool, durably.
     *
     * @return the index of the block that will hold it
     * @throws PoolFullException if the pool is at {@link PoolLimits#maxTransactions()} or would pass
     *                           {@link PoolLimits#maxBytes()}
     * @throws IllegalArgumentException if the transaction is larger than a block can hold
     * @throws TransactionRefusedException if the ledger's rules refuse it (signed mode)
     */
    public long addTransaction(Transaction transaction) {
        int size = transaction.encodedSize();
        if (size > limits.maxTransactionBytes()) {
            throw new IllegalArgumentException("the transaction is " + size + " bytes; a block holds at most "
                    + limits.maxTransactionBytes());
        }
        checkOpen();
        String invalid = rules.refusalOnItsOwn(transaction);
        if (invalid != null) {
            throw new TransactionRefusedException(invalid);
        }
        NodeState next;
        writer.lock();
        try {
            NodeState current = latest;
            if (current.pending().size() >= limits.maxTransactions()) {
                throw new PoolFullException(limits.maxTransactions() + " transactions");
            }
            if (current.pendingBytes() + size > limits.maxBytes()) {
                throw new PoolFullException(limits.maxBytes() + " bytes");
            }
            String refusal = rules.refusal(current, transaction);
            if (refusal != null) {
                throw new TransactionRefusedException(refusal);
            }
            long position = store.addPending(transaction);
            next = new NodeState(current.chain(), append(current.pending(), transaction), current.pendingBytes() + size,
                    current.peers(), position);
            latest = next;
        } finally {
            writer.unlock();
        }
        publishWhenDurable(next);
        return next.nextIndex();
    }

    /**
     * Adds a transaction a peer relayed, unless it is a payment our chain holds already: one
     * that reached us in a peer's block before its relayed copy arrived.
     *
     * @return the index of the block that will hold it, or -1 if the chain holds it already
     * @throws PoolFullException as {@link #addTransaction}
     */
    public long addRelayedTransaction(Transaction transaction) {
        writer.lock();
        try {
            if (minedElsewhere.consume(transaction.id())) {
                return -1;
            }
        } finally {
            writer.unlock();
        }
        return addTransaction(transaction);
    }

    /**
     * Mines a block: finds the smallest proof after the tip, then appends a block holding the
     * oldest pending transactions that fit in {@link PoolLimits#maxBlockBytes()} and this node's
     * reward. Two calls at once make two consecutive blocks.
     */
    public Block mine() {
        return mine(null);
    }

    /**
     * As {@link #mine()}, paying the reward to {@code rewardTo} (null: this node's own address).
     *
     * @throws TransactionRefusedException if the rules refuse that address
     */
    public Block mine(String rewardTo) {
        String recipient = rewardTo == null ? rules.ownRewardAddress(nodeId) : rewardTo;
        String refusal = rules.rewardRefusal(recipient);
        if (refusal != null) {
            throw new TransactionRefusedException(refusal);
        }
        while (true) {
            checkOpen();
            Block parent = latest.tip();
            long proof = searchTellingProgress(parent);
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
                List<Transaction> transactions = new ArrayList<>();
                List<Transaction> left = new ArrayList<>();
                long leftBytes = takeForBlock(current, transactions, left);
                transactions.add(Transaction.reward(recipient));
                block = Block.create(parent.index() + 1, now(), transactions, proof, parent.hash());
                long position = store.appendBlock(block);
                List<Transaction> pending = left.isEmpty() ? AppendList.empty() : AppendList.copyOf(left);
                next = new NodeState(append(current.chain(), block), pending, leftBytes, current.peers(), position);
                latest = next;
            } finally {
                writer.unlock();
            }
            publishWhenDurable(next);
            blocksMined.increment();
            journal.taken(block.hash(), "mined", null);
            events.report("block", "mined", "mined block " + block.index() + " (" + EventLog.shortHash(block.hash()) + ") with "
                            + EventLog.count(block.transactionCount(), "transaction") + ", the reward included",
                    "index", block.index(), "hash", block.hash(), "previous_hash", block.previousHash(), "proof",
                    block.proof().canonical(), "transactions", block.transactionCount());
            return block;
        }
    }

    /**
     * The miner's search after {@code parent}, told as it goes: started, attempts and rate every
     * {@value #PROGRESS_MS} ms, found (announced: live only, not kept).
     */
    private long searchTellingProgress(Block parent) {
        long attemptsBefore = miner.attempts();
        long started = System.nanoTime();
        long next = parent.index() + 1;
        events.announce("mining", "started", "mining block " + next + " at difficulty " + difficulty, "index", next,
                "difficulty", difficulty);
        Runnable tell = () -> {
            long attempts = miner.attempts() - attemptsBefore;
            double seconds = (System.nanoTime() - started) / 1e9;
            long rate = seconds > 0 ? Math.round(attempts / seconds) : 0;
            events.announce("mining", "progress", "mining block " + next + ": " + attempts + " proofs tried, " + rate + " a second",
                    "index", next, "attempts", attempts, "rate", rate);
        };
        java.util.concurrent.ScheduledFuture<?> ticking = progress.scheduleAtFixedRate(tell, PROGRESS_MS, PROGRESS_MS,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        long proof;
        try {
            proof = miner.findProof(parent, () -> closed || latest.tip() != parent);
        } finally {
            ticking.cancel(false);
        }
        if (proof != ProofOfWork.CANCELLED) {
            long attempts = miner.attempts() - attemptsBefore;
            events.announce("mining", "found", "found proof " + proof + " for block " + next + " after " + attempts + " tries",
                    "index", next, "proof", proof, "attempts", attempts,
                    "seconds", Math.round((System.nanoTime() - started) / 1e6) / 1000.0);
        }
        return proof;
    }

    /** How often a search's progress is told. */
    private static final long PROGRESS_MS = 250;

    /**
     * Splits the pool: the oldest transactions that fit in a block go to {@code block}, the rest
     * to {@code left}; returns the bytes left. Once one does not fit, the rest wait too (their
     * order is kept), except one too large for any block, which is passed over rather than
     * holding back every block behind it.
     */
    private long takeForBlock(NodeState current, List<Transaction> block, List<Transaction> left) {
        long room = limits.maxTransactionBytes();
        long taken = 0;
        boolean full = false;
        for (Transaction tx : current.pending()) {
            if (!full) {
                int size = tx.encodedSize();
                if (size + 1 <= room) { // with its comma
                    block.add(tx);
                    room -= size + 1;
                    taken += size;
                    continue;
                }
                full = size <= limits.maxTransactionBytes();
            }
            left.add(tx);
        }
        return current.pendingBytes() - taken;
    }

    private static long bytes(List<Transaction> transactions) {
        long total = 0;
        for (Transaction tx : transactions) {
            total += tx.encodedSize();
        }
        return total;
    }

    /**
     * Adds peers not yet known, durably, keeping their order; all of them or, past
     * {@code maxPeers}, none.
     *
     * @return every peer after the change
     * @throws PeerLimitException if there would be more than {@code maxPeers} peers
     */
    public List<String> registerPeers(List<String> baseUrls, int maxPeers) {
        return changePeers(current -> {
            LinkedHashSet<String> added = new LinkedHashSet<>(baseUrls);
            added.removeAll(current);
            if (added.isEmpty()) {
                return null;
            }
            List<String> all = new ArrayList<>(current);
            all.addAll(added);
            if (all.size() > maxPeers) {
                throw new PeerLimitException("that would make " + all.size() + " peers; the limit is " + maxPeers
                        + " (setting blockchain.maxPeers)");
            }
            return new PeerChange(all, store.addPeers(List.copyOf(added)));
        });
    }

    /**
     * Removes peers, durably; those not known are ignored.
     *
     * @return every peer after the change
     */
    public List<String> removePeers(List<String> baseUrls) {
        return changePeers(current -> {
            List<String> removed = new ArrayList<>(new LinkedHashSet<>(baseUrls));
            removed.retainAll(current);
            if (removed.isEmpty()) {
                return null;
            }
            List<String> all = new ArrayList<>(current);
            all.removeAll(removed);
            return new PeerChange(all, store.removePeers(removed));
        });
    }

    /** A new peer list, and the store position that records it. */
    private record PeerChange(List<String> peers, long position) {
    }

    /**
     * Applies {@code change} to the peer list under the writer lock (it records the change in
     * the store, or returns null when there is none) and returns the list once durable.
     */
    private List<String> changePeers(Function<List<String>, PeerChange> change) {
        checkOpen();
        NodeState next;
        writer.lock();
        try {
            NodeState current = latest;
            PeerChange changed = change.apply(current.peers());
            if (changed == null) {
                next = current; // nothing to write, but what is known may still be on its way to disk
            } else {
                next = new NodeState(current.chain(), current.pending(), current.pendingBytes(), List.copyOf(changed.peers()),
                        changed.position());
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
        return adoptIfLonger(candidate, null);
    }

    /**
     * As {@link #adoptIfLonger(List)}, the chain having come from {@code from} (a peer's address,
     * or null), as the event that tells of it says.
     */
    public boolean adoptIfLonger(List<Block> candidate, String from) {
        checkOpen();
        NodeState next;
        NodeState before;
        boolean adopted = false;
        int kept = 0;
        int dropped = 0;
        writer.lock();
        try {
            NodeState current = latest;
            before = current;
            // A tie keeps our chain. Ours may have grown while peers were asked, and what made it
            // grow may still be on its way to disk: the caller then answers after it is durable.
            next = current;
            if (candidate.size() > current.length()) {
                kept = Reorg.commonPrefix(current.chain(), candidate);
                dropped = current.length() - kept;
                List<Transaction> pending = rules.keepFitting(candidate,
                        Reorg.pendingAfter(current.chain(), candidate, current.pending()));
                Reorg.arrivedMined(current.chain(), candidate, current.pending()).forEach(tx -> minedElsewhere.add(tx.id()));
                long position;
                List<Block> chain;
                if (kept == current.length()) {
                    // it extends ours: append what is new, as mined blocks are
                    position = 0;
                    chain = current.chain();
                    for (Block block : candidate.subList(kept, candidate.size())) {
                        position = store.appendBlock(block);
                        chain = append(chain, block);
                    }
                } else {
                    position = store.replaceChain(candidate, kept, pending);
                    chain = AppendList.copyOf(candidate);
                }
                next = new NodeState(chain, AppendList.copyOf(pending), bytes(pending), current.peers(), position);
                latest = next;
                adopted = true;
            }
        } finally {
            writer.unlock();
        }
        publishWhenDurable(next);
        if (!adopted) {
            return false;
        }
        chainsAdopted.increment();
        noteReplaced(before, next, kept, kept == before.length() ? "synced" : "adopted", from);
        int newBlocks = candidate.size() - kept;
        int lost = dropped;
        LOG.info(() -> "adopted a chain of " + candidate.size() + " blocks: " + newBlocks + " new, " + lost + " of ours dropped");
        reportAdoption(before, candidate, kept, from);
        return true;
    }

    /**
     * Notes a chain that replaced {@code before}'s blocks after {@code kept}, for the picture: the
     * new ones taken ({@code how}, {@code from}) in the journal; the old ones kept as a side branch
     * and journalled as dropped, with how many of each one's transactions are in the pool now.
     */
    private void noteReplaced(NodeState before, NodeState after, int kept, String how, String from) {
        for (Block block : after.chain().subList(kept, after.length())) {
            journal.taken(block.hash(), how, from);
        }
        if (kept == before.length()) {
            return;
        }
        before.chain().subList(kept, before.length()).forEach(sideBranches::add);
        java.util.Set<String> pooled = new java.util.HashSet<>();
        after.pending().forEach(tx -> pooled.add(tx.id()));
        for (Block block : before.chain().subList(kept, before.length())) {
            int returned = 0;
            for (io.learnchain.json.JsonObject tx : block.transactions()) {
                if (!Transaction.isReward(tx) && pooled.contains(Transaction.idOf(tx))) {
                    returned++;
                }
            }
            journal.dropped(block.hash(), returned);
        }
    }

    /** Tells of an adopted chain: blocks that extend ours, or a reorg with what it dropped and put back. */
    private void reportAdoption(NodeState before, List<Block> candidate, int kept, String from) {
        Block tip = candidate.get(candidate.size() - 1);
        String source = from == null ? "a peer" : from;
        if (kept == before.length()) {
            int count = candidate.size() - kept;
            events.report("block", "synced", "took " + EventLog.count(count, "block") + " from " + source + ": now "
                            + candidate.size() + " blocks, the newest " + tip.index() + " (" + EventLog.shortHash(tip.hash()) + ")",
                    "index", tip.index(), "hash", tip.hash(), "from", source, "blocks", count);
            return;
        }
        List<Block> droppedBlocks = before.chain().subList(kept, before.length());
        List<String> droppedHashes = new ArrayList<>();
        for (Block block : droppedBlocks.subList(0, Math.min(10, droppedBlocks.size()))) {
            droppedHashes.add(block.hash());
        }
        int returned = Reorg.returned(before.chain(), candidate).size();
        Block oldTip = before.tip();
        events.report("reorg", "adopted", "adopted " + source + "'s chain (" + candidate.size() + " > " + before.length()
                        + " blocks): our " + (droppedBlocks.size() == 1 ? "block " + oldTip.index() + " (" + EventLog.shortHash(oldTip.hash())
                        + ")" : droppedBlocks.size() + " blocks from " + (kept + 1)) + " dropped, " + EventLog.count(returned, "transaction")
                        + " back in the pool",
                "from", source, "length", candidate.size(), "previous_length", before.length(), "fork_point", kept,
                "old_tip", oldTip.hash(), "new_tip", tip.hash(), "dropped", droppedBlocks.size(),
                "dropped_hashes", String.join(",", droppedHashes), "returned", returned);
    }



    /** What an operator's override discarded: the old chain's blocks it dropped, and transactions acknowledged since. */
    public record Discarded(List<Block> blocks, List<Transaction> transactions) {
    }

    /**
     * The operator's override of the longest-chain rule, as Bitcoin's {@code invalidateblock} is:
     * the chain, pool and peers become these, even when the chain is shorter (restoring a snapshot,
     * starting afresh, importing). One atomic, durable swap through the store's chain-replacing
     * path. The one way acknowledged transactions can be lost, so it says which: the answer, the
     * log and a {@code reorg} event ({@code code}: restored, reset or imported) list them.
     *
     * @throws InvalidChainException when {@code chain} breaks this node's rules (a damaged or edited snapshot)
     */
    public Discarded override(List<Block> chain, List<Transaction> pending, List<String> peers, String code, String what)
            throws InvalidChainException {
        checkOpen();
        validate(chain, 0, Long.MAX_VALUE);
        NodeState before;
        NodeState next;
        int kept;
        writer.lock();
        try {
            before = latest;
            kept = Reorg.commonPrefix(before.chain(), chain);
            List<Transaction> keptPending = rules.keepFitting(chain, pending);
            long position = store.replaceChain(chain, kept, keptPending);
            List<String> added = new ArrayList<>(peers);
            added.removeAll(before.peers());
            List<String> removed = new ArrayList<>(before.peers());
            removed.removeAll(peers);
            if (!added.isEmpty()) {
                position = store.addPeers(added);
            }
            if (!removed.isEmpty()) {
                position = store.removePeers(removed);
            }
            next = new NodeState(AppendList.copyOf(chain), AppendList.copyOf(keptPending), bytes(keptPending), List.copyOf(peers), position);
            latest = next;
        } finally {
            writer.unlock();
        }
        publishWhenDurable(next);
        List<Block> droppedBlocks = List.copyOf(before.chain().subList(kept, before.length()));
        noteReplaced(before, next, kept, code, null);
        // acknowledged since: the old pool, and what the dropped blocks held, less what the new chain and pool hold
        java.util.Set<String> keptIds = new java.util.HashSet<>();
        for (Block block : chain) {
            block.transactions().forEach(tx -> keptIds.add(Transaction.idOf(tx)));
        }
        next.pending().forEach(tx -> keptIds.add(tx.id()));
        List<Transaction> lost = new ArrayList<>();
        for (Block block : droppedBlocks) {
            for (io.learnchain.json.JsonObject tx : block.transactions()) {
                if (!Transaction.isReward(tx) && !keptIds.contains(Transaction.idOf(tx))) {
                    lost.add(new Transaction(tx));
                }
            }
        }
        for (Transaction tx : before.pending()) {
            if (!keptIds.contains(tx.id())) {
                lost.add(tx);
            }
        }
        LOG.warning(() -> what + ": the chain is now " + chain.size() + " blocks (was " + before.length() + "); "
                + droppedBlocks.size() + " blocks and " + lost.size() + " acknowledged transactions discarded by the operator");
        events.report("reorg", code, what + ": now " + EventLog.count(chain.size(), "block") + " (was " + before.length() + "), "
                        + EventLog.count(droppedBlocks.size(), "block") + " and " + EventLog.count(lost.size(), "acknowledged transaction")
                        + " discarded by the operator",
                "length", chain.size(), "previous_length", before.length(), "fork_point", kept, "new_tip", next.tip().hash(),
                "dropped", droppedBlocks.size(), "discarded_transactions", lost.size());
        return new Discarded(droppedBlocks, lost);
    }

    /**
     * Mines a block after {@code branch}'s last block without adding it anywhere: a withheld
     * (private) branch's, as an attacker mines it, holding only this node's reward. Told nowhere:
     * the caller decides what to say.
     *
     * @throws NodeStoppedException if the node stops meanwhile
     */
    public Block mineAfter(List<Block> branch) {
        checkOpen();
        Block parent = branch.get(branch.size() - 1);
        long proof = miner.findProof(parent, () -> closed);
        if (proof == ProofOfWork.CANCELLED) {
            throw new NodeStoppedException();
        }
        return Block.create(parent.index() + 1, now(), List.of(Transaction.reward(rules.ownRewardAddress(nodeId))), proof, parent.hash());
    }

    /** How many of {@code branch}'s blocks our chain does not hold (those after where they part). */
    public int blocksNotOnOurChain(List<Block> branch) {
        return branch.size() - Reorg.commonPrefix(latest.chain(), branch);
    }

    /**
     * Keeps a block that is not taken (a fork's tip) among the side branches when its parent is
     * one this node knows and its proof is valid there: strangers cannot fill them with junk.
     */
    private void keepIfOnAKnownParent(NodeState current, Block block) {
        long parentIndex = block.index() - 1;
        Block parent = parentIndex >= 1 && parentIndex <= current.length() && current.holds(parentIndex, block.previousHash())
                ? current.chain().get((int) parentIndex - 1) : sideBranches.get(block.previousHash()).orElse(null);
        if (parent == null) {
            return;
        }
        try {
            ChainValidator.checkLink(parent, block, difficulty);
            sideBranches.add(block);
        } catch (InvalidChainException e) {
            // not a valid block on that parent: not kept
        }
    }

    /** Where a block is: its height and whether it is on our chain, or empty when this node holds it nowhere. */
    public record Held(Block block, boolean main) {
    }

    /** The block with {@code hash}, on our chain (searched from the tip back) or a side branch. */
    public java.util.Optional<Held> find(String hash) {
        List<Block> chain = latest.chain();
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (chain.get(i).hash().equals(hash)) {
                return java.util.Optional.of(new Held(chain.get(i), true));
            }
        }
        return sideBranches.get(hash).map(block -> new Held(block, false));
    }

    /** When and how this node took or dropped recent blocks. */
    public BlockJournal journal() {
        return journal;
    }

    /** The newest blocks of branches this node left or saw, oldest first (see {@link SideBranches}). */
    public List<Block> sideBlocks(int count) {
        return sideBranches.newest(count);
    }

    /** A new first block for starting afresh: as a new node makes its own (at the genesis time, when one is set). */
    public Block newGenesis() {
        return Block.genesis(genesisTime != null ? genesisTime.doubleValue() : now());
    }

    /** What became of a block a peer sent. */
    public enum Arrival {
        /** It followed our tip and now ends our chain. */
        APPENDED,
        /** Our chain holds it already. */
        KNOWN,
        /** It is beyond our tip or on another branch at least as long as ours: the sender's chain may be longer. */
        AHEAD,
        /** It is on a branch no longer than ours: nothing to do. */
        BEHIND
    }

    /**
     * Takes a block a peer sent: appended, durably, if it follows our tip (its transactions
     * leave the pending pool); otherwise says how it relates to our chain, so that the caller
     * can fetch the blocks between.
     *
     * @throws InvalidChainException if it follows our tip but breaks the rules
     */
    public Arrival acceptBlock(Block block) throws InvalidChainException {
        return acceptBlock(block, null);
    }

    /** As {@link #acceptBlock(Block)}, the block pushed by {@code from} (a registered peer's address, or null), as the journal says. */
    public Arrival acceptBlock(Block block, String from) throws InvalidChainException {
        checkOpen();
        if (block.previousHash().equals(latest.tip().hash())) {
            rules.verifyAhead(block); // its signatures, before the lock: under it, only their place is checked
        }
        NodeState next;
        writer.lock();
        try {
            NodeState current = latest;
            Block tip = current.tip();
            if (current.holds(block.index(), block.hash())) {
                return Arrival.KNOWN;
            }
            if (block.index() != tip.index() + 1 || !block.previousHash().equals(tip.hash())) {
                keepIfOnAKnownParent(current, block);
                return block.index() > tip.index() ? Arrival.AHEAD : Arrival.BEHIND;
            }
            ChainValidator.checkLink(tip, block, difficulty);
            rules.checkNext(current.chain(), block);
            List<Block> chain = append(current.chain(), block);
            List<Transaction> pending = rules.keepFitting(chain, Transaction.without(current.pending(), block.transactions()));
            Reorg.arrivedMined(List.of(tip), List.of(tip, block), current.pending())
                    .forEach(tx -> minedElsewhere.add(tx.id()));
            long pendingBytes = pending.size() == current.pending().size() ? current.pendingBytes() : bytes(pending);
            long position = store.appendBlock(block);
            next = new NodeState(chain,
                    pending == current.pending() ? pending : AppendList.copyOf(pending), pendingBytes, current.peers(), position);
            latest = next;
        } finally {
            writer.unlock();
        }
        publishWhenDurable(next);
        blocksReceived.increment();
        journal.taken(block.hash(), "pushed", from);
        return Arrival.APPENDED;
    }

    /**
     * A short description of our chain for a peer to find where its chain and ours part: the
     * indexes and hashes of the last ten blocks, then of blocks ever further apart, then of the
     * first. The highest one a peer holds too is where the chains fork.
     */
    public static List<Block> locator(List<Block> chain) {
        List<Block> blocks = new ArrayList<>();
        int step = 1;
        for (int i = chain.size() - 1; i > 0; i -= step) {
            blocks.add(chain.get(i));
            if (blocks.size() >= 10) {
                step *= 2;
            }
        }
        blocks.add(chain.get(0));
        return blocks;
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

    private void checkOpen() {
        if (closed) {
            throw new NodeStoppedException();
        }
    }

    /** Stops the node: searches under way end, changes are refused, the store closes. Reading goes on. */
    @Override
    public void close() {
        closed = true;
        miner.close();
        progress.shutdownNow();
        DaemonThreads.awaitEnd(progress); // a server undeploying the WAR must find no thread left
        try {
            store.close();
        } catch (StoreException e) {
            LOG.warning("closing the store failed: " + e.getMessage());
        }
    }
}
