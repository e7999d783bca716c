package io.learnchain.peer;

/**
 * What became of one peer in a resolve round.
 *
 * @param node    the peer's base URL
 * @param outcome one of the {@code OUTCOME_*} words
 * @param length  the number of blocks the peer sent, or -1 when none could be read
 * @param detail  what happened, for a person
 */
public record PeerOutcome(String node, String outcome, int length, String detail) {
    public static final String ADOPTED = "adopted";
    public static final String SHORTER = "shorter";
    /** As long as ours: the tutorial's rule keeps ours on a tie. */
    public static final String EQUAL = "equal";
    public static final String INVALID = "invalid";
    public static final String UNREACHABLE = "unreachable";
    public static final String TIMEOUT = "timeout";
    public static final String TOO_LARGE = "too-large";
    public static final String BAD_RESPONSE = "bad-response";
    /** The peer's host resolved into a network peers may not be in (setting {@code peer.denyNetworks}). */
    public static final String DENIED = "denied";
    /** The address is this node's own (found from its answer): it is dropped from the peers. */
    public static final String SELF = "self";
}
