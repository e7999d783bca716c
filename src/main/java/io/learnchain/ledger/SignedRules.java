package io.learnchain.ledger;

import io.learnchain.chain.Block;
import io.learnchain.chain.InvalidChainException;
import io.learnchain.chain.Transaction;
import io.learnchain.node.NodeState;
import io.learnchain.node.Rules;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The {@code signed} ledger mode's rules (see {@link Ledger}).
 *
 * <p><b>A fork costs its depth.</b> The ledger is kept for the tip of the node's chain, with what
 * undoes its last blocks ({@value #MAX_UNDO_BLOCKS} at most, {@value #MAX_UNDO_VALUES} values in
 * all): the ledger where another chain parts from ours is this one with the blocks after the
 * fork point undone, and only the other chain's blocks after that point are checked. Ledgers of
 * chains checked lately (a peer's, before it is adopted) are kept too, so that adopting one, or
 * checking a longer chain through it, starts from there. Signatures are verified on every core,
 * once each ({@link VerifiedSignatures}), before the transfers are placed in order.
 *
 * <p><b>Nothing slow under a lock.</b> Checking a chain runs on the caller's thread without any
 * lock, and stops at the caller's deadline with the blocks checked so far; a block pushed by a
 * peer has its signatures verified before the node's writer lock is taken. What the pool spends
 * is kept too, and moved on by the transactions the pool gains.
 *
 * <p>Thread-safe.
 */
public final class SignedRules implements Rules {
    private static final Logger LOG = Logger.getLogger(SignedRules.class.getName());
    static final int MAX_UNDO_BLOCKS = 1000;
    static final int MAX_UNDO_VALUES = 1_000_000;
    /** How many checked chains' ledgers are kept, besides the node's own. */
    private static final int PREPARED = 8;
    /** Transfers whose signatures are verified together, on every core, before they are placed. */
    private static final int BATCH_TRANSFERS = 4096;

    /**
     * The ledger after {@code block}, never changed once made (copied to move on), and what
     * undoes the blocks before it, newest first.
     */
    private record Tip(Block block, Ledger ledger, List<Ledger.Undo> undos, long undoValues) {
        static final Tip NONE = new Tip(null, Ledger.empty(), List.of(), 0);

        long index() {
            return block == null ? 0 : block.index();
        }
    }

    private final String ownAddress;
    private final VerifiedSignatures verified = new VerifiedSignatures(1 << 16);
    private final java.util.concurrent.atomic.LongAdder blocksApplied = new java.util.concurrent.atomic.LongAdder();
    /** The ledger after the node's chain, as the writer last saw it. */
    private volatile Tip kept = Tip.NONE;
    /** Ledgers of chains checked lately, by their tip's hash. Guarded by itself. */
    private final Map<String, Tip> prepared = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Tip> eldest) {
            return size() > PREPARED;
        }
    };
    /** What the pool {@code talliedPool} spends and how many transactions it holds, per sender. Guarded by {@code this}. */
    private List<Transaction> talliedPool = List.of();
    private final Map<String, BigInteger> pendingSpending = new HashMap<>();
    private final Map<String, Long> pendingCount = new HashMap<>();

    /** @param ownAddress where this node's rewards go: the address of its own key */
    public SignedRules(String ownAddress) {
        this.ownAddress = ownAddress;
    }

    /** Signatures verified since start (for tests and benchmarks: each transfer is verified once). */
    public long signatureVerifications() {
        return verified.verifications();
    }

    /** Blocks applied to a ledger since start (for tests and benchmarks: a fork's check costs its depth). */
    public long blocksApplied() {
        return blocksApplied.sum();
    }

    @Override
    public int checkChain(List<Block> chain, long stopAt) throws InvalidChainException {
        return (int) tipOf(chain, stopAt).index();
    }

    @Override
    public void verifyAhead(Block block) {
        verified.verifyAhead(List.of(block), Long.MAX_VALUE);
    }

    @Override
    public void checkNext(List<Block> chain, Block block) throws InvalidChainException {
        Tip base = tipOf(chain);
        remember(extend(base, List.of(block), Long.MAX_VALUE));
    }

    /** Not synchronized: a signature check needs nothing this object holds, and runs on every core. */
    @Override
    public String refusalOnItsOwn(Transaction tx) {
        return verified.refusal(tx.json());
    }

    @Override
    public synchronized String refusal(NodeState state, Transaction tx) {
        tallyPool(state);
        return tipOf(state.chain()).ledger().placeRefusal(tx.json(), pendingSpending, pendingCount);
    }

    @Override
    public List<Transaction> keepFitting(List<Block> chain, List<Transaction> pending) {
        Tip tip = tipOf(chain);
        kept = tip; // asked by the writer for the chain it is about to publish
        Ledger confirmed = tip.ledger();
        Map<String, BigInteger> spending = new HashMap<>();
        Map<String, Long> counted = new HashMap<>();
        List<Transaction> kept = new ArrayList<>(pending.size());
        for (Transaction tx : pending) {
            String refusal = confirmed.placeRefusal(tx.json(), spending, counted);
            if (refusal != null) {
                LOG.info(() -> "dropped a pending transaction that no longer fits the chain (" + refusal + "): " + tx.canonical());
                continue;
            }
            Map.Entry<String, BigInteger> spend = Ledger.spend(tx.json());
            spending.merge(spend.getKey(), spend.getValue(), BigInteger::add);
            counted.merge(spend.getKey(), 1L, Long::sum);
            kept.add(tx);
        }
        return kept.size() == pending.size() ? pending : kept;
    }

    @Override
    public String rewardRefusal(String address) {
        return Signatures.isAddress(address) ? null : "to must be an address: 64 lowercase hex characters (an Ed25519 public key)";
    }

    @Override
    public String ownRewardAddress(String nodeId) {
        return ownAddress;
    }

    @Override
    public synchronized Balance balance(NodeState state, String address) {
        tallyPool(state);
        Ledger confirmed = tipOf(state.chain()).ledger();
        BigInteger balance = confirmed.balance(address);
        return new Balance(address, balance, balance.subtract(pendingSpending.getOrDefault(address, BigInteger.ZERO)),
                confirmed.nextNonce(address) + pendingCount.getOrDefault(address, 0L));
    }

    /**
     * Brings the pool's tally to {@code state}'s pool: only the transactions added since the last
     * tally when the pool grew from it, which is how admissions meet it (else the whole pool,
     * after a block or a swap). Admission so costs the same however full the pool is.
     */
    private void tallyPool(NodeState state) {
        List<Transaction> pool = state.pending();
        if (!state.pendingGrewFrom(talliedPool)) {
            pendingSpending.clear();
            pendingCount.clear();
            talliedPool = List.of();
        }
        for (Transaction waiting : pool.subList(talliedPool.size(), pool.size())) {
            Map.Entry<String, BigInteger> spend = Ledger.spend(waiting.json());
            if (spend != null) {
                pendingSpending.merge(spend.getKey(), spend.getValue(), BigInteger::add);
                pendingCount.merge(spend.getKey(), 1L, Long::sum);
            }
        }
        talliedPool = pool;
    }

    /** The ledger after a chain the node holds or has checked (its rules met), however long it takes. */
    private Tip tipOf(List<Block> chain) {
        try {
            Tip tip = tipOf(chain, Long.MAX_VALUE);
            if (tip.index() != chain.size()) {
                throw new IllegalStateException("interrupted while bringing the ledger to the node's chain");
            }
            return tip;
        } catch (InvalidChainException e) {
            throw new IllegalStateException("the node holds a chain the ledger refuses: " + e.getMessage(), e);
        }
    }

    /**
     * The ledger after as many blocks of {@code chain} as can be checked by {@code stopAt}: from
     * the nearest ledger known (the node's, or one checked lately) that {@code chain} holds the
     * block of, or one where it parts from them (undoing the blocks after that point), else from
     * genesis.
     */
    private Tip tipOf(List<Block> chain, long stopAt) throws InvalidChainException {
        Block last = chain.get(chain.size() - 1);
        Tip base = kept;
        if (base.block() == last) {
            return base;
        }
        List<Tip> known = new ArrayList<>();
        known.add(base);
        synchronized (prepared) {
            Tip ready = prepared.get(last.hash());
            if (ready != null && ready.block().equals(last)) {
                return ready;
            }
            known.addAll(prepared.values());
        }
        Tip start = Tip.NONE;
        for (Tip tip : known) {
            Tip at = forkPoint(tip, chain);
            if (at.index() > start.index()) {
                start = at;
            }
        }
        Tip tip = extend(start, chain.subList((int) start.index(), chain.size()), stopAt);
        remember(tip); // the next question is most often about the same chain (a balance, an admission)
        return tip;
    }

    /** {@code tip}'s ledger at the last block {@code chain} shares with it, if its undo records reach that far. */
    private static Tip forkPoint(Tip tip, List<Block> chain) {
        if (tip.block() == null) {
            return Tip.NONE;
        }
        if (holds(chain, tip.block())) {
            return tip;
        }
        // undoing our block n leaves the ledger after our block n-1, whose hash block n names
        List<Ledger.Undo> undos = tip.undos();
        for (int i = 0; i < undos.size(); i++) {
            Block undone = undos.get(i).block();
            long index = undone.index() - 1;
            if (index < 1) {
                break;
            }
            if (index <= chain.size() && chain.get((int) index - 1).hash().equals(undone.previousHash())) {
                Ledger ledger = tip.ledger().copy();
                long values = tip.undoValues();
                for (Ledger.Undo undo : undos.subList(0, i + 1)) {
                    ledger.undo(undo);
                    values -= undo.size();
                }
                return new Tip(chain.get((int) index - 1), ledger, undos.subList(i + 1, undos.size()), values);
            }
        }
        return Tip.NONE;
    }

    private static boolean holds(List<Block> chain, Block block) {
        long index = block.index();
        return index <= chain.size() && chain.get((int) index - 1).equals(block);
    }

    /**
     * {@code base} moved on by {@code blocks}, checked in batches: signatures verified on every
     * core, then transfers placed in order; stops between blocks when {@code stopAt} passes or
     * the thread is interrupted, with the blocks checked so far.
     */
    private Tip extend(Tip base, List<Block> blocks, long stopAt) throws InvalidChainException {
        if (blocks.isEmpty()) {
            return base;
        }
        Ledger ledger = base.ledger().copy();
        Deque<Ledger.Undo> undos = new ArrayDeque<>(base.undos());
        long values = base.undoValues();
        Block tip = base.block();
        int next = 0;
        while (next < blocks.size()) {
            if (System.nanoTime() - stopAt >= 0 || Thread.currentThread().isInterrupted()) {
                break;
            }
            int end = next;
            for (int transfers = 0; end < blocks.size() && (end == next || transfers < BATCH_TRANSFERS); end++) {
                transfers += blocks.get(end).transactionCount();
            }
            verified.verifyAhead(blocks.subList(next, end), stopAt);
            for (Block block : blocks.subList(next, end)) {
                Ledger.Undo undo = new Ledger.Undo(block);
                ledger.applyBlock(block, verified, undo);
                blocksApplied.increment();
                undos.addFirst(undo);
                values += undo.size();
                while (undos.size() > MAX_UNDO_BLOCKS || (values > MAX_UNDO_VALUES && undos.size() > 1)) {
                    values -= undos.removeLast().size();
                }
                tip = block;
            }
            next = end;
        }
        if (tip == base.block()) {
            return base;
        }
        return new Tip(tip, ledger, List.copyOf(undos), values);
    }

    private void remember(Tip tip) {
        if (tip.block() != null && tip != kept) {
            synchronized (prepared) {
                prepared.put(tip.block().hash(), tip);
            }
        }
    }
}
