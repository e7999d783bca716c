package io.learnchain.net;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A rate limit per sender: each may push {@code perSecond} messages a second on average, in
 * bursts of up to a second's worth. Senders not known as peers share one allowance, so strangers
 * cannot crowd out peers. Thread-safe; a few hundred bytes per sender, for senders that are
 * registered peers (bounded by {@code maxPeers}) plus one.
 */
final class Throttle {
    static final String STRANGERS = "";
    private final double perSecond;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    Throttle(double perSecond) {
        this.perSecond = perSecond;
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    /** True if {@code sender} may push one more message now. */
    boolean allow(String sender) {
        long now = System.nanoTime();
        Bucket bucket = buckets.computeIfAbsent(sender, s -> new Bucket(perSecond, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(perSecond, bucket.tokens + (now - bucket.at) / 1e9 * perSecond);
            bucket.at = now;
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }

    void forget(String sender) {
        buckets.remove(sender);
    }
}
