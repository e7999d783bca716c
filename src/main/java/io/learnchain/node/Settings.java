package io.learnchain.node;

import io.learnchain.peer.PeerSettings;

import java.time.Duration;
import java.util.function.Function;

/**
 * The node's settings. Each is read, first found wins, from the system property
 * {@code blockchain.<name>}, the environment variable {@code BLOCKCHAIN_<NAME>} (dots become
 * underscores) and the web application's context parameter {@code blockchain.<name>}.
 *
 * @param miningThreads  threads searching proofs (default: every core)
 * @param maxBodyBytes   largest request body accepted
 * @param maxJsonDepth   deepest JSON nesting accepted in a request
 * @param peers          limits on talking to peers
 */
public record Settings(int miningThreads, int maxBodyBytes, int maxJsonDepth, PeerSettings peers) {

    /** Reads the settings; {@code contextParameter} gives the web application's parameters. */
    public static Settings read(Function<String, String> contextParameter) {
        Source source = new Source(contextParameter);
        PeerSettings peerDefaults = PeerSettings.DEFAULTS;
        PeerSettings peers = new PeerSettings(
                source.duration("peer.connectTimeoutMs", peerDefaults.connectTimeout()),
                source.duration("peer.responseTimeoutMs", peerDefaults.responseTimeout()),
                source.duration("peer.deadlineMs", peerDefaults.deadline()),
                source.integer("peer.maxResponseBytes", peerDefaults.maxResponseBytes()),
                (int) source.integer("peer.maxJsonDepth", peerDefaults.maxJsonDepth()));
        return new Settings(
                (int) source.integer("miningThreads", Runtime.getRuntime().availableProcessors()),
                (int) source.integer("maxBodyBytes", 64 * 1024),
                (int) source.integer("maxJsonDepth", 32),
                peers);
    }

    private record Source(Function<String, String> contextParameter) {
        String text(String name) {
            String key = "blockchain." + name;
            String value = System.getProperty(key);
            if (value == null) {
                value = System.getenv(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
            }
            if (value == null) {
                value = contextParameter.apply(key);
            }
            return value == null || value.isBlank() ? null : value.strip();
        }

        long integer(String name, long fallback) {
            String value = text(name);
            if (value == null) {
                return fallback;
            }
            try {
                long parsed = Long.parseLong(value);
                if (parsed < 1 || parsed > Integer.MAX_VALUE && !name.endsWith("Bytes")) {
                    throw new NumberFormatException();
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("setting blockchain." + name + " must be a positive whole number, not '" + value + "'");
            }
        }

        Duration duration(String name, Duration fallback) {
            return Duration.ofMillis(integer(name, fallback.toMillis()));
        }
    }
}
