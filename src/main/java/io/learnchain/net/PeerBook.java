package io.learnchain.net;

import io.learnchain.chain.InvalidChainException;
import io.learnchain.node.EventLog;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What this node has learned of each peer by talking to it itself: whether it speaks this
 * node's network protocol (or only the tutorial's API, as the Python node), how long its chain
 * was, when it last answered, and whether it is paused after a failure or a refused chain.
 *
 * <p><b>Only what the node fetched counts.</b> Entries change on the answers to requests this
 * node made to the peer's own address (a sync, a push), never on what a message pushed to this
 * node says about who sent it: anyone can write a peer's address in {@code "from"}, so a push
 * is a hint, and what a forged one claims costs the named peer nothing.
 *
 * <p>Thread-safe; kept in memory (it is learned again after a restart).
 */
final class PeerBook {
    /** How long a peer is left alone after a failure or a refused chain. */
    static final long PAUSE_NANOS = TimeUnit.SECONDS.toNanos(15);

    /** What a peer speaks. */
    enum Protocol {
        /** Not asked yet. */
        UNKNOWN,
        /** This node's network protocol: pushes, ranges, locate. */
        NETWORK,
        /** Only the tutorial's API (the Python node): it is pulled from, never pushed to. */
        TUTORIAL
    }

    /**
     * @param height            the length of its chain when last heard, or -1
     * @param pushesPausedUntil {@link System#nanoTime()} until which nothing is pushed to it after
     *                          a push failed (0: not paused); it ends early when the peer answers a sync
     * @param shunnedUntil      until which it is neither synced with nor pushed to, after its chain
     *                          broke the rules (0: not shunned)
     * @param rejected          how many of the chains fetched from it broke the rules
     * @param tip               its newest block when a sync last pulled its whole chain (a tutorial
     *                          node, which cannot be asked for less), or null
     */
    record Entry(Protocol protocol, long height, Instant lastHeard, long pushesPausedUntil, long shunnedUntil, long rejected,
                 boolean down, Tip tip) {
        static final Entry NEW = new Entry(Protocol.UNKNOWN, -1, null, 0, 0, 0, false, null);
    }

    /** A peer's newest block as a pull saw it. */
    record Tip(String hash, String parent, long height) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final EventLog events;

    /** @param events told when a peer stops answering, and when it answers again */
    PeerBook(EventLog events) {
        this.events = events;
    }

    Entry get(String peer) {
        return entries.getOrDefault(peer, Entry.NEW);
    }

    /**
     * The peer answered a request of ours: pushes to it resume. {@code protocol} UNKNOWN and
     * {@code height} -1 when the answer did not tell.
     */
    void heard(String peer, Protocol protocol, long height) {
        heard(peer, protocol, height, null);
    }

    /** As above, its newest block seen too (null: not seen this time). */
    void heard(String peer, Protocol protocol, long height, Tip tip) {
        Entry before = entries.get(peer);
        entries.compute(peer, (p, e) -> {
            Entry old = e == null ? Entry.NEW : e;
            return new Entry(protocol == Protocol.UNKNOWN ? old.protocol() : protocol, height >= 0 ? height : old.height(),
                    Instant.now(), 0, old.shunnedUntil(), old.rejected(), false, tip != null ? tip : old.tip());
        });
        if (before != null && before.down()) {
            events.report("peer", "reachable", peer + " answers again", "peer", peer);
        }
    }

    /** A connection to the peer failed, or it did not answer in time: told once, until it answers again. */
    void unreachable(String peer) {
        Entry before = entries.get(peer);
        entries.compute(peer, (p, e) -> {
            Entry old = e == null ? Entry.NEW : e;
            return new Entry(old.protocol(), old.height(), old.lastHeard(), old.pushesPausedUntil(), old.shunnedUntil(),
                    old.rejected(), true, old.tip());
        });
        if (before == null || !before.down()) {
            events.report("peer", "unreachable", peer + " does not answer", "peer", peer);
        }
    }

    /** Pushing to the peer failed: pushes pause a while, or until it answers a sync. */
    void pushFailed(String peer) {
        entries.compute(peer, (p, e) -> {
            Entry old = e == null ? Entry.NEW : e;
            return new Entry(old.protocol(), old.height(), old.lastHeard(), System.nanoTime() + PAUSE_NANOS, old.shunnedUntil(),
                    old.rejected(), old.down(), old.tip());
        });
    }

    /**
     * Tells that a chain fetched from {@code peer} (by a sync or a resolve) broke the rules, and
     * why: the node's sentence, and the rule and block for readers in other languages.
     */
    static void reportRefusedChain(EventLog events, String peer, InvalidChainException broken) {
        events.report("peer", "refused", "refused " + peer + "'s chain: " + broken.getMessage(), "peer", peer,
                "reason", broken.getMessage(), "rule", broken.rule(), "block", broken.index());
    }

    /** A chain fetched from the peer broke the rules: counted, and the peer is left alone a while. */
    void rejected(String peer) {
        entries.compute(peer, (p, e) -> {
            Entry old = e == null ? Entry.NEW : e;
            return new Entry(old.protocol(), old.height(), old.lastHeard(), old.pushesPausedUntil(),
                    System.nanoTime() + PAUSE_NANOS, old.rejected() + 1, old.down(), old.tip());
        });
    }

    /** True while the peer is left alone after its chain broke the rules: no syncs, no pushes. */
    boolean shunned(String peer) {
        return pending(get(peer).shunnedUntil());
    }

    /** True when blocks and transactions may be pushed to the peer now. */
    boolean pushable(String peer) {
        Entry e = get(peer);
        return e.protocol() != Protocol.TUTORIAL && !pending(e.pushesPausedUntil()) && !pending(e.shunnedUntil());
    }

    private static boolean pending(long until) {
        return until != 0 && System.nanoTime() - until < 0;
    }

    void forget(String peer) {
        entries.remove(peer);
    }
}
