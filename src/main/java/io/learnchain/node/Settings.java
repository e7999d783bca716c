package io.learnchain.node;

import io.learnchain.chain.ProofOfWork;
import io.learnchain.peer.AddressPolicy;
import io.learnchain.peer.PeerAddress;
import io.learnchain.peer.PeerSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The node's settings. Each is read, first found wins, from the system property
 * {@code blockchain.<name>}, the environment variable {@code BLOCKCHAIN_<NAME>} (upper case,
 * words and dots separated by underscores: {@code dataDir} is {@code BLOCKCHAIN_DATA_DIR}) and
 * the web application's context parameter {@code blockchain.<name>}.
 *
 * @param dataDir        where the node keeps its data
 * @param dataDirSource  which of the above gave {@code dataDir}, or how it was derived
 * @param miningThreads  threads searching proofs (default: every core)
 * @param difficulty     leading hex zeros a proof's hash needs: a network setting, the same on every node
 * @param maxBodyBytes   largest request body accepted
 * @param maxJsonDepth   deepest JSON nesting accepted in a request
 * @param maxPeers       most peers a node keeps
 * @param maxPending     most transactions waiting for a block
 * @param maxPendingBytes most bytes of transactions waiting for a block (their compact JSON)
 * @param maxBlockBytes  largest block this node mines or accepts from peers (its compact JSON);
 *                       what does not fit in one block waits for the next
 * @param startPeers     peers to register at start (comma-separated base URLs, as /nodes/register takes)
 * @param signedLedger   {@code ledger=signed}: transactions are signed, and balances and nonces are kept
 *                       ({@code ledger=open}, the default: the tutorial's, anyone sends anything)
 * @param adminToken     the operator's token that mining, registering, removing and resolving need, or null: open to all
 * @param liveNetwork    {@code network=live} (the default): blocks and transactions spread and nodes sync by
 *                       themselves; {@code network=manual}: nothing moves between nodes until someone
 *                       resolves, as in the tutorial
 * @param syncInterval   how often to pull from every peer (zero: never on a schedule)
 * @param publicUrl      this node's address as peers reach it, or null to take the address requests arrive at
 * @param maxValidateBytes the largest body {@code POST /chain/validate} takes (a chain a student edited)
 * @param maxEventStreams how many {@code /events} streams may be open at once
 * @param maxEventStreamsPerAddress how many of them one source address may open (a class on one LAN
 *                       has an address each; strangers behind one address share it)
 * @param name           what the node is called on its page and in {@code /status} (a class tells its nodes
 *                       apart by it), or null for the host, port and context path a request names
 * @param maxSnapshots   how many snapshots the operator may keep ({@code /admin/snapshots})
 * @param maxSnapshotBytes how many bytes they may take in all
 * @param maxImportBytes the largest body {@code POST /admin/import} takes
 * @param maxSideBlocks  how many blocks of branches it left or saw it keeps, to show a fork after it healed
 * @param maxSideBytes   how many bytes they may take
 * @param genesisTime    the timestamp (seconds since 1970) of the first block of a chain this node
 *                       starts afresh, or null for the moment it does: nodes given the same one
 *                       start from one genesis block (a class network)
 * @param peers          limits on talking to peers
 */
public record Settings(Path dataDir, String dataDirSource, int miningThreads, int difficulty, int maxBodyBytes, int maxJsonDepth, int maxPeers,
                       int maxPending, long maxPendingBytes, int maxBlockBytes, List<String> startPeers, boolean signedLedger, String adminToken,
                       boolean liveNetwork, Duration syncInterval, String publicUrl, String name, int maxValidateBytes,
                       int maxEventStreams, int maxEventStreamsPerAddress, int maxSnapshots, long maxSnapshotBytes,
                       int maxImportBytes, int maxSideBlocks, long maxSideBytes, Long genesisTime, PeerSettings peers) {

    /** JSON nesting the node ever accepts; stored records are read back within it. */
    static final int MAX_DEPTH = 1000;
    /** The most any byte size may be where it is held in one array (with room to spare, so sums cannot wrap). */
    private static final long MAX_ARRAY_BYTES = 1L << 30;
    private static final long DAY_MS = 24L * 3600 * 1000;
    /** 9999-12-31T23:59:59Z: the last second Python's datetime can show. */
    private static final long LAST_SECOND_OF_9999 = 253_402_300_799L;

    /** The settings by name, for {@code /status} (nothing secret among them: the token shows as "(set)"). */
    public Map<String, Object> shown() {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("dataDir", dataDir.toString());
        shown.put("miningThreads", miningThreads);
        shown.put("difficulty", difficulty);
        shown.put("maxBodyBytes", maxBodyBytes);
        shown.put("maxJsonDepth", maxJsonDepth);
        shown.put("maxPeers", maxPeers);
        shown.put("maxPending", maxPending);
        shown.put("maxPendingBytes", maxPendingBytes);
        shown.put("maxBlockBytes", maxBlockBytes);
        shown.put("peers", String.join(",", startPeers));
        shown.put("ledger", signedLedger ? "signed" : "open");
        shown.put("adminToken", adminToken == null ? "" : "(set)");
        shown.put("network", liveNetwork ? "live" : "manual");
        shown.put("syncIntervalMs", syncInterval.toMillis());
        shown.put("publicUrl", publicUrl == null ? "" : publicUrl);
        shown.put("name", name == null ? "" : name);
        shown.put("maxValidateBytes", maxValidateBytes);
        shown.put("maxEventStreams", maxEventStreams);
        shown.put("maxEventStreamsPerAddress", maxEventStreamsPerAddress);
        shown.put("maxSnapshots", maxSnapshots);
        shown.put("maxSnapshotBytes", maxSnapshotBytes);
        shown.put("maxImportBytes", maxImportBytes);
        shown.put("maxSideBlocks", maxSideBlocks);
        shown.put("maxSideBytes", maxSideBytes);
        shown.put("genesisTime", genesisTime == null ? "" : genesisTime);
        shown.put("peer.connectTimeoutMs", peers.connectTimeout().toMillis());
        shown.put("peer.responseTimeoutMs", peers.responseTimeout().toMillis());
        shown.put("peer.deadlineMs", peers.deadline().toMillis());
        shown.put("peer.maxResponseBytes", peers.maxResponseBytes());
        shown.put("peer.maxRoundBytes", peers.maxRoundBytes());
        shown.put("peer.maxJsonDepth", peers.maxJsonDepth());
        shown.put("peer.maxPushesPerSecond", peers.maxPushesPerSecond());
        shown.put("peer.denyNetworks", peers.addressPolicy().toString());
        return shown;
    }

    /**
     * Reads the settings.
     *
     * @param contextParameter the web application's context parameters
     * @param contextName      names the node's default data directory when none is set: two
     *                         applications on one machine need different names
     */
    public static Settings read(Function<String, String> contextParameter, String contextName) {
        Source source = new Source(contextParameter);
        String dir = source.text("dataDir");
        Path dataDir;
        String dataDirSource;
        if (dir != null) {
            dataDir = Path.of(dir);
            dataDirSource = "setting blockchain.dataDir";
        } else {
            dataDir = Path.of(System.getProperty("user.home"), ".blockchain-node", contextName);
            dataDirSource = "default (set blockchain.dataDir to choose)";
        }
        PeerSettings peerDefaults = PeerSettings.DEFAULTS;
        int maxPeers = (int) source.integer("maxPeers", 100, 1, 1000);
        int maxBlockBytes = (int) source.integer("maxBlockBytes", peerDefaults.maxBlockBytes(), 64 * 1024, MAX_ARRAY_BYTES / 4);
        PeerSettings peers = new PeerSettings(
                source.duration("peer.connectTimeoutMs", peerDefaults.connectTimeout()),
                source.duration("peer.responseTimeoutMs", peerDefaults.responseTimeout()),
                source.duration("peer.deadlineMs", peerDefaults.deadline()),
                source.integer("peer.maxResponseBytes", peerDefaults.maxResponseBytes(), 1, MAX_ARRAY_BYTES),
                source.integer("peer.maxRoundBytes", peerDefaults.maxRoundBytes(), 1, Long.MAX_VALUE / 2),
                maxBlockBytes,
                (int) source.integer("peer.maxJsonDepth", peerDefaults.maxJsonDepth(), 1, MAX_DEPTH),
                maxPeers,
                (int) source.integer("peer.maxPushesPerSecond", peerDefaults.maxPushesPerSecond(), 1, 1_000_000),
                source.addressPolicy("peer.denyNetworks"));
        return new Settings(dataDir.toAbsolutePath(), dataDirSource,
                (int) source.integer("miningThreads", Runtime.getRuntime().availableProcessors(), 1, 1024),
                (int) source.integer("difficulty", ProofOfWork.DIFFICULTY, 1, ProofOfWork.MAX_DIFFICULTY),
                (int) source.integer("maxBodyBytes", 64 * 1024, 1, MAX_ARRAY_BYTES / 4),
                (int) source.integer("maxJsonDepth", 32, 1, MAX_DEPTH),
                maxPeers,
                (int) source.integer("maxPending", 100_000, 1, 100_000_000),
                source.integer("maxPendingBytes", 64L << 20, 1, Long.MAX_VALUE / 2),
                maxBlockBytes,
                source.peerList("peers", peers.addressPolicy()),
                !source.choice("ledger", "open", "signed"),
                source.token("adminToken"),
                source.choice("network", "live", "manual"),
                Duration.ofMillis(source.integer("syncIntervalMs", 5000, 0, DAY_MS)),
                source.address("publicUrl"),
                source.name("name"),
                (int) source.integer("maxValidateBytes", 4L << 20, 1024, MAX_ARRAY_BYTES / 4),
                (int) source.integer("maxEventStreams", 1000, 1, 100_000),
                (int) source.integer("maxEventStreamsPerAddress", 20, 1, 100_000),
                (int) source.integer("maxSnapshots", 20, 0, 10_000),
                source.integer("maxSnapshotBytes", 256L << 20, 0, Long.MAX_VALUE / 2),
                (int) source.integer("maxImportBytes", 64L << 20, 1024, MAX_ARRAY_BYTES / 4),
                (int) source.integer("maxSideBlocks", 1000, 0, 1_000_000),
                source.integer("maxSideBytes", 16L << 20, 0, MAX_ARRAY_BYTES),
                source.text("genesisTime") == null ? null : source.integer("genesisTime", 0, 0, LAST_SECOND_OF_9999),
                peers);
    }

    private record Source(Function<String, String> contextParameter) {
        /** A name for people: 1 to 40 characters, no control characters; null when not set. */
        String name(String name) {
            String value = text(name);
            if (value == null || value.isBlank()) {
                return null;
            }
            String stripped = value.strip();
            if (stripped.length() > 40 || stripped.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("setting blockchain." + name + " must be 1 to 40 characters without control"
                        + " characters, not '" + (stripped.length() > 60 ? stripped.substring(0, 60) + "…" : stripped) + "'");
            }
            return stripped;
        }

        String text(String name) {
            String key = "blockchain." + name;
            String value = System.getProperty(key);
            if (value == null) {
                value = System.getenv(environmentName(name));
            }
            if (value == null) {
                value = contextParameter.apply(key);
            }
            return value == null || value.isBlank() ? null : value.strip();
        }

        /** {@code peer.connectTimeoutMs} is {@code BLOCKCHAIN_PEER_CONNECT_TIMEOUT_MS}. */
        static String environmentName(String name) {
            return "BLOCKCHAIN_" + name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
        }

        /** A whole number from {@code min} to {@code max}; anything else stops the node, naming the setting. */
        long integer(String name, long fallback, long min, long max) {
            String value = text(name);
            if (value == null) {
                return fallback;
            }
            try {
                long parsed = Long.parseLong(value);
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new IllegalArgumentException("setting blockchain." + name + " must be a whole number from " + min + " to "
                    + max + ", not '" + value + "'");
        }

        /** A Bearer token (RFC 6750: letters, digits and {@code -._~+/}, then any {@code =}), or null; never echoed. */
        String token(String name) {
            String value = text(name);
            if (value != null && !value.matches("[A-Za-z0-9._~+/-]+=*")) {
                throw new IllegalArgumentException("setting blockchain." + name
                        + " must be letters, digits and -._~+/ (a Bearer token); it is not shown here");
            }
            return value;
        }

        AddressPolicy addressPolicy(String name) {
            String value = text(name);
            try {
                return value == null ? AddressPolicy.DEFAULT : AddressPolicy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("setting blockchain." + name + ": " + e.getMessage());
            }
        }

        List<String> peerList(String name, AddressPolicy policy) {
            String value = text(name);
            if (value == null) {
                return List.of();
            }
            List<String> peers = new ArrayList<>();
            for (String entry : value.split(",")) {
                try {
                    String peer = PeerAddress.baseUrl(entry);
                    policy.check(peer);
                    peers.add(peer);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("setting blockchain." + name + ": '" + entry.strip()
                            + "' is not a node address: " + e.getMessage());
                }
            }
            return List.copyOf(peers);
        }

        /** True for the first word (the default), false for the second. */
        boolean choice(String name, String first, String second) {
            String value = text(name);
            if (value == null || value.equalsIgnoreCase(first)) {
                return true;
            }
            if (value.equalsIgnoreCase(second)) {
                return false;
            }
            throw new IllegalArgumentException("setting blockchain." + name + " must be " + first + " or " + second
                    + ", not '" + value + "'");
        }

        String address(String name) {
            String value = text(name);
            try {
                return value == null ? null : PeerAddress.baseUrl(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("setting blockchain." + name + ": '" + value + "' is not a node address: "
                        + e.getMessage());
            }
        }

        Duration duration(String name, Duration fallback) {
            return Duration.ofMillis(integer(name, fallback.toMillis(), 1, DAY_MS));
        }
    }
}
