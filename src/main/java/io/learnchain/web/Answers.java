package io.learnchain.web;

import io.learnchain.chain.Transaction;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.node.BlockJournal;
import io.learnchain.node.EventLog;
import io.learnchain.net.Network;
import io.learnchain.node.Blockchain;
import io.learnchain.peer.PeerOutcome;
import io.learnchain.peer.PeerStatus;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shapes of the API's answers, as records, and the one JSON-B instance that writes them.
 * Names are snake_case as the tutorial's ({@code previousHash} is {@code previous_hash}), keys in
 * alphabetical order as Flask writes the Python node's answers, and absent (null) components are
 * left out. Chain data inside (transactions, a block's proof) goes through {@link ExactJson}.
 */
public final class Answers {
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
            .withSerializers(ExactJson.ALL));

    private Answers() {
    }

    /**
     * The few small answers the busiest endpoints repeat ({@code "Transaction will be added to
     * Block N"} until a block is mined, the {@code "length"} after a chain), already written:
     * binding them anew for every request cost about a tenth of those endpoints' throughput.
     */
    private static final int MAX_REMEMBERED = 256;
    private static final ConcurrentHashMap<Object, byte[]> REMEMBERED = new ConcurrentHashMap<>();

    /** The answer's JSON, UTF-8 (the caller must not change the array). */
    static byte[] bytes(Object answer) {
        if (!(answer instanceof Message || answer instanceof ChainTail)) {
            return write(answer);
        }
        byte[] known = REMEMBERED.get(answer);
        if (known == null) {
            if (REMEMBERED.size() >= MAX_REMEMBERED) {
                REMEMBERED.clear();
            }
            known = write(answer);
            REMEMBERED.put(answer, known);
        }
        return known;
    }

    /** Has JSON-B build its model of the answers the first requests need, before they come. */
    static void warmUp() {
        JsonObject reward = JsonObject.builder().put("sender", "0").put("recipient", "warm-up").put("amount", 1).build();
        write(new Forged("New Block Forged", 2, List.of(reward), JsonNumber.of(1), "0".repeat(64)));
        write(new Pending(List.of(new Transaction(reward)), 1));
        write(new NodesChanged("Nodes have been removed", List.of()));
        write(new NodesRegistered("New nodes have been added", List.of(), List.of(Registered.of("http://warm-up", "added"))));
        write(new Message("warm-up"));
        write(new Valid(true, 1));
        write(new Invalid(false, 1, "proof", "warm-up"));
        write(new ChainTail(1, null));
        Peer peer = new Peer("http://warm-up", "never resolved", null, null, null, null, "unknown", null, null, 0, false);
        write(new Status("warm-up", io.learnchain.net.NetworkView.colour("warm-up"), "warm-up", 1, "0", 0, 4, List.of(peer), 1, "warm-up", "warm-up", new Blockchain.Activity(0, 0, 0, 0),
                new Network.Traffic(0, 0, 0, Map.of(), Map.of(), Map.of()), List.of(Event.of(new EventLog(1).report("block", "mined", "warm-up", "index", 1))), Map.of(),
                Mining.of(io.learnchain.node.MiningPlan.manual(1), 0), new NetworkControls(false, List.of(), Map.of(), false, 0)));
    }

    private static byte[] write(Object answer) {
        return JSONB.toJson(answer).getBytes(StandardCharsets.UTF_8);
    }

    /** Every message and every error: {@code {"message": ...}}. */
    public record Message(String message) {
    }

    /** {@code /mine}: the tutorial's answer, the forged block's fields as the block holds them. */
    public record Forged(String message, long index, List<JsonObject> transactions, JsonNumber proof, String previousHash) {
    }

    /** {@code /nodes/remove}. */
    public record NodesChanged(String message, List<String> totalNodes) {
    }

    /** {@code /nodes/register}: the tutorial's answer, and what became of each address given. */
    public record NodesRegistered(String message, List<String> totalNodes, List<Registered> nodes) {
    }

    /**
     * One address given to {@code /nodes/register}.
     *
     * @param result added, not-answering, known or self
     * @param detail the result in a sentence
     */
    public record Registered(String node, String result, String detail) {
        public static Registered of(String node, String result) {
            return new Registered(node, result, switch (result) {
                case Network.Registered.ADDED -> "added";
                case Network.Registered.NOT_ANSWERING -> "added, but no node answers there now; check the address (the node"
                        + " keeps trying it)";
                case Network.Registered.KNOWN -> "registered already";
                case Network.Registered.SELF -> "not added: it is this node's own address";
                default -> result;
            });
        }
    }

    /** {@code /nodes}: the peers and what this node knows of each. */
    public record Nodes(List<String> totalNodes, List<Peer> peers) {
    }

    /**
     * One peer as {@code /nodes} and {@code /status} show it: the last resolve's outcome, and what
     * the network heard from it.
     */
    public record Peer(String node, String lastOutcome, Integer lastLength, String lastDetail, String lastResolve,
                       String lastReached, String protocol, Long height, String lastHeard, long rejected, boolean down) {
        static List<Peer> of(List<String> peers, Network network) {
            return peers.stream().map(peer -> of(peer, network.status(peer), network.heard(peer))).toList();
        }

        private static Peer of(String node, PeerStatus status, Network.Heard heard) {
            String lastHeard = heard.lastHeard() == null ? null : heard.lastHeard().toString();
            Long height = heard.height() >= 0 ? heard.height() : null;
            if (status == null) {
                return new Peer(node, "never resolved", null, null, null, null, heard.protocol(), height, lastHeard, heard.rejected(), heard.down());
            }
            PeerOutcome last = status.last();
            return new Peer(node, last.outcome(), last.length() >= 0 ? last.length() : null, last.detail(),
                    status.lastResolve().toString(), status.lastReached() == null ? null : status.lastReached().toString(),
                    heard.protocol(), height, lastHeard, heard.rejected(), heard.down());
        }
    }

    /** What one peer gave in a resolve round. */
    public record PeerReport(String node, String outcome, Integer length, String detail) {
        static List<PeerReport> of(List<PeerOutcome> outcomes) {
            return outcomes.stream()
                    .map(o -> new PeerReport(o.node(), o.outcome(), o.length() >= 0 ? o.length() : null, o.detail()))
                    .toList();
        }
    }

    /** The fields {@code /nodes/resolve} has after its chain. */
    public record PeerReports(List<PeerReport> peers) {
    }

    /** The fields {@code /chain} has after its chain; {@code from} only for a range. */
    public record ChainTail(long length, Long from) {
    }

    /** After {@code /blocks/recent}'s blocks: the chain's length, and the newest side-branch blocks, newest first. */
    public record RecentTail(long length, List<SideBlock> sideBranches) {
    }

    /** A block of a branch this node left or saw, and what its journal says of it. */
    public record SideBlock(String hash, String previousHash, long height, BlockJournal.Entry journal) {
    }

    /**
     * {@code "journal":{...}}, what this node's journal says of a block (its times as ISO-8601
     * instants), for a block's JSON object; "" when it says nothing.
     */
    static String journalField(BlockJournal.Entry entry) {
        return entry == BlockJournal.Entry.NONE ? "" : "\"journal\":" + new String(bytes(entry), StandardCharsets.UTF_8);
    }

    /** {@code /transactions/pending}: the oldest ones, up to the limit, and how many there are. */
    public record Pending(List<Transaction> transactions, int length) {
    }

    /**
     * {@code /status}: a summary of the node, cheap to poll.
     *
     * @param name   the setting {@code name}, or the host, port and context path the request named
     * @param colour the name's colour ({@link #colour}), the same on every page that shows it
     */
    public record Status(String name, String colour, String nodeId, long length, String lastHash, int pending, int difficulty, List<Peer> peers,
                         int miningThreads, String dataDir, String startedAt, Blockchain.Activity activity,
                         Network.Traffic network, List<Event> feed, Map<String, Object> settings, Mining mining,
                         NetworkControls networkControls) {
    }

    /**
     * Something that happened in the node ({@link EventLog}): in {@code /status}'s feed and in
     * the live stream {@code /events}.
     *
     * @param at     when (ISO-8601)
     * @param type   block, reorg, transaction, peer or mining
     * @param code   what happened (mined, pushed, synced, adopted, accepted, relayed, refused, registered, ...)
     * @param params the values {@code text} names, for a page to say it in its reader's language
     * @param text   the sentence in English
     */
    public record Event(String id, String at, String type, String code, Map<String, Object> params, String text) {
        static Event of(EventLog.Event event) {
            return new Event(event.id(), event.at().toString(), event.type(), event.code(), event.params(), event.text());
        }
    }

    /** {@code POST /chain/validate}: the chain meets every rule. */
    public record Valid(boolean valid, int length) {
    }

    /**
     * {@code POST /chain/validate}: the first block that breaks a rule.
     *
     * @param rule type, genesis, index, previous_hash, proof, transaction, reward, signature, nonce or balance
     */
    public record Invalid(boolean valid, long index, String rule, String message) {
    }

    /** {@code /peer/locate}: the highest block of the sender's locator this node holds, and its length. */
    public record Located(long index, long length) {
    }

    /** {@code /health/live}. */
    public record Live(String status) {
    }

    /**
     * {@code /admin/mining}: how the node mines by itself ({@code interval_ms} a number, or
     * {@code [min, max]}), and the blocks waiting to be mined on request.
     */
    public record Mining(String mode, Object intervalMs, int threads, double duty, int queued) {
        static Mining of(io.learnchain.node.MiningPlan plan, int queued) {
            Object interval = plan.minIntervalMs() == plan.maxIntervalMs() ? (Object) plan.minIntervalMs()
                    : List.of(plan.minIntervalMs(), plan.maxIntervalMs());
            return new Mining(plan.mode(), interval, plan.threads(), plan.duty(), queued);
        }
    }

    /** {@code /admin/network}: whom the node talks to; links by peer: {@code {"latency_ms", "drop"}}. */
    public record NetworkControls(boolean paused, List<String> ignored, Map<String, Link> links, boolean withhold, int withheldBlocks) {
        public record Link(long latencyMs, double drop) {
        }

        static NetworkControls of(io.learnchain.net.NetworkControls.State state, int withheldBlocks) {
            Map<String, Link> links = new java.util.TreeMap<>();
            state.links().forEach((peer, link) -> links.put(peer, new Link(link.latencyMs(), link.drop())));
            return new NetworkControls(state.paused(), state.ignored(), links, state.withhold(), withheldBlocks);
        }
    }

    /** {@code GET /admin/snapshots}. */
    public record SnapshotList(List<io.learnchain.store.Snapshots.Summary> snapshots) {
    }

    /**
     * What an operator's override (restore, reset, import) did: the chain's length and tip now,
     * and what it discarded: blocks (their hashes) and acknowledged transactions.
     */
    public record Overridden(String message, long length, String tip, List<String> discardedBlocks, List<Transaction> discardedTransactions) {
        static Overridden of(String message, io.learnchain.node.NodeState state, io.learnchain.node.Blockchain.Discarded discarded) {
            return new Overridden(message, state.length(), state.tip().hash(),
                    discarded.blocks().stream().map(io.learnchain.chain.Block::hash).toList(), discarded.transactions());
        }
    }

    /** {@code POST /admin/mine}: the blocks now waiting to be mined. */
    public record Queued(String message, int queued) {
    }

    /** {@code /health/ready} when ready. */
    public record Ready(String status, long length) {
    }
}
