package io.learnchain.peer;

/** A peer could not give a usable answer; {@code outcome} is a {@link PeerOutcome} word. */
final class PeerFailure extends Exception {
    private final String outcome;

    PeerFailure(String outcome, String detail) {
        super(detail);
        this.outcome = outcome;
    }

    String outcome() {
        return outcome;
    }
}
