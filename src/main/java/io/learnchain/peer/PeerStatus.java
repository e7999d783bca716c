package io.learnchain.peer;

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
}
