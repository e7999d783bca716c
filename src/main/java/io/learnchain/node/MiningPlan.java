package io.learnchain.node;

import io.learnchain.json.Json;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a node mines by itself, and how hard.
 *
 * <ul>
 *   <li>{@code manual}: only when asked ({@code /mine}), as in the tutorial;</li>
 *   <li>{@code on-transaction}: as soon as a client posts a transaction to this node (not one a
 *       peer relays, so that a class's nodes do not race for each);</li>
 *   <li>{@code interval}: again and again, waiting a delay after each block it mines, drawn
 *       uniformly from {@code [minIntervalMs, maxIntervalMs]} each time (equal bounds: a fixed delay).</li>
 * </ul>
 *
 * @param threads at most this many of the miner's threads search (a slow laptop gives 1)
 * @param duty    the share of time they search, above 0 and at most 1 (0.5: half the time they rest)
 */
public record MiningPlan(String mode, long minIntervalMs, long maxIntervalMs, int threads, double duty) {
    public static final String MANUAL = "manual";
    public static final String ON_TRANSACTION = "on-transaction";
    public static final String INTERVAL = "interval";
    private static final Set<String> MODES = Set.of(MANUAL, ON_TRANSACTION, INTERVAL);
    /** A day: a longer wait is no teaching pace. */
    static final long MAX_INTERVAL_MS = 86_400_000L;

    public MiningPlan {
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("mode must be manual, on-transaction or interval, not " + mode);
        }
        if (minIntervalMs < 0 || maxIntervalMs < minIntervalMs || maxIntervalMs > MAX_INTERVAL_MS) {
            throw new IllegalArgumentException("interval_ms must be from 0 to " + MAX_INTERVAL_MS + " ms, the smaller bound first, not "
                    + minIntervalMs + "-" + maxIntervalMs);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        if (!(duty > 0 && duty <= 1)) {
            throw new IllegalArgumentException("duty must be above 0 and at most 1, not " + duty);
        }
    }

    /** The tutorial's: mine only when asked, with all of the miner's threads, all the time. */
    public static MiningPlan manual(int threads) {
        return new MiningPlan(MANUAL, 0, 0, threads, 1);
    }

    /** The delay before the next block in interval mode. */
    public long nextDelayMs() {
        return minIntervalMs == maxIntervalMs ? minIntervalMs : ThreadLocalRandom.current().nextLong(minIntervalMs, maxIntervalMs + 1);
    }

    /**
     * This plan changed by a request's fields ({@code mode}, {@code interval_ms} as a number or
     * {@code [min, max]}, {@code threads}, {@code duty}); the fields not given stay.
     *
     * @throws IllegalArgumentException naming the field that does not fit
     */
    public MiningPlan with(JsonObject changes, int maxThreads) {
        changes.allowOnly(List.of("mode", "interval_ms", "threads", "duty"));
        String newMode = mode;
        if (changes.get("mode") != null) {
            if (!(changes.get("mode") instanceof JsonString s)) {
                throw new IllegalArgumentException("mode must be a string: manual, on-transaction or interval");
            }
            newMode = s.value();
        }
        long min = minIntervalMs;
        long max = maxIntervalMs;
        Json interval = changes.get("interval_ms");
        if (interval instanceof JsonNumber n) {
            min = max = whole(n, "interval_ms");
        } else if (interval instanceof JsonArray range && range.size() == 2
                && range.get(0) instanceof JsonNumber low && range.get(1) instanceof JsonNumber high) {
            min = whole(low, "interval_ms");
            max = whole(high, "interval_ms");
        } else if (interval != null) {
            throw new IllegalArgumentException("interval_ms must be a number of milliseconds or [min, max]");
        }
        if (newMode.equals(INTERVAL) && interval == null && max == 0) {
            throw new IllegalArgumentException("interval mode needs interval_ms: a number of milliseconds or [min, max]");
        }
        int newThreads = threads;
        if (changes.get("threads") != null) {
            if (!(changes.get("threads") instanceof JsonNumber n)) {
                throw new IllegalArgumentException("threads must be a whole number");
            }
            newThreads = (int) Math.min(whole(n, "threads"), Integer.MAX_VALUE);
            if (newThreads > maxThreads) {
                throw new IllegalArgumentException("threads must be at most " + maxThreads + ", the miner's threads (setting miningThreads)");
            }
        }
        double newDuty = duty;
        if (changes.get("duty") != null) {
            if (!(changes.get("duty") instanceof JsonNumber n)) {
                throw new IllegalArgumentException("duty must be a number above 0 and at most 1");
            }
            newDuty = n.doubleValue();
        }
        return new MiningPlan(newMode, min, max, newThreads, newDuty);
    }

    private static long whole(JsonNumber n, String field) {
        if (!n.isInteger() || n.bigInteger().bitLength() > 62) {
            throw new IllegalArgumentException(field + " must be a whole number, not " + n.literal());
        }
        return n.bigInteger().longValue();
    }

    /** As kept in the data directory and sent by the operator's API. */
    public JsonObject json() {
        Json interval = minIntervalMs == maxIntervalMs ? JsonNumber.of(minIntervalMs)
                : new JsonArray(List.of(JsonNumber.of(minIntervalMs), JsonNumber.of(maxIntervalMs)));
        return JsonObject.builder().put("mode", mode).put("interval_ms", interval).put("threads", threads)
                .put("duty", JsonNumber.ofDouble(duty)).build();
    }

    /** A plan kept by {@link #json()}, or the manual one when it cannot be read as one. */
    public static MiningPlan fromJson(Json json, int maxThreads) {
        try {
            if (json instanceof JsonObject object) {
                return manual(maxThreads).with(object, maxThreads);
            }
        } catch (IllegalArgumentException e) {
            // a plan that no longer fits (fewer threads now): the tutorial's
        }
        return manual(maxThreads);
    }

    /** In words, for the log and the feed: "interval 5000-15000 ms, 2 threads at 50%". */
    public String describe() {
        String how = switch (mode) {
            case INTERVAL -> "interval " + (minIntervalMs == maxIntervalMs ? minIntervalMs : minIntervalMs + "-" + maxIntervalMs) + " ms";
            default -> mode;
        };
        return how + ", " + threads + (threads == 1 ? " thread" : " threads") + " at " + Math.round(duty * 100) + "%";
    }
}
