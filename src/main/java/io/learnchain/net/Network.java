package io.learnchain.net;

import io.learnchain.chain.Block;
import io.learnchain.chain.InvalidChainException;
import io.learnchain.chain.Transaction;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;
import io.learnchain.json.JsonWriter;
import io.learnchain.node.Blockchain;
import io.learnchain.node.DaemonThreads;
import io.learnchain.node.EventLog;
import io.learnchain.node.PoolFullException;
import io.learnchain.node.TransactionRefusedException;
import io.learnchain.peer.Deadline;
import io.learnchain.peer.PeerClient;
import io.learnchain.peer.PeerAddress;
import io.learnchain.peer.PeerFailure;
import io.learnchain.peer.PeerOutcome;
import io.learnchain.peer.PeerSettings;
import io.learnchain.peer.PeerStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
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
    private final PeerBook book;
    private final Tally blocksReceived = new Tally();
    private final Tally transactionsReceived = new Tally();
    private final ScheduledExecutorService timer;
    private final Consensus consensus;
    private final Sync sync;
    private final Gossip gossip;
    private final AutoMiner autoMiner;
    private final NetworkControls controls;
    private final NetworkView view;
    /** Guards {@link #withheld}. */
    private final Object withholding = new Object();
    /** The private branch while withholding (our chain where it began, then the blocks mined in secret), else null. */
    private List<Block> withheld;
    private final ExecutorService introductions;
    private final ScheduledFuture<?> schedule;
    private final boolean live;
    private final String publicUrl;
    private final ExecutorService probes;
    /** The address the latest registration request reached this node at. */
    private volatile String lastArrival;

    /**
     * @param live         false for the tutorial's manual network
     * @param syncInterval how often to pull from every peer; zero for never (syncs still happen
     *                     when a peer shows it is ahead)
     * @param publicUrl    this node's address as peers reach it, or null to learn it from requests
     * @param dataDir      where the mining plan ({@link AutoMiner}) and the network controls
     *                     ({@link NetworkControls}) are kept, or null for neither
     */
    public Network(Blockchain blockchain, PeerSettings settings, boolean live, Duration syncInterval, String publicUrl,
                   java.nio.file.Path dataDir) {
        this.blockchain = blockchain;
        this.live = live;
        this.settings = settings;
        this.publicUrl = publicUrl;
        this.book = new PeerBook(blockchain.events());
        this.client = new PeerClient(settings, blockchain.nodeId());
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("network-timer", false));
        this.controls = new NetworkControls(dataDir);
        this.consensus = new Consensus(blockchain, settings, client, controls::sendsTo);
        this.sync = new Sync(blockchain, client, book, settings, timer, this::announceTip, controls);
        this.gossip = new Gossip(blockchain, client, book, sync, settings, timer, this::pushSender, controls);
        this.probes = DaemonThreads.pool("network-probe", 8);
        this.introductions = Executors.newSingleThreadExecutor(DaemonThreads.named("network-introductions", false));
        if (!live) {
            this.schedule = null;
        } else if (syncInterval.isZero()) {
            this.schedule = timer.schedule(sync::requestAll, 0, TimeUnit.MILLISECONDS); // at start only
        } else {
            this.schedule = timer.scheduleWithFixedDelay(sync::requestAll, 0, syncInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        this.view = new NetworkView(blockchain, client, book, settings, timer, DaemonThreads.pool("network-view", 8));
        this.autoMiner = new AutoMiner(this, dataDir); // last: it may mine at once, through this network
    }

    Blockchain blockchain() {
        return blockchain;
    }

    /**
     * Mines after the withheld branch (an attacker's private chain, forked from our chain where
     * withholding began), holding only this node's reward, and tells nobody the block.
     */
    private Block mineWithheld() {
        List<Block> branch;
        synchronized (withholding) {
            if (withheld == null) {
                withheld = List.copyOf(blockchain.state().chain());
            }
            branch = withheld;
        }
        Block block = blockchain.mineAfter(branch);
        int secret;
        synchronized (withholding) {
            if (withheld != branch) {
                return block; // released meanwhile: this block stays nobody's
            }
            List<Block> longer = new ArrayList<>(branch);
            longer.add(block);
            withheld = List.copyOf(longer);
            secret = blockchain.blocksNotOnOurChain(withheld);
        }
        blockchain.events().report("block", "withheld", "mined block " + block.index() + " in secret: withheld, "
                + EventLog.count(secret, "block") + " not yet shown to anyone", "index", block.index(), "withheld", secret);
        return block;
    }

    /** The whole network as this node sees it (see {@link NetworkView}): {@code selfUrl} and {@code selfName} name this node. */
    public NetworkView.View view(String selfUrl, String selfName) {
        return view.view(selfUrl, selfName);
    }

    /** How many blocks the withheld branch holds that our public chain does not (0 when not withholding). */
    public int withheldBlocks() {
        synchronized (withholding) {
            return withheld == null ? 0 : blockchain.blocksNotOnOurChain(withheld);
        }
    }

    /** Ends withholding: the withheld branch is adopted if it is longer than our chain (the tutorial's rule), and announced. */
    private void release() {
        List<Block> branch;
        synchronized (withholding) {
            branch = withheld;
            withheld = null;
        }
        if (branch == null) {
            return;
        }
        int ours = blockchain.state().length();
        int secret = blockchain.blocksNotOnOurChain(branch);
        boolean adopted = false;
        try {
            blockchain.validate(branch, 0, Long.MAX_VALUE);
            adopted = blockchain.adoptIfLonger(branch, "this node's withheld branch");
        } catch (InvalidChainException e) {
            LOG.warning(() -> "the withheld branch breaks the rules (" + e.getMessage() + "): dropped");
        }
        if (adopted) {
            for (Block block : branch.subList(branch.size() - secret, branch.size())) {
                blockchain.journal().taken(block.hash(), "mined", null); // in secret, here: not a peer's
            }
            announceTip(blockchain.state().tip(), null);
        } else {
            blockchain.events().report("block", "released", "released a withheld branch of " + EventLog.count(branch.size(), "block")
                    + ": not longer than ours (" + ours + "), so it lost the race", "length", branch.size(), "previous_length", ours);
        }
    }

    /** The operator's say over whom this node talks to (paused, ignored peers, links). */
    public NetworkControls.State controls() {
        return controls.state();
    }

    /** Why a peer's message (from the peer it claims, or null) is not taken now, or null when it is. */
    public String refusal(String claimedSender) {
        return controls.refusal(claimedSender);
    }

    /**
     * Takes the operator's new controls, kept for restarts, told as an event; peers it talks to
     * again (resumed, no longer ignored) are synced with at once, so that a healed partition
     * heals on screen.
     */
    public void setControls(NetworkControls.State changed) {
        NetworkControls.State before = controls.state();
        controls.set(changed);
        if (changed.withhold() && !before.withhold()) {
            synchronized (withholding) {
                withheld = List.copyOf(blockchain.state().chain()); // the fork point: where withholding began
            }
        } else if (!changed.withhold() && before.withhold()) {
            release();
        }
        blockchain.events().report("network", changed.paused() ? "paused" : "controls",
                "network from now on: " + changed.describe(), "paused", changed.paused(), "ignored", String.join(",", changed.ignored()),
                "links", changed.links().size());
        if (live) {
            for (String peer : blockchain.state().peers()) {
                boolean wasCut = before.paused() || before.ignored().contains(peer);
                if (wasCut && controls.sendsTo(peer)) {
                    sync.request(peer);
                }
            }
        }
    }

    /** How this node mines by itself, and the blocks waiting to be mined on request. */
    public AutoMiner autoMiner() {
        return autoMiner;
    }

    /**
     * This node's address for the {@code "from"} of its pushes: the setting {@code publicUrl}, else
     * the address the latest registration reached this node at (a hint only: receivers do not
     * trust it), or null before any.
     */
    private String pushSender() {
        return publicUrl != null ? publicUrl : lastArrival;
    }

    /** Mines a block, its reward to {@code rewardTo} (null: this node's own address), and announces it. */
    public Block mine(String rewardTo) {
        if (controls.state().withhold()) {
            return mineWithheld();
        }
        Block block = blockchain.mine(rewardTo);
        if (live) {
            gossip.announce(block, null);
        }
        return block;
    }

    /** Adds a client's transaction to the pool and relays it; returns the index of the block that will hold it. */
    public long addTransaction(Transaction transaction) {
        long index;
        try {
            index = blockchain.addTransaction(transaction);
        } catch (TransactionRefusedException | PoolFullException | IllegalArgumentException e) {
            String json = JsonWriter.compactString(transaction.json());
            blockchain.events().report("transaction", "refused", "refused transaction " + json + ": " + e.getMessage(),
                    "transaction", json, "reason", e.getMessage());
            throw e;
        }
        String json = JsonWriter.compactString(transaction.json());
        blockchain.events().report("transaction", "accepted", "transaction " + json + " will be added to block " + index,
                "transaction", json, "index", index);
        if (live) {
            gossip.relay(transaction, UUID.randomUUID().toString(), null);
        }
        autoMiner.transactionPosted();
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
     * What registering did with one address.
     *
     * @param result {@code added}; {@code not-answering} (added, but no node answers there now:
     *               why goes to the log only); {@code known} (registered before); {@code self}
     *               (this node's own address: not added)
     */
    public record Registered(String node, String result) {
        public static final String ADDED = "added";
        public static final String NOT_ANSWERING = "not-answering";
        public static final String KNOWN = "known";
        public static final String SELF = "self";
    }

    /** @param peers every peer after the change; @param each what became of each address given */
    public record Registration(List<String> peers, List<Registered> each) {
    }

    /**
     * Registers peers: each new one is asked, in parallel and within one peer deadline in all,
     * whether a node answers there (one that turns out to be this node is removed again); then
     * it is synced with, and this node introduces itself to it (unless {@code introduced}: the
     * caller is a node introducing itself, which knows us already).
     *
     * @param arrivalUrl the address the request reached this node at, to introduce it by when the
     *                   setting {@code publicUrl} is unset
     */
    public Registration register(List<String> peers, int maxPeers, boolean introduced, String arrivalUrl) {
        if (arrivalUrl != null) {
            lastArrival = arrivalUrl;
        }
        List<String> before = blockchain.state().peers();
        List<String> after = blockchain.registerPeers(peers, maxPeers);
        List<String> added = new ArrayList<>(new LinkedHashSet<>(peers));
        added.removeAll(before);
        Map<String, String> results = probe(added);
        List<String> self = added.stream().filter(peer -> Registered.SELF.equals(results.get(peer))).toList();
        if (!self.isEmpty()) {
            LOG.info(() -> "not keeping " + self + ": it is this node's own address");
            after = remove(self);
        }
        List<Registered> each = new ArrayList<>();
        for (String peer : new LinkedHashSet<>(peers)) {
            each.add(new Registered(peer, before.contains(peer) ? Registered.KNOWN : results.get(peer)));
        }
        for (String peer : added) {
            String result = results.get(peer);
            if (!Registered.SELF.equals(result)) {
                blockchain.events().report("peer", "registered", "registered " + peer
                        + (Registered.ADDED.equals(result) ? "" : ", which does not answer now"), "peer", peer, "result", result);
            }
        }
        if (live) {
            for (String peer : added) {
                if (!self.contains(peer)) {
                    sync.request(peer);
                    if (!introduced) {
                        introduceTo(peer, arrivalUrl);
                    }
                }
            }
        }
        return new Registration(after, each);
    }

    /** Asks each peer whether a node answers there, all at once, within one peer deadline in all. */
    private Map<String, String> probe(List<String> peers) {
        Map<String, Future<String>> asked = new LinkedHashMap<>();
        for (String peer : peers) {
            asked.put(peer, probes.submit(() -> {
                try (Deadline deadline = new Deadline(timer, settings.deadline())) {
                    client.probe(peer, deadline);
                    return Registered.ADDED;
                } catch (PeerFailure e) {
                    return PeerOutcome.SELF.equals(e.outcome()) ? Registered.SELF : Registered.NOT_ANSWERING;
                }
            }));
        }
        long until = System.nanoTime() + settings.deadline().toNanos();
        Map<String, String> results = new LinkedHashMap<>();
        asked.forEach((peer, answer) -> {
            String result;
            try {
                result = answer.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                answer.cancel(true);
                result = Registered.NOT_ANSWERING;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result = Registered.NOT_ANSWERING;
            }
            results.put(peer, result);
        });
        return results;
    }

    /** Forgets peers: what was learnt of them, their allowance, what waited to be sent to them. */
    public List<String> remove(List<String> peers) {
        List<String> after = blockchain.removePeers(peers);
        peers.forEach(peer -> {
            book.forget(peer);
            gossip.forget(peer);
            sync.forget(peer);
        });
        return after;
    }

    /**
     * False while pushes that broke the rules have used up their allowance (setting
     * {@code peer.maxPushesPerSecond}): a push is then answered "too fast" before it is read.
     */
    public boolean takingPushes() {
        return !live || gossip.takingPushes();
    }

    /** A push that is not even a well-formed message: it uses up the allowance as a bad block does. */
    public void malformedPush() {
        gossip.pushBroke();
    }

    /**
     * A block pushed to this node.
     *
     * @param from the sender's address as its message claims: a hint of whom to sync with, never
     *             held against that peer
     */
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
                entry.rejected(), entry.down());
    }

    /**
     * What this node has heard from a peer.
     *
     * @param protocol  unknown, network (this node's) or tutorial (the Python node's API only)
     * @param height    its chain's length when last heard, or -1
     * @param lastHeard when it last answered this node, or null
     * @param rejected  how many chains fetched from it broke the rules (what is pushed to this node is held against nobody)
     * @param down      true from the moment it stopped answering until it answers again
     */
    public record Heard(String protocol, long height, java.time.Instant lastHeard, long rejected, boolean down) {
    }

    /** What happened lately, newest first: the node's events, for the page's feed. */
    public List<EventLog.Event> feed() {
        List<EventLog.Event> recent = new ArrayList<>(blockchain.events().recent());
        java.util.Collections.reverse(recent);
        return recent.subList(0, Math.min(FEED_LENGTH, recent.size()));
    }

    private static final int FEED_LENGTH = 30;

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

    /**
     * Tells {@code peer} of this node with the tutorial's own registration, which a Python node
     * takes too. The address given is the setting {@code publicUrl}, else the one the caller
     * reached this node at; a loopback one ({@code localhost}) is not given to a peer on another
     * host, which could not use it.
     */
    private void introduceTo(String peer, String arrivalUrl) {
        String self = publicUrl != null ? publicUrl : arrivalUrl;
        if (self == null || !controls.sendsTo(peer)) {
            return;
        }
        if (PeerAddress.isLoopback(self) && !PeerAddress.isLoopback(peer)) {
            LOG.info(() -> "not introducing this node to " + peer + " as " + self + ", an address only this machine can use:"
                    + " set blockchain.publicUrl to the address " + peer + " reaches this node at, or register this node there"
                    + " yourself");
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
        autoMiner.close(); // first: it mines through what closes next
        if (schedule != null) {
            schedule.cancel(false);
        }
        consensus.close();
        sync.close();
        gossip.close();
        introductions.shutdownNow();
        probes.shutdownNow();
        view.close();
        timer.shutdownNow(); // last: the deadlines of the exchanges above run on it
        client.close();
        DaemonThreads.awaitEnd(introductions);
        DaemonThreads.awaitEnd(probes);
        DaemonThreads.awaitEnd(timer);
    }
}
