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

    private final Blockchain blockchain;
    private final PeerClient client;
    private final PeerBook book;
    private final PeerSettings settings;
    private final ScheduledExecutorService timer;
    private final BiConsumer<Block, String> onNewTip;
    private final Feed feed;
    private final RoundBudget budget;
    private final ThreadPoolExecutor workers;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final AtomicLong blocksMoved = new AtomicLong();

    /** @param onNewTip told of our new tip after an adoption, and of the peer it came from */
    Sync(Blockchain blockchain, PeerClient client, PeerBook book, PeerSettings settings, ScheduledExecutorService timer,
         BiConsumer<Block, String> onNewTip, Feed feed) {
        this.feed = feed;
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

    /** Syncs with {@code peer} soon, unless a sync with it is under way or waiting. */
    void request(String peer) {
        if (book.paused(peer) || !running.add(peer)) {
            return;
        }
        try {
            workers.execute(() -> {
                try {
                    syncWith(peer);
                } catch (NodeStoppedException stopping) {
                    // the node is stopping: nothing more to do
                } catch (RuntimeException e) {
                    LOG.warning("syncing with " + peer + " failed: " + e);
                } finally {
                    running.remove(peer);
                }
            });
        } catch (RejectedExecutionException stopping) {
            running.remove(peer);
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
            try (Deadline deadline = new Deadline(timer, settings.deadline())) {
                fetched = fetch(peer, ours, deadline);
            } // closed before adopting: the deadline's interrupt must not reach the store's files
            if (fetched == null || fetched.candidate().size() <= blockchain.state().length()) {
                return false;
            }
            blocksMoved.addAndGet(fetched.received().blocks().size());
            if (blockchain.adoptIfLonger(fetched.candidate())) {
                feed.add("chain", peer, "a longer chain: " + fetched.candidate().size() + " blocks, "
                        + fetched.received().blocks().size() + " of them fetched");
                onNewTip.accept(blockchain.state().tip(), peer);
                return true;
            }
            return false;
        } catch (PeerFailure e) {
            LOG.fine(() -> "sync with " + peer + ": " + e.outcome() + ", " + e.getMessage());
            return false;
        } catch (InvalidChainException e) {
            LOG.info(() -> "sync with " + peer + ": its chain is invalid: " + e.getMessage());
            book.rejected(peer); // and not asked again for a while: a peer cannot make us fetch its bad chain over and over
            return false;
        } finally {
            if (fetched != null) {
                budget.release(fetched.received().reservedBytes());
            }
        }
    }

    /** A peer's answer, and the validated chain it makes with ours. */
    private record Fetched(PeerClient.Received received, List<Block> candidate) {
    }

    /** The peer's chain as a candidate longer than ours, validated; null when it is not longer. */
    private Fetched fetch(String peer, NodeState ours, Deadline deadline) throws PeerFailure, InvalidChainException {
        PeerClient.Received received = null;
        int known = 0; // how many first blocks of the candidate are ours, valid already
        if (book.get(peer).protocol() != PeerBook.Protocol.TUTORIAL) {
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
                book.heard(peer, PeerBook.Protocol.TUTORIAL, -1);
            }
        }
        if (received == null) {
            received = client.fetchChain(PeerClient.chainRequest(peer), budget, deadline);
            book.heard(peer, PeerBook.Protocol.TUTORIAL, received.blocks().size());
        }
        Fetched fetched = new Fetched(received, new ArrayList<>());
        List<Block> blocks = received.blocks();
        if (blocks.isEmpty()) {
            return fetched;
        }
        long first = blocks.get(0).index();
        if (first != known + 1) {
            known = 0; // it sent its whole chain (a node that ignores ?from=)
            if (first != 1) {
                return fetched;
            }
        }
        fetched.candidate().addAll(ours.chain().subList(0, known));
        fetched.candidate().addAll(blocks);
        if (fetched.candidate().size() > ours.length()) {
            try {
                blockchain.validate(fetched.candidate(), known);
            } catch (InvalidChainException e) {
                budget.release(received.reservedBytes());
                throw e;
            }
        }
        return fetched;
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
