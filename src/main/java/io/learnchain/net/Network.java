package io.learnchain.net;

import io.learnchain.chain.Block;
import io.learnchain.chain.InvalidChainException;
import io.learnchain.chain.Transaction;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;
import io.learnchain.json.JsonWriter;
import io.learnchain.node.Blockchain;
import io.learnchain.node.DaemonThreads;
import io.learnchain.peer.Deadline;
import io.learnchain.peer.PeerClient;
import io.learnchain.peer.PeerFailure;
import io.learnchain.peer.PeerSettings;
import io.learnchain.peer.PeerStatus;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The node among its peers: what the API does that concerns other nodes goes through here.
 * Mining and new transactions spread by themselves ({@link Gossip}); the node pulls what it
 * lacks at start, on a schedule and when a peer shows it is ahead ({@link Sync}); the tutorial's
 * resolve is a {@link Consensus} round; registering a peer introduces this node to it, so that
 * news flows both ways.
 *
 * <p>All of this is the live network; a manual one ({@code network=manual}) is the tutorial's:
 * nothing moves between nodes until someone resolves, and peers' pushes are ignored.
 *
 * <p>Layers: this package decides what to do with peers; {@code peer} talks HTTP to them;
 * {@code node} keeps the chain. Thread-safe.
 */
public final class Network implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Network.class.getName());

    private final Blockchain blockchain;
    private final PeerSettings settings;
    private final PeerClient client;
    private final PeerBook book = new PeerBook();
    private final Feed feed = new Feed();
    private final Tally blocksReceived = new Tally();
    private final Tally transactionsReceived = new Tally();
    private final ScheduledExecutorService timer;
    private final Consensus consensus;
    private final Sync sync;
    private final Gossip gossip;
    private final ExecutorService introductions;
    private final ScheduledFuture<?> schedule;
    private final boolean live;
    private volatile String ownUrl;

    /**
     * @param live         false for the tutorial's manual network
     * @param syncInterval how often to pull from every peer; zero for never (syncs still happen
     *                     when a peer shows it is ahead)
     * @param publicUrl    this node's address as peers reach it, or null to learn it from requests
     */
    public Network(Blockchain blockchain, PeerSettings settings, boolean live, Duration syncInterval, String publicUrl) {
        this.blockchain = blockchain;
        this.live = live;
        this.settings = settings;
        this.ownUrl = publicUrl;
        this.client = new PeerClient(settings, blockchain.nodeId());
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("network-timer", false));
        this.consensus = new Consensus(blockchain, settings, client);
        this.sync = new Sync(blockchain, client, book, settings, timer, this::announceTip, feed);
        this.gossip = new Gossip(blockchain, client, book, sync, settings, timer, () -> ownUrl, feed);
        this.introductions = Executors.newSingleThreadExecutor(DaemonThreads.named("network-introductions", false));
        if (!live) {
            this.schedule = null;
        } else if (syncInterval.isZero()) {
            this.schedule = timer.schedule(sync::requestAll, 0, TimeUnit.MILLISECONDS); // at start only
        } else {
            this.schedule = timer.scheduleWithFixedDelay(sync::requestAll, 0, syncInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** This node's address as its peers know it, once known (the setting, or the first request that shows it). */
    public String ownUrl() {
        return ownUrl;
    }

    /** Learns this node's address from a request, unless it is set or known already. */
    public void learnOwnUrl(String url) {
        if (ownUrl == null && url != null) {
            ownUrl = url;
        }
    }

    /** Mines a block, its reward to {@code rewardTo} (null: this node's own address), and announces it. */
    public Block mine(String rewardTo) {
        Block block = blockchain.mine(rewardTo);
        if (live) {
            gossip.announce(block, null);
        }
        return block;
    }

    /** Adds a client's transaction to the pool and relays it; returns the index of the block that will hold it. */
    public long addTransaction(Transaction transaction) {
        long index = blockchain.addTransaction(transaction);
        if (live) {
            gossip.relay(transaction, UUID.randomUUID().toString(), null);
        }
        return index;
    }

    /** The tutorial's resolve; a chain it adopts is announced. */
    public Consensus.Round resolve() {
        Consensus.Round round = consensus.resolve();
        if (round.replaced() && live) {
            announceTip(blockchain.state().tip(), null);
        }
        return round;
    }

    /**
     * Registers peers; those new to this node are synced with, and this node introduces itself
     * to them (unless {@code introduced}: the caller is a node introducing itself, which knows
     * us already).
     *
     * @return every peer after the change
     */
    public List<String> register(List<String> peers, int maxPeers, boolean introduced) {
        List<String> before = blockchain.state().peers();
        List<String> after = blockchain.registerPeers(peers, maxPeers);
        if (!live) {
            return after;
        }
        for (String peer : after) {
            if (!before.contains(peer)) {
                sync.request(peer);
                if (!introduced) {
                    introduceTo(peer);
                }
            }
        }
        return after;
    }

    /** Forgets peers: what was learnt of them, their allowance, what waited to be sent to them. */
    public List<String> remove(List<String> peers) {
        List<String> after = blockchain.removePeers(peers);
        peers.forEach(peer -> {
            book.forget(peer);
            gossip.forget(peer);
        });
        return after;
    }

    /** A block a peer pushed. */
    public Receipt receiveBlock(Block block, String from) throws InvalidChainException {
        try {
            Receipt receipt = live ? gossip.onBlock(block, from) : Receipt.IGNORED;
            blocksReceived.add(receipt.word());
            return receipt;
        } catch (InvalidChainException e) {
            blocksReceived.add("invalid");
            throw e;
        }
    }

    /** A transaction a peer pushed. */
    public Receipt receiveTransaction(Transaction transaction, String relayId, String from) {
        Receipt receipt = live ? gossip.onTransaction(transaction, relayId, from) : Receipt.IGNORED;
        transactionsReceived.add(receipt.word());
        return receipt;
    }

    /** What the last resolve round said of {@code peer}, or null. */
    public PeerStatus status(String peer) {
        return consensus.status(peer);
    }

    /** What this node has heard from {@code peer}: its protocol, height and when it was last heard. */
    public Heard heard(String peer) {
        PeerBook.Entry entry = book.get(peer);
        return new Heard(entry.protocol().name().toLowerCase(java.util.Locale.ROOT), entry.height(), entry.lastHeard(),
                entry.rejected());
    }

    /**
     * What this node has heard from a peer.
     *
     * @param protocol  unknown, network (this node's) or tutorial (the Python node's API only)
     * @param height    its chain's length when last heard, or -1
     * @param lastHeard when it last answered or pushed, or null
     * @param rejected  how many of its pushes or chains broke the rules, or came too fast
     */
    public record Heard(String protocol, long height, java.time.Instant lastHeard, long rejected) {
    }

    /** What arrived from peers lately, newest first. */
    public List<Feed.Event> feed() {
        return feed.events();
    }

    /**
     * What went between this node and its peers since start.
     *
     * @param messagesSent         blocks and transactions pushed to peers
     * @param messagesDropped      pushes dropped from full outboxes
     * @param blocksSynced         blocks fetched by syncs
     * @param blocksReceived       blocks peers pushed, by what became of them ({@link Receipt#word()}, or invalid)
     * @param transactionsReceived transactions peers pushed, by what became of them
     * @param peerOutcomes         the outcomes of peers in resolve rounds, by kind
     */
    public record Traffic(long messagesSent, long messagesDropped, long blocksSynced, Map<String, Long> blocksReceived,
                          Map<String, Long> transactionsReceived, Map<String, Long> peerOutcomes) {
    }

    public Traffic traffic() {
        return new Traffic(gossip.sent(), gossip.dropped(), sync.blocksMoved(), blocksReceived.snapshot(),
                transactionsReceived.snapshot(), consensus.outcomes().snapshot());
    }

    private void announceTip(Block tip, String from) {
        gossip.announce(tip, from);
    }

    /** Tells {@code peer} of this node with the tutorial's own registration, which a Python node takes too. */
    private void introduceTo(String peer) {
        String self = ownUrl;
        if (self == null) {
            return;
        }
        byte[] body = JsonWriter.compact(JsonObject.builder()
                .put("nodes", new io.learnchain.json.JsonArray(List.of(new JsonString(self)))).build());
        introductions.execute(() -> {
            try (Deadline deadline = new Deadline(timer, settings.connectTimeout().plus(settings.responseTimeout()))) {
                client.push(peer, "/nodes/register", body, true, deadline);
            } catch (PeerFailure e) {
                LOG.fine(() -> "introducing this node to " + peer + " failed: " + e.getMessage());
            }
        });
    }

    /** Stops talking to peers: rounds and syncs under way end first; the chain stays open for its owner to close. */
    @Override
    public void close() {
        if (schedule != null) {
            schedule.cancel(false);
        }
        consensus.close();
        sync.close();
        gossip.close();
        introductions.shutdownNow();
        timer.shutdownNow(); // last: the deadlines of the exchanges above run on it
        client.close();
        DaemonThreads.awaitEnd(introductions);
        DaemonThreads.awaitEnd(timer);
    }
}
