package io.learnchain.peer;

/** A peer could not give a usable answer; {@code outcome} is a {@link PeerOutcome} word. */
public final class PeerFailure extends Exception {
    private final String outcome;
    private final boolean unsupported;

    public PeerFailure(String outcome, String detail) {
        this(outcome, detail, false);
    }

    PeerFailure(String outcome, String detail, boolean unsupported) {
        super(detail);
        this.outcome = outcome;
        this.unsupported = unsupported;
    }

    /** True when the peer has no such endpoint (404, 405): it speaks only the tutorial's API. */
    public boolean unsupported() {
        return unsupported;
    }

    public String outcome() {
        return outcome;
    }
}
