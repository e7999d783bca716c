package io.learnchain.net;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What this node has learned of each peer by talking to it: whether it speaks this node's
 * network protocol (or only the tutorial's API, as the Python node), how long its chain was, when
 * it was last heard from, and whether pushing to it is paused after a failure.
 *
 * <p>Thread-safe; kept in memory (it is learned again after a restart).
 */
final class PeerBook {
    /** How long pushes to a peer pause after one failed: background sync finds it again meanwhile. */
    private static final long PAUSE_NANOS = TimeUnit.SECONDS.toNanos(15);

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
     * @param height    the length of its chain when last heard, or -1
     * @param rejected  how many of its pushes or chains broke the rules, or came too fast
     */
    record Entry(Protocol protocol, long height, Instant lastHeard, long pausedUntilNanos, long rejected) {
        static final Entry NEW = new Entry(Protocol.UNKNOWN, -1, null, 0, 0);
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    Entry get(String peer) {
        return entries.getOrDefault(peer, Entry.NEW);
    }

    /** The peer answered; {@code height} -1 when the answer did not tell. */
    void heard(String peer, Protocol protocol, long height) {
        entries.compute(peer, (p, e) -> {
            Entry old = e == null ? Entry.NEW : e;
            return new Entry(protocol == Protocol.UNKNOWN ? old.protocol() : protocol, height >= 0 ? height : old.height(),
                    Instant.now(), old.pausedUntilNanos(), old.rejected());
        });
    }

    /** Sending to the peer failed: pushes pause a while. */
    void failed(String peer) {
        entries.compute(peer, (p, e) -> {
            Entry old = e == null ? Entry.NEW : e;
            return new Entry(old.protocol(), old.height(), old.lastHeard(), System.nanoTime() + PAUSE_NANOS, old.rejected());
        });
    }

    /** The peer sent something that broke the rules (or too much): counted, and it is left alone a while. */
    void rejected(String peer) {
        entries.compute(peer, (p, e) -> {
            Entry old = e == null ? Entry.NEW : e;
            return new Entry(old.protocol(), old.height(), old.lastHeard(), System.nanoTime() + PAUSE_NANOS, old.rejected() + 1);
        });
    }

    /** True while the peer is paused after a failure or a rejection. */
    boolean paused(String peer) {
        Entry e = get(peer);
        return e.pausedUntilNanos() != 0 && System.nanoTime() - e.pausedUntilNanos() < 0;
    }

    /** True when blocks and transactions may be pushed to the peer now. */
    boolean pushable(String peer) {
        return get(peer).protocol() != Protocol.TUTORIAL && !paused(peer);
    }

    void forget(String peer) {
        entries.remove(peer);
    }
}
