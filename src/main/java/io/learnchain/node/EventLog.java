package io.learnchain.node;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * What happens in the node, told once, in one place: the miner, the chain, the network and the
 * store report here (a block mined, pushed or synced; a reorg with what it dropped and returned;
 * a transaction accepted or refused and why; a peer registered, unreachable or refused), and
 * readers (the page's live stream, its feed) take it from here. Each event has a kind and a
 * code with parameters, so that a page can say it in its reader's language, and the English
 * sentence the node would log.
 *
 * <p>Ids are {@code <epoch>-<sequence>}: the epoch is new at every start, so a client that
 * reconnects with an id from before a restart is told it missed events rather than given wrong
 * ones. The last {@code capacity} events are kept for clients that reconnect and for the page's
 * history.
 *
 * <p>Thread-safe. Reporting costs a lock held for an append, and a call of each listener, which
 * must be quick (queue the event, never write to a network there).
 */
public final class EventLog {
    /**
     * One event.
     *
     * @param id     {@code <epoch>-<sequence>}, or null for what is announced and not kept (sequence 0)
     * @param type   block, reorg, transaction, peer or mining
     * @param code   what happened, in a word a page translates (mined, pushed, synced, refused, ...)
     * @param params the values the sentence names (hashes, indexes, peers, counts, reasons)
     * @param text   the sentence in English
     */
    public record Event(String id, long sequence, Instant at, String type, String code, Map<String, Object> params, String text) {
    }

    /** The longest string an event repeats from outside (a refused transaction's field, a peer's reason). */
    public static final int MAX_ECHO = 200;

    private final String epoch;
    private final int capacity;
    private final ArrayDeque<Event> recent = new ArrayDeque<>();
    private final Set<Consumer<Event>> listeners = new CopyOnWriteArraySet<>();
    private long sequence;

    public EventLog(int capacity) {
        this.capacity = capacity;
        this.epoch = Long.toString(System.currentTimeMillis(), 36) + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
    }

    /** What makes this start's ids unlike any other start's. */
    public String epoch() {
        return epoch;
    }

    /**
     * Tells everyone that something happened.
     *
     * @param params name, value, name, value...: strings (cut to {@link #MAX_ECHO}) and numbers
     */
    public Event report(String type, String code, String text, Object... params) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i + 1 < params.length; i += 2) {
            Object value = params[i + 1];
            values.put((String) params[i], value instanceof String s ? cut(s) : value);
        }
        Event event;
        synchronized (recent) {
            sequence++;
            event = new Event(epoch + "-" + sequence, sequence, Instant.now(), type, code, Collections.unmodifiableMap(values), cut(text));
            recent.addLast(event);
            if (recent.size() > capacity) {
                recent.removeFirst();
            }
        }
        for (Consumer<Event> listener : listeners) {
            listener.accept(event);
        }
        return event;
    }

    /**
     * Tells listeners of something passing (a miner's progress, a few times a second), without
     * keeping it: it has no id and is not replayed.
     */
    public void announce(String type, String code, String text, Object... params) {
        if (listeners.isEmpty()) {
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i + 1 < params.length; i += 2) {
            values.put((String) params[i], params[i + 1]);
        }
        Event event = new Event(null, 0, Instant.now(), type, code, Collections.unmodifiableMap(values), cut(text));
        for (Consumer<Event> listener : listeners) {
            listener.accept(event);
        }
    }

    /** "1 transaction", "2 transactions": for events' sentences. */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** A hash's first eight characters, for events' sentences (the whole one is in the parameters). */
    public static String shortHash(String hash) {
        return hash.length() <= 8 ? hash : hash.substring(0, 8) + "…";
    }

    /** {@code text} no longer than {@link #MAX_ECHO}, marked where it was cut. */
    public static String cut(String text) {
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO - 1) + "…";
    }

    /** The events kept, oldest first. */
    public List<Event> recent() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    /**
     * The events after the one with {@code lastId}, oldest first, or null when they cannot all be
     * told: the id is from another start, or older than what is kept.
     */
    public List<Event> after(String lastId) {
        int dash = lastId.lastIndexOf('-');
        if (dash < 0 || !lastId.substring(0, dash).equals(epoch)) {
            return null;
        }
        long last;
        try {
            last = Long.parseLong(lastId.substring(dash + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        synchronized (recent) {
            if (last > sequence) {
                return null;
            }
            long oldestKept = recent.isEmpty() ? sequence + 1 : recent.peekFirst().sequence();
            if (last + 1 < oldestKept) {
                return null; // some are gone
            }
            List<Event> missed = new ArrayList<>();
            for (Event event : recent) {
                if (event.sequence() > last) {
                    missed.add(event);
                }
            }
            return missed;
        }
    }

    /** Calls {@code listener} with every event reported from now on, on the reporting thread. */
    public void listen(Consumer<Event> listener) {
        listeners.add(listener);
    }

    public void stopListening(Consumer<Event> listener) {
        listeners.remove(listener);
    }
}
