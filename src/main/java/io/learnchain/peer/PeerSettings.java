package io.learnchain.peer;

import java.time.Duration;

/**
 * Limits on talking to peers.
 *
 * @param connectTimeout   how long to wait for a peer to accept a connection
 * @param responseTimeout  how long to wait between bytes of a peer's answer
 * @param deadline         how long one resolve round may take, whatever the peers do
 * @param maxResponseBytes the largest /chain answer read from a peer
 * @param maxJsonDepth     the deepest JSON nesting accepted from a peer
 */
public record PeerSettings(Duration connectTimeout, Duration responseTimeout, Duration deadline,
                           long maxResponseBytes, int maxJsonDepth) {
    public static final PeerSettings DEFAULTS = new PeerSettings(
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), 64L << 20, 64);
}
