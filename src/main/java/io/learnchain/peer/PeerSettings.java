package io.learnchain.peer;

import java.time.Duration;

/**
 * Limits on talking to peers.
 *
 * @param connectTimeout   how long to wait for a peer to accept a connection
 * @param responseTimeout  how long to wait between bytes of a peer's answer
 * @param deadline         how long one resolve round may take, whatever the peers do
 * @param maxResponseBytes the largest /chain answer read from a peer
 * @param maxRoundBytes    the most one resolve round holds of all its peers' answers together
 * @param maxBlockBytes    the largest block accepted from a peer (its compact encoding)
 * @param maxJsonDepth     the deepest JSON nesting accepted from a peer
 * @param maxPeers         the most peers a round asks, which is how many may be asked at once
 * @param maxPushesPerSecond how many blocks and transactions one peer may push a second (strangers share one allowance)
 * @param addressPolicy  the networks a peer may not be in
 */
public record PeerSettings(Duration connectTimeout, Duration responseTimeout, Duration deadline,
                           long maxResponseBytes, long maxRoundBytes, int maxBlockBytes, int maxJsonDepth, int maxPeers,
                           int maxPushesPerSecond, AddressPolicy addressPolicy) {
    public static final PeerSettings DEFAULTS = new PeerSettings(
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), 64L << 20,
            defaultRoundBytes(), 4 << 20, 64, 100, 1000, AddressPolicy.DEFAULT);

    /**
     * When checking a peer's chain stops, for an exchange that began at {@code startedNanos}
     * ({@link System#nanoTime()}): four fifths into the deadline, so that the part checked can
     * still be adopted in time (the signed ledger's check of a long chain may take longer than
     * one exchange; the rest is checked in the next).
     */
    public long checkUntil(long startedNanos) {
        return startedNanos + deadline.toNanos() * 4 / 5;
    }

    /** A quarter of the heap, and no more than 256 MiB: a round can never exhaust the node's memory. */
    public static long defaultRoundBytes() {
        return Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4);
    }
}
