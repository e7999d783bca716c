package io.learnchain.net;

import io.learnchain.chain.Block;
import io.learnchain.chain.InvalidChainException;
import io.learnchain.chain.Transaction;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;
import io.learnchain.json.JsonWriter;
import io.learnchain.node.Blockchain;
import io.learnchain.node.DaemonThreads;
import io.learnchain.node.PoolFullException;
import io.learnchain.node.TransactionRefusedException;
import io.learnchain.peer.Deadline;
import io.learnchain.peer.PeerClient;
import io.learnchain.peer.PeerFailure;
import io.learnchain.peer.PeerSettings;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
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
    private final Feed feed;
    private final Throttle throttle;
    private final SeenSet seenBlocks = new SeenSet(10_000);
    private final SeenSet seenRelays = new SeenSet(100_000);
    private final ThreadPoolExecutor senders;
    private final ConcurrentHashMap<String, Outbox> outboxes = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    Gossip(Blockchain blockchain, PeerClient client, PeerBook book, Sync sync, PeerSettings settings,
           ScheduledExecutorService timer, Supplier<String> ownUrl, Feed feed) {
        this.feed = feed;
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

    /** Forgets a removed peer: its allowance, and what was waiting to be sent to it. */
    void forget(String peer) {
        throttle.forget(peer);
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
            if (!peer.equals(except) && book.pushable(peer)) {
                outboxes.computeIfAbsent(peer, Outbox::new).offer(new Message(path, body));
            }
        }
    }

    private record Message(String path, byte[] body) {
    }

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
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
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
                    if (e.unsupported()) {
                        book.heard(peer, PeerBook.Protocol.TUTORIAL, -1); // the tutorial's node: pull from it instead
                    } else {
                        book.failed(peer);
                    }
                    clear();
                }
            }
        }
    }

    // ---- receiving ---------------------------------------------------------------------------

    /**
     * A block a peer pushed: appended and passed on if it follows our tip; a sync with the
     * sender if it is ahead of us.
     *
     * @param from the sender's address as it says it, or null
     * @throws InvalidChainException if it follows our tip but breaks the rules
     */
    Receipt onBlock(Block block, String from) throws InvalidChainException {
        String sender = knownPeer(from);
        if (!admit(sender, block.index())) {
            return Receipt.TOO_FAST;
        }
        if (!seenBlocks.add(block.hash())) {
            return Receipt.KNOWN;
        }
        Blockchain.Arrival arrival;
        try {
            arrival = blockchain.acceptBlock(block);
        } catch (InvalidChainException e) {
            if (sender != null) {
                book.rejected(sender);
            }
            throw e;
        }
        switch (arrival) {
            case APPENDED:
                feed.add("block", sender, "block " + block.index() + " (" + block.transactionCount() + " transactions)");
                announce(block, sender);
                return Receipt.ACCEPTED;
            case AHEAD:
                if (sender != null) {
                    sync.request(sender);
                } else {
                    sync.requestAll();
                }
                return Receipt.SYNCING;
            case KNOWN:
                return Receipt.KNOWN;
            default:
                return Receipt.IGNORED;
        }
    }

    /**
     * A transaction a peer pushed: into the pool and passed on, once per relay id.
     *
     * @param transaction already checked against the API's rules for transactions
     */
    Receipt onTransaction(Transaction transaction, String relayId, String from) {
        String sender = knownPeer(from);
        if (!admit(sender, -1)) {
            return Receipt.TOO_FAST;
        }
        if (!seenRelays.add(relayId)) {
            return Receipt.KNOWN;
        }
        try {
            if (blockchain.addRelayedTransaction(transaction) < 0) {
                return Receipt.KNOWN; // the chain holds it: a block brought it before its relay did
            }
        } catch (PoolFullException e) {
            return Receipt.POOL_FULL;
        } catch (TransactionRefusedException e) {
            return Receipt.REFUSED; // the ledger's rules: a double spend, a stale nonce (a block took its place)
        }
        feed.add("transaction", sender, JsonWriter.compactString(transaction.json()));
        relay(transaction, relayId, sender);
        return Receipt.ACCEPTED;
    }

    /**
     * Counts a push against its sender's allowance (strangers, null, share one): false when over
     * it, which is held against a known peer; else the peer was heard from, at {@code height}
     * (-1: the push did not tell).
     */
    private boolean admit(String sender, long height) {
        if (!throttle.allow(sender == null ? Throttle.STRANGERS : sender)) {
            if (sender != null) {
                book.rejected(sender);
            }
            return false;
        }
        if (sender != null) {
            book.heard(sender, PeerBook.Protocol.NETWORK, height);
        }
        return true;
    }

    /** {@code from} if it is one of our peers; a sender we do not know is not fetched from on its word. */
    private String knownPeer(String from) {
        return from != null && blockchain.state().peers().contains(from) ? from : null;
    }

    @Override
    public void close() {
        DaemonThreads.stop(senders);
    }
}
