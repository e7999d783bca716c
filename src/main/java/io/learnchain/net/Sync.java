package io.learnchain.net;

import io.learnchain.chain.Block;
import io.learnchain.chain.InvalidChainException;
import io.learnchain.node.Blockchain;
import io.learnchain.node.DaemonThreads;
import io.learnchain.node.NodeState;
import io.learnchain.node.NodeStoppedException;
import io.learnchain.peer.Deadline;
import io.learnchain.peer.PeerClient;
import io.learnchain.peer.PeerFailure;
import io.learnchain.peer.PeerOutcome;
import io.learnchain.peer.PeerSettings;
import io.learnchain.peer.RoundBudget;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * Pulls what a peer has and this node lacks, under the tutorial's rule (the longest valid chain
 * wins, ties keep ours). With a peer that speaks this node's protocol it moves only the missing
 * blocks: it asks where the chains part ({@code POST /peer/locate}, with a locator of our
 * hashes), then for the blocks after that point ({@code GET /chain?from=N}), validates them
 * against our block they follow, and adopts the result. A peer that speaks only the tutorial's API
 * (the Python node) is asked for its whole chain ({@code GET /chain}), as a resolve would.
 *
 * <p>Syncs run on a small pool, one at a time per peer (a request for a peer already being
 * synced is dropped), each under the peer deadline; what all of them hold of peers' answers
 * shares one budget ({@link PeerSettings#maxRoundBytes()}).
 *
 * <p>Thread-safe.
 */
final class Sync implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Sync.class.getName());
    /** The least time between two syncs with one peer that pushed blocks ask for. */
    static final long HINT_GAP_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How often a sync locates the fork point again when the peer's chain moved meanwhile. */
    private static final int LOCATE_ATTEMPTS = 3;

    private final Blockchain blockchain;
    private final PeerClient client;
    private final PeerBook book;
    private final PeerSettings settings;
    private final ScheduledExecutorService timer;
    private final BiConsumer<Block, String> onNewTip;
    private final RoundBudget budget;
    private final ThreadPoolExecutor workers;
    /** Peers with a sync running or waiting: true when it is to run once more. */
    private final ConcurrentHashMap<String, Boolean> running = new ConcurrentHashMap<>();
    /** Peers with a hinted sync waiting for its gap to end. */
    private final Set<String> deferred = ConcurrentHashMap.newKeySet();
    private final AtomicLong blocksMoved = new AtomicLong();
    /** When a pushed block last made this node sync with each peer ({@link System#nanoTime()}). */
    private final ConcurrentHashMap<String, Long> lastHinted = new ConcurrentHashMap<>();
    private final NetworkControls controls;

    /** @param onNewTip told of our new tip after an adoption, and of the peer it came from */
    Sync(Blockchain blockchain, PeerClient client, PeerBook book, PeerSettings settings, ScheduledExecutorService timer,
         BiConsumer<Block, String> onNewTip, NetworkControls controls) {
        this.controls = controls;
        this.blockchain = blockchain;
        this.client = client;
        this.book = book;
        this.settings = settings;
        this.timer = timer;
        this.onNewTip = onNewTip;
        this.budget = new RoundBudget(settings.maxRoundBytes());
        this.workers = DaemonThreads.pool("sync", 4);
    }

    /** Blocks received by syncs since start. */
    long blocksMoved() {
        return blocksMoved.get();
    }

    /**
     * Syncs with {@code peer} soon, unless the peer is left alone after its chain broke the
     * rules. A request while a sync with it runs makes that sync run once more when it ends (what
     * made the request may have come after it located).
     */
    void request(String peer) {
        if (book.shunned(peer) || !controls.sendsTo(peer)) {
            return;
        }
        if (running.putIfAbsent(peer, Boolean.FALSE) != null) {
            running.replace(peer, Boolean.FALSE, Boolean.TRUE);
            return;
        }
        try {
            workers.execute(() -> runSyncs(peer));
        } catch (RejectedExecutionException stopping) {
            running.remove(peer);
        }
    }

    private void runSyncs(String peer) {
        while (true) {
            running.put(peer, Boolean.FALSE);
            try {
                syncWith(peer);
            } catch (NodeStoppedException stopping) {
                running.remove(peer);
                return; // the node is stopping: nothing more to do
            } catch (RuntimeException e) {
                LOG.warning("syncing with " + peer + " failed: " + e);
            }
            if (running.remove(peer, Boolean.FALSE)) {
                return; // not asked for again meanwhile
            }
            if (workers.isShutdown()) {
                running.remove(peer);
                return;
            }
        }
    }

    /**
     * A pushed block says {@code peer} may be ahead: syncs with it, at most once per
     * {@link #HINT_GAP_NANOS} (a hint within the gap is taken at its end). Anyone can push such
     * a hint naming any peer, so hints cost a peer at most one sync from this node per gap.
     */
    void hint(String peer) {
        long now = System.nanoTime();
        Long last = lastHinted.get(peer);
        long wait = last == null ? 0 : HINT_GAP_NANOS - (now - last);
        if (wait <= 0) {
            lastHinted.put(peer, now);
            request(peer);
        } else if (deferred.add(peer)) {
            try {
                timer.schedule(() -> {
                    deferred.remove(peer);
                    hint(peer);
                }, wait, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopping) {
                deferred.remove(peer);
            }
        }
    }

    /** Syncs with every peer soon. */
    void requestAll() {
        blockchain.state().peers().forEach(this::request);
    }

    /** One sync with {@code peer} on this thread; true if our chain changed. */
    boolean syncWith(String peer) {
        NodeState ours = blockchain.state();
        Fetched fetched = null;
        try {
            long checkUntil = settings.checkUntil(System.nanoTime());
            try (Deadline deadline = new Deadline(timer, settings.deadline())) {
                fetched = fetch(peer, ours, deadline, checkUntil);
            } // closed before adopting: the deadline's interrupt must not reach the store's files
            if (fetched == null || fetched.candidate().size() <= blockchain.state().length()) {
                return false;
            }
            blocksMoved.addAndGet(fetched.received().blocks().size());
            if (blockchain.adoptIfLonger(fetched.candidate(), peer)) {
                onNewTip.accept(blockchain.state().tip(), peer);
                if (!fetched.complete()) {
                    request(peer); // a long chain is taken in validated steps, each one longer than ours
                }
                return true;
            }
            return false;
        } catch (PeerFailure e) {
            LOG.fine(() -> "sync with " + peer + ": " + e.outcome() + ", " + e.getMessage());
            if (e.outcome().equals(PeerOutcome.UNREACHABLE) || e.outcome().equals(PeerOutcome.TIMEOUT)) {
                book.unreachable(peer);
            }
            return false;
        } catch (InvalidChainException e) {
            LOG.info(() -> "sync with " + peer + ": its chain is invalid: " + e.getMessage());
            PeerBook.reportRefusedChain(blockchain.events(), peer, e);
            book.rejected(peer); // and not asked again for a while: a peer cannot make us fetch its bad chain over and over
            return false;
        } finally {
            if (fetched != null) {
                budget.release(fetched.received().reservedBytes());
            }
        }
    }

    /**
     * A peer's answer, and the validated chain it makes with ours.
     *
     * @param complete false when checking stopped at the deadline: the candidate is the part checked
     */
    private record Fetched(PeerClient.Received received, List<Block> candidate, boolean complete) {
        static Fetched nothing(PeerClient.Received received) {
            return new Fetched(received, List.of(), true);
        }
    }

    /**
     * The peer's chain as a candidate longer than ours, validated; null when it is not longer.
     * What the peer speaks is learnt here, from its answer to {@code /peer/locate}, asked at
     * every sync: a 404 from a node being redeployed does not make it a tutorial node for good.
     */
    private Fetched fetch(String peer, NodeState ours, Deadline deadline, long checkUntil) throws PeerFailure, InvalidChainException {
        for (int attempt = 1; ; attempt++) {
            PeerClient.Received received;
            int known; // how many first blocks of the candidate are ours, valid already
            try {
                PeerClient.Located at = client.locate(peer, Blockchain.locator(ours.chain()), deadline);
                book.heard(peer, PeerBook.Protocol.NETWORK, at.length());
                if (at.length() <= ours.length() || at.index() > ours.length()) {
                    return null;
                }
                received = client.fetchChain(PeerClient.rangeRequest(peer, at.index() + 1), budget, deadline);
                known = (int) at.index();
            } catch (PeerFailure e) {
                if (!e.unsupported()) {
                    throw e;
                }
                received = client.fetchChain(PeerClient.chainRequest(peer), budget, deadline);
                List<Block> pulled = received.blocks();
                Block newest = pulled.isEmpty() ? null : pulled.get(pulled.size() - 1);
                book.heard(peer, PeerBook.Protocol.TUTORIAL, pulled.size(),
                        newest == null ? null : new PeerBook.Tip(newest.hash(), newest.previousHash(), newest.index()));
                known = 0;
            }
            List<Block> blocks = received.blocks();
            if (blocks.isEmpty()) {
                return Fetched.nothing(received);
            }
            long first = blocks.get(0).index();
            if (first != known + 1) {
                known = 0; // it sent its whole chain (a node that ignores ?from=)
                if (first != 1) {
                    return Fetched.nothing(received);
                }
            }
            if (known > 0 && !blocks.get(0).previousHash().equals(ours.chain().get(known - 1).hash())) {
                // Its chain moved between the two requests (it adopted another branch): no fault
                // of the peer's. Locate again; after a few tries, leave it to the next sync.
                budget.release(received.reservedBytes());
                if (attempt < LOCATE_ATTEMPTS) {
                    continue;
                }
                LOG.fine(() -> "sync with " + peer + ": its chain kept moving; trying again at the next sync");
                return null;
            }
            List<Block> candidate = new ArrayList<>(ours.chain().subList(0, known));
            candidate.addAll(blocks);
            int valid = candidate.size();
            if (candidate.size() > ours.length()) {
                try {
                    valid = blockchain.validate(candidate, known, checkUntil);
                } catch (InvalidChainException e) {
                    budget.release(received.reservedBytes());
                    throw e;
                }
            }
            // a valid part of a longer chain, itself longer than ours, is a valid longer chain
            return new Fetched(received, candidate.subList(0, valid), valid == candidate.size());
        }
    }

    /** Forgets a removed peer. */
    void forget(String peer) {
        lastHinted.remove(peer);
    }

    /**
     * Waits for the syncs under way (each ends by its deadline) without interrupting them: a
     * sync may be writing to the store, whose files an interrupt would close.
     */
    @Override
    public void close() {
        workers.shutdown();
        workers.getQueue().clear();
        try {
            workers.awaitTermination(settings.deadline().toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
