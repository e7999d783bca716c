package io.learnchain.peer;

/** A peer could not give a usable answer; {@code outcome} is a {@link PeerOutcome} word. */
public final class PeerFailure extends Exception {
    private final String outcome;
    private final boolean unsupported;
    private final boolean busy;

    public PeerFailure(String outcome, String detail) {
        this(outcome, detail, false, false);
    }

    /** A failure whose reason is a broken rule of the peer's chain, kept as the cause for those who tell of it. */
    public PeerFailure(String outcome, Exception cause) {
        this(outcome, cause.getMessage(), false, false);
        initCause(cause);
    }

    PeerFailure(String outcome, String detail, boolean unsupported, boolean busy) {
        super(detail);
        this.outcome = outcome;
        this.unsupported = unsupported;
        this.busy = busy;
    }

    /** True when the peer said it is too busy for this now (429): no fault of its, try again later. */
    public boolean busy() {
        return busy;
    }

    /** True when the peer has no such endpoint (404, 405): it speaks only the tutorial's API. */
    public boolean unsupported() {
        return unsupported;
    }

    public String outcome() {
        return outcome;
    }
}
