package io.learnchain.net;

import io.learnchain.json.Json;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonObject;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@value #CAPACITY} things that arrived from peers (a block, a chain, a transaction),
 * newest first, for the status page. Thread-safe.
 */
final class Feed {
    static final int CAPACITY = 30;
    private final ArrayDeque<JsonObject> events = new ArrayDeque<>();

    /** @param from the peer it came from, or null when the sender is not a known peer */
    void add(String kind, String from, String what) {
        JsonObject event = JsonObject.builder()
                .put("at", Instant.now().toString())
                .put("kind", kind)
                .put("from", from == null ? "a peer" : from)
                .put("what", what)
                .build();
        synchronized (events) {
            events.addFirst(event);
            if (events.size() > CAPACITY) {
                events.removeLast();
            }
        }
    }

    JsonArray toJson() {
        List<Json> items;
        synchronized (events) {
            items = new ArrayList<>(events);
        }
        return new JsonArray(items);
    }
}
