package io.learnchain.peer;

import io.learnchain.json.JsonObject;

import java.time.Instant;

/**
 * What a node knows of a peer from resolve rounds: the last outcome, when it was asked, and when
 * it last answered at all (null if never).
 */
public record PeerStatus(PeerOutcome last, Instant lastResolve, Instant lastReached) {

    /** The status after {@code outcome}, given the one before (null for a peer never asked). */
    public static PeerStatus after(PeerStatus previous, PeerOutcome outcome, Instant now) {
        boolean answered = !outcome.outcome().equals(PeerOutcome.UNREACHABLE) && !outcome.outcome().equals(PeerOutcome.TIMEOUT);
        Instant reached = answered ? now : previous == null ? null : previous.lastReached();
        return new PeerStatus(outcome, now, reached);
    }

    /** {@code {"node", "last_outcome", "last_length", "last_detail", "last_resolve", "last_reached"}}; unknown parts left out. */
    public static JsonObject toJson(String node, PeerStatus status) {
        JsonObject.Builder b = JsonObject.builder().put("node", node);
        if (status == null) {
            return b.put("last_outcome", "never resolved").build();
        }
        b.put("last_outcome", status.last().outcome());
        if (status.last().length() >= 0) {
            b.put("last_length", status.last().length());
        }
        b.put("last_detail", status.last().detail()).put("last_resolve", status.lastResolve().toString());
        if (status.lastReached() != null) {
            b.put("last_reached", status.lastReached().toString());
        }
        return b.build();
    }
}
