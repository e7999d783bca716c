package io.learnchain.net;

import io.learnchain.json.Json;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonBoolean;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonReader;
import io.learnchain.json.JsonString;
import io.learnchain.json.JsonSyntaxException;
import io.learnchain.json.JsonWriter;
import io.learnchain.peer.PeerAddress;
import io.learnchain.store.SmallFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * The operator's say over whom this node talks to, for a lesson: the whole network paused,
 * peers ignored (one side of a partition), and per peer a delay and a drop rate on this node's
 * outgoing messages. Consulted by everything that sends or takes peer messages (pushes, relays,
 * syncs, resolve rounds, introductions). Kept in the data directory ({@value #FILE}), so that a
 * node restarted in the middle of a lesson stays on its side. Reads are lock-free; thread-safe.
 */
public final class NetworkControls {
    private static final Logger LOG = Logger.getLogger(NetworkControls.class.getName());
    static final String FILE = "network-controls.json";
    /** The longest delay a link may add: a lesson's pace, not a broken network. */
    public static final long MAX_LATENCY_MS = 10_000;

    /** What this node does to its messages to one peer. */
    public record Link(long latencyMs, double drop) {
        public Link {
            if (latencyMs < 0 || latencyMs > MAX_LATENCY_MS) {
                throw new IllegalArgumentException("latency_ms must be from 0 to " + MAX_LATENCY_MS + ", not " + latencyMs);
            }
            if (!(drop >= 0 && drop <= 1)) {
                throw new IllegalArgumentException("drop must be from 0 to 1, not " + drop);
            }
        }
    }

    /**
     * @param paused  neither sends nor takes peer messages
     * @param ignored peers this node neither sends to nor takes from
     * @param links   per peer, the delay and drop rate of this node's messages to it
     * @param withhold blocks this node mines go to a private branch, released (and adopted if longer) when this ends
     */
    public record State(boolean paused, List<String> ignored, Map<String, Link> links, boolean withhold) {
        public State {
            ignored = List.copyOf(ignored);
            links = Map.copyOf(links);
        }

        static final State OPEN = new State(false, List.of(), Map.of(), false);

        /** This state changed by a request's fields (those given); peer addresses as registering takes them. */
        public State with(JsonObject changes) {
            changes.allowOnly(List.of("paused", "ignored", "links", "withhold"));
            boolean newPaused = flag(changes, "paused", paused);
            List<String> newIgnored = ignored;
            if (changes.get("ignored") != null) {
                if (!(changes.get("ignored") instanceof JsonArray list)) {
                    throw new IllegalArgumentException("ignored must be a list of peer addresses");
                }
                newIgnored = new ArrayList<>();
                for (Json item : list.items()) {
                    String peer = address(item, "ignored");
                    if (!newIgnored.contains(peer)) {
                        newIgnored.add(peer);
                    }
                }
            }
            Map<String, Link> newLinks = links;
            if (changes.get("links") != null) {
                if (!(changes.get("links") instanceof JsonObject given)) {
                    throw new IllegalArgumentException("links must be an object: {peer address: {\"latency_ms\": n, \"drop\": 0-1}}");
                }
                newLinks = new LinkedHashMap<>();
                for (Map.Entry<String, Json> entry : given.members().entrySet()) {
                    String peer = address(new JsonString(entry.getKey()), "links");
                    if (!(entry.getValue() instanceof JsonObject link)) {
                        throw new IllegalArgumentException("links' " + peer + " must be {\"latency_ms\": n, \"drop\": 0-1}");
                    }
                    long latency = link.get("latency_ms") instanceof JsonNumber n && n.isInteger() && n.bigInteger().bitLength() < 32
                            ? n.bigInteger().longValue() : link.get("latency_ms") == null ? 0 : -1;
                    double drop = link.get("drop") instanceof JsonNumber d ? d.doubleValue() : link.get("drop") == null ? 0 : -1;
                    Link made = new Link(latency, drop);
                    if (made.latencyMs() > 0 || made.drop() > 0) {
                        newLinks.put(peer, made);
                    }
                }
            }
            return new State(newPaused, newIgnored, newLinks, flag(changes, "withhold", withhold));
        }

        /** The request's true or false for {@code field}, {@code current} when not given. */
        private static boolean flag(JsonObject changes, String field, boolean current) {
            Json given = changes.get(field);
            if (given == null) {
                return current;
            }
            if (!(given instanceof JsonBoolean b)) {
                throw new IllegalArgumentException(field + " must be true or false");
            }
            return b.value();
        }

        private static String address(Json item, String field) {
            if (!(item instanceof JsonString s)) {
                throw new IllegalArgumentException(field + " must name peers by their addresses, such as \"http://127.0.0.1:5001\"");
            }
            try {
                return PeerAddress.baseUrl(s.value());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + ": " + e.getMessage());
            }
        }

        public JsonObject json() {
            JsonObject.Builder linkJson = JsonObject.builder();
            links.forEach((peer, link) -> linkJson.put(peer, JsonObject.builder().put("latency_ms", link.latencyMs())
                    .put("drop", JsonNumber.ofDouble(link.drop())).build()));
            return JsonObject.builder().put("paused", paused ? JsonBoolean.TRUE : JsonBoolean.FALSE)
                    .put("ignored", new JsonArray(ignored.stream().<Json>map(JsonString::new).toList()))
                    .put("links", linkJson.build()).put("withhold", withhold ? JsonBoolean.TRUE : JsonBoolean.FALSE).build();
        }

        /** In words, for the log and the feed. */
        public String describe() {
            List<String> parts = new ArrayList<>();
            parts.add(paused ? "paused" : "open");
            if (!ignored.isEmpty()) {
                parts.add("ignoring " + String.join(", ", ignored));
            }
            links.forEach((peer, link) -> parts.add("to " + peer + ": +" + link.latencyMs() + " ms, "
                    + Math.round(link.drop() * 100) + "% dropped"));
            if (withhold) {
                parts.add("withholding the blocks it mines");
            }
            return String.join("; ", parts);
        }
    }

    private final Path directory; // null: not kept
    private volatile State state;

    NetworkControls(Path directory) {
        this.directory = directory;
        this.state = directory == null ? State.OPEN : read(directory);
        if (!state.equals(State.OPEN)) {
            LOG.info(() -> "network controls as kept in " + directory.resolve(FILE) + ": " + state.describe());
        }
    }

    private static State read(Path directory) {
        Optional<byte[]> bytes = SmallFile.read(directory, FILE);
        if (bytes.isEmpty()) {
            return State.OPEN;
        }
        try {
            if (JsonReader.parse(bytes.get(), bytes.get().length, 8, false) instanceof JsonObject json) {
                return State.OPEN.with(json);
            }
        } catch (JsonSyntaxException | IllegalArgumentException e) {
            LOG.warning(() -> directory.resolve(FILE) + " cannot be read (" + e.getMessage() + "): the network is open");
        }
        return State.OPEN;
    }

    public State state() {
        return state;
    }

    /** Takes {@code changed} from now on, kept for restarts. */
    void set(State changed) {
        if (directory != null) {
            SmallFile.write(directory, FILE, JsonWriter.compact(changed.json()));
        }
        state = changed;
    }

    /** False while paused; false for an ignored peer. */
    boolean sendsTo(String peer) {
        State now = state;
        return !now.paused() && !now.ignored().contains(peer);
    }

    /** Why a message from {@code claimedSender} (null: not said) is not taken now, or null when it is. */
    public String refusal(String claimedSender) {
        State now = state;
        if (now.paused()) {
            return "This node's network is paused by its operator: it neither sends nor takes peer messages for now";
        }
        if (claimedSender != null && now.ignored().contains(claimedSender)) {
            return "This node ignores " + claimedSender + " for now (a partition its operator made)";
        }
        return null;
    }

    /** The delay to add to a message to {@code peer}, in milliseconds, or -1 to drop it. */
    long delayOrDrop(String peer) {
        Link link = state.links().get(peer);
        if (link == null) {
            return 0;
        }
        if (link.drop() > 0 && ThreadLocalRandom.current().nextDouble() < link.drop()) {
            return -1;
        }
        return link.latencyMs();
    }
}
