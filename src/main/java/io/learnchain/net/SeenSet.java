package io.learnchain.net;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recent keys seen (block hashes, relay ids), so that what is gossiped is handled once:
 * a bounded set that forgets the oldest first. Thread-safe.
 */
final class SeenSet {
    private final Map<String, Boolean> keys;

    SeenSet(int capacity) {
        this.keys = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized boolean contains(String key) {
        return keys.containsKey(key);
    }

    synchronized void remove(String key) {
        keys.remove(key);
    }

    /** Adds {@code key}; true if it was new. */
    synchronized boolean add(String key) {
        return keys.put(key, Boolean.TRUE) == null;
    }
}
