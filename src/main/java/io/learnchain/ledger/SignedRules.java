package io.learnchain.ledger;

import io.learnchain.chain.Block;
import io.learnchain.chain.InvalidChainException;
import io.learnchain.chain.Transaction;
import io.learnchain.node.NodeState;
import io.learnchain.node.Rules;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The {@code signed} ledger mode's rules (see {@link Ledger}). The ledger of the chain is kept
 * for its tip, so that a new block or transaction is checked against it, not the whole chain;
 * likewise what the pool spends is kept, and moved on by the transactions the pool gains.
 * Thread-safe (synchronized: the node asks under its writer lock, balances are read at any time).
 */
public final class SignedRules implements Rules {
    private static final Logger LOG = Logger.getLogger(SignedRules.class.getName());

    private final String ownAddress;
    private Block ledgerTip;
    private Ledger ledger;
    /** What the pool {@code talliedPool} spends and how many transactions it holds, per sender. */
    private List<Transaction> talliedPool = List.of();
    private final Map<String, BigInteger> pendingSpending = new HashMap<>();
    private final Map<String, Long> pendingCount = new HashMap<>();

    /** @param ownAddress where this node's rewards go: the address of its own key */
    public SignedRules(String ownAddress) {
        this.ownAddress = ownAddress;
    }

    /** Only the blocks after the kept ledger's tip are checked when {@code chain} holds that tip: a peer's longer chain, say. */
    @Override
    public synchronized void checkChain(List<Block> chain) throws InvalidChainException {
        ledgerAfter(chain);
    }

    @Override
    public synchronized void checkNext(List<Block> chain, Block block) throws InvalidChainException {
        ledgerOf(chain).copy().applyBlock(block);
    }

    /** Not synchronized: a signature check needs nothing this object holds, and runs on every core. */
    @Override
    public String refusalOnItsOwn(Transaction tx) {
        return Ledger.formRefusal(tx.json());
    }

    @Override
    public synchronized String refusal(NodeState state, Transaction tx) {
        tallyPool(state);
        return ledgerOf(state.chain()).placeRefusal(tx.json(), pendingSpending, pendingCount);
    }

    @Override
    public synchronized List<Transaction> keepFitting(List<Block> chain, List<Transaction> pending) {
        Ledger confirmed = ledgerOf(chain);
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
        Ledger confirmed = ledgerOf(state.chain());
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

    /** The ledger after the node's {@code chain}, kept for its tip. */
    private Ledger ledgerOf(List<Block> chain) {
        Block tip = chain.get(chain.size() - 1);
        if (tip != ledgerTip) {
            try {
                ledger = ledgerAfter(chain);
            } catch (InvalidChainException e) {
                throw new IllegalStateException("the node holds a chain the ledger refuses: " + e.getMessage(), e);
            }
            ledgerTip = tip;
        }
        return ledger;
    }

    /**
     * The ledger after {@code chain} (its links already checked): the kept one moved on by the
     * blocks that follow its tip, when {@code chain} holds that tip, else built from genesis.
     */
    private Ledger ledgerAfter(List<Block> chain) throws InvalidChainException {
        int at = ledgerTip == null ? -1 : (int) ledgerTip.index() - 1;
        if (at < 0 || at >= chain.size() || !chain.get(at).equals(ledgerTip)) {
            return Ledger.of(chain);
        }
        Ledger next = ledger.copy();
        for (Block block : chain.subList(at + 1, chain.size())) {
            next.applyBlock(block);
        }
        return next;
    }
}
