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
import io.learnchain.peer.PeerFailure;
import io.learnchain.peer.PeerOutcome;
import io.learnchain.peer.PeerSettings;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Spreads blocks and transactions: what this node mines, accepts from a client or takes from a
 * peer is pushed to its peers ({@code POST /peer/blocks}, {@code POST /peer/transactions}),
 * which do the same once: a block is known by its hash, a transaction by a relay id made where
 * it entered the network (transactions have no id of their own, and two identical ones are two
 * payments). A block whose parent is unknown here makes the node sync with its sender.
 *
 * <p><b>Bounded and asynchronous.</b> Nothing waits on peers: each peer has an outbox of at most
 * {@value #OUTBOX_CAPACITY} messages (the oldest dropped first), drained by a small shared pool,
 * one message at a time per peer, each exchange under the peer deadline; a peer that fails is
 * paused a while, so a slow or dead peer delays nobody else. Peers that speak only the tutorial's
 * API (the Python node) get no pushes; they are pulled from ({@link Sync}).
 *
 * <p>Thread-safe.
 */
final class Gossip implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Gossip.class.getName());
    static final int OUTBOX_CAPACITY = 1000;
    static final String BLOCKS_PATH = "/peer/blocks";
    static final String TRANSACTIONS_PATH = "/peer/transactions";

    private final Blockchain blockchain;
    private final PeerClient client;
    private final PeerBook book;
    private final Sync sync;
    private final PeerSettings settings;
    private final ScheduledExecutorService timer;
    private final Supplier<String> ownUrl;
    private final EventLog events;
    private final Throttle throttle;
    private final SeenSet seenBlocks = new SeenSet(10_000);
    private final SeenSet seenRelays = new SeenSet(100_000);
    private final ThreadPoolExecutor senders;
    private final ConcurrentHashMap<String, Outbox> outboxes = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final NetworkControls controls;

    Gossip(Blockchain blockchain, PeerClient client, PeerBook book, Sync sync, PeerSettings settings,
           ScheduledExecutorService timer, Supplier<String> ownUrl, NetworkControls controls) {
        this.controls = controls;
        this.events = blockchain.events();
        this.throttle = new Throttle(settings.maxPushesPerSecond());
        this.blockchain = blockchain;
        this.client = client;
        this.book = book;
        this.sync = sync;
        this.settings = settings;
        this.timer = timer;
        this.ownUrl = ownUrl;
        this.senders = DaemonThreads.pool("gossip", 8);
    }

    /** Messages sent to peers, and messages dropped from full outboxes, since start. */
    long sent() {
        return sent.get();
    }

    long dropped() {
        return dropped.get();
    }

    /** Forgets a removed peer: what was waiting to be sent to it. */
    void forget(String peer) {
        Outbox outbox = outboxes.remove(peer);
        if (outbox != null) {
            outbox.clear();
        }
    }

    // ---- sending -----------------------------------------------------------------------------

    /** Pushes {@code block} to every peer but {@code except} (the one it came from, or null). */
    void announce(Block block, String except) {
        seenBlocks.add(block.hash());
        ByteArrayOutputStream body = new ByteArrayOutputStream(block.compactJson().length + 64);
        body.writeBytes("{\"block\":".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(block.compactJson());
        body.writeBytes((",\"from\":" + JsonWriter.compactString(new JsonString(String.valueOf(ownUrl.get()))) + "}")
                .getBytes(StandardCharsets.US_ASCII));
        sendToPeers(BLOCKS_PATH, body.toByteArray(), except);
    }

    /** Pushes a transaction that entered the pool to every peer but {@code except}. */
    void relay(Transaction transaction, String relayId, String except) {
        seenRelays.add(relayId);
        byte[] body = JsonWriter.compact(JsonObject.builder()
                .put("transaction", transaction.json())
                .put("relay_id", relayId)
                .put("from", String.valueOf(ownUrl.get()))
                .build());
        sendToPeers(TRANSACTIONS_PATH, body, except);
    }

    private void sendToPeers(String path, byte[] body, String except) {
        List<String> peers = blockchain.state().peers();
        for (String peer : peers) {
            if (peer.equals(except) || !book.pushable(peer) || !controls.sendsTo(peer)) {
                continue;
            }
            Outbox outbox = outboxes.computeIfAbsent(peer, Outbox::new);
            Message message = new Message(path, body, 1);
            long delay = controls.delayOrDrop(peer); // the operator's link: a lesson in latency and loss
            if (delay < 0) {
                dropped.incrementAndGet();
            } else if (delay == 0) {
                outbox.offer(message);
            } else {
                try {
                    timer.schedule(() -> outbox.offer(message), delay, TimeUnit.MILLISECONDS); // holds up no other peer
                } catch (RejectedExecutionException stopping) {
                    // the node is stopping
                }
            }
        }
    }

    /** @param attempt 1 for the first try; a peer that answers "busy" gets it again a little later */
    private record Message(String path, byte[] body, int attempt) {
    }

    /** How often a message is offered to a peer that answers "busy" (429), a second apart. */
    private static final int BUSY_ATTEMPTS = 3;

    /** One peer's queue of messages, drained by at most one sender at a time, in order. */
    private final class Outbox {
        private final String peer;
        private final ArrayDeque<Message> queue = new ArrayDeque<>();
        private boolean draining;

        Outbox(String peer) {
            this.peer = peer;
        }

        void offer(Message message) {
            synchronized (this) {
                if (queue.size() >= OUTBOX_CAPACITY) {
                    queue.pollFirst();
                    dropped.incrementAndGet();
                }
                queue.addLast(message);
                if (draining) {
                    return;
                }
                draining = true;
            }
            try {
                senders.execute(this::drain);
            } catch (RejectedExecutionException stopping) {
                synchronized (this) {
                    draining = false;
                }
            }
        }

        synchronized void clear() {
            dropped.addAndGet(queue.size());
            queue.clear();
        }

        private void drain() {
            while (true) {
                Message message;
                synchronized (this) {
                    message = queue.pollFirst();
                    if (message == null) {
                        draining = false;
                        return;
                    }
                }
                try (Deadline deadline = new Deadline(timer, settings.deadline())) {
                    client.push(peer, message.path(), message.body(), false, deadline);
                    sent.incrementAndGet();
                    book.heard(peer, PeerBook.Protocol.NETWORK, -1);
                } catch (PeerFailure e) {
                    LOG.fine(() -> "pushing to " + peer + " failed (" + e.outcome() + "): " + e.getMessage());
                    if (e.busy()) {
                        // it refuses pushes for a moment (others' bad pushes used up its allowance): no
                        // fault of the peer's, so it is not paused; this message is tried again
                        if (message.attempt() < BUSY_ATTEMPTS) {
                            Message again = new Message(message.path(), message.body(), message.attempt() + 1);
                            try {
                                timer.schedule(() -> offer(again), 1, TimeUnit.SECONDS);
                            } catch (RejectedExecutionException stopping) {
                                // the node is stopping
                            }
                        }
                        continue;
                    }
                    // paused, even for a 404: a node being redeployed answers one for a moment; what a
                    // peer speaks is learnt from its answers to syncs (Sync), which end the pause
                    book.pushFailed(peer);
                    if (e.outcome().equals(PeerOutcome.UNREACHABLE) || e.outcome().equals(PeerOutcome.TIMEOUT)) {
                        book.unreachable(peer);
                    }
                    clear();
                }
            }
        }
    }

    // ---- receiving ---------------------------------------------------------------------------

    /** False while pushes that broke the rules have used up their allowance: then pushes are refused unchecked. */
    boolean takingPushes() {
        return throttle.open();
    }

    /** A push broke the rules (a bad block, a refused transaction, a message that is not one). */
    void pushBroke() {
        throttle.charge();
    }

    /**
     * A block pushed to this node: appended and passed on if it follows our tip; if it is
     * ahead of us, a hint to sync with the registered peer its message names (or with every
     * peer, when it names none). The block proves itself, so who sent it does not matter; a
     * block that breaks the rules uses up the shared allowance and is held against nobody.
     *
     * @param from the sender's address as its message claims, or null
     * @throws InvalidChainException if it follows our tip but breaks the rules
     */
    Receipt onBlock(Block block, String from) throws InvalidChainException {
        if (seenBlocks.contains(block.hash())) {
            return Receipt.KNOWN;
        }
        if (!takingPushes()) {
            return Receipt.TOO_FAST;
        }
        String named = knownPeer(from);
        Blockchain.Arrival arrival;
        try {
            arrival = blockchain.acceptBlock(block, named);
        } catch (InvalidChainException e) {
            pushBroke();
            events.report("block", "refused", "refused a pushed block " + block.index() + ": " + e.getMessage(),
                    "index", block.index(), "hash", block.hash(), "reason", e.getMessage(), "rule", e.rule());
            throw e;
        }
        switch (arrival) {
            case APPENDED:
                seenBlocks.add(block.hash()); // only now: a block not taken yet may be pushed again and taken then
                String source = named == null ? "a peer" : named;
                events.report("block", "pushed", "block " + block.index() + " (" + EventLog.shortHash(block.hash()) + ") from " + source
                                + ", " + EventLog.count(block.transactionCount(), "transaction"),
                        "index", block.index(), "hash", block.hash(), "previous_hash", block.previousHash(), "from", source,
                        "transactions", block.transactionCount());
                announce(block, null); // to the sender too: its name in the message is only a claim
                return Receipt.ACCEPTED;
            case AHEAD:
                if (named != null) {
                    sync.hint(named);
                } else {
                    blockchain.state().peers().forEach(sync::hint);
                }
                return Receipt.SYNCING;
            case KNOWN:
                seenBlocks.add(block.hash());
                return Receipt.KNOWN;
            default:
                return Receipt.IGNORED;
        }
    }

    /**
     * A transaction a peer pushed: into the pool and passed on, once per relay id. One the
     * ledger refuses uses up the shared allowance.
     *
     * @param transaction already checked against the API's rules for transactions
     */
    Receipt onTransaction(Transaction transaction, String relayId, String from) {
        if (seenRelays.contains(relayId)) {
            return Receipt.KNOWN;
        }
        if (!takingPushes()) {
            return Receipt.TOO_FAST;
        }
        if (!seenRelays.add(relayId)) {
            return Receipt.KNOWN; // the same relay pushed twice at once: one of them adds it
        }
        try {
            if (blockchain.addRelayedTransaction(transaction) < 0) {
                return Receipt.KNOWN; // the chain holds it: a block brought it before its relay did
            }
        } catch (PoolFullException e) {
            seenRelays.remove(relayId); // not taken: it may be pushed again when there is room
            return Receipt.POOL_FULL;
        } catch (TransactionRefusedException e) {
            pushBroke();
            return Receipt.REFUSED; // the ledger's rules: a double spend, a stale nonce (a block took its place)
        }
        String named = knownPeer(from);
        String source = named == null ? "a peer" : named;
        String json = JsonWriter.compactString(transaction.json());
        events.report("transaction", "relayed", "transaction " + json + " from " + source, "from", source, "transaction", json);
        relay(transaction, relayId, null);
        return Receipt.ACCEPTED;
    }

    /** {@code from} if it is one of our peers, else null: a sender we do not know is not fetched from on its word. */
    private String knownPeer(String from) {
        return from != null && blockchain.state().peers().contains(from) ? from : null;
    }

    @Override
    public void close() {
        DaemonThreads.stop(senders);
    }
}
