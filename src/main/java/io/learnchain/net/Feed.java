package io.learnchain.net;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The last {@value #CAPACITY} things that arrived from peers (a block, a chain, a transaction),
 * newest first, for the status page. Thread-safe.
 */
public final class Feed {
    static final int CAPACITY = 30;
    private final ArrayDeque<Event> events = new ArrayDeque<>();

    /**
     * One arrival.
     *
     * @param at   when (ISO-8601)
     * @param kind block, chain or transaction
     * @param from the peer it came from, or "a peer" when the sender is not a known peer
     * @param what a line for a person
     */
    public record Event(String at, String kind, String from, String what) {
    }

    Feed() {
    }

    /** @param from the peer it came from, or null when the sender is not a known peer */
    void add(String kind, String from, String what) {
        Event event = new Event(Instant.now().toString(), kind, from == null ? "a peer" : from, what);
        synchronized (events) {
            events.addFirst(event);
            if (events.size() > CAPACITY) {
                events.removeLast();
            }
        }
    }

    /** "1 transaction", "2 transactions". */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }
}
