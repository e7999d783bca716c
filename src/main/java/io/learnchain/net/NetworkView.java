package io.learnchain.net;

import io.learnchain.chain.Block;
import io.learnchain.json.Json;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonBoolean;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;
import io.learnchain.node.BlockJournal;
import io.learnchain.node.Blockchain;
import io.learnchain.node.NodeState;
import io.learnchain.peer.Deadline;
import io.learnchain.peer.PeerClient;
import io.learnchain.peer.PeerFailure;
import io.learnchain.peer.PeerSettings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The whole network as this node sees it, for one screen: itself and its registered peers, each
 * asked in parallel ({@code /status}, {@code /blocks/recent}) under the peer deadline and the
 * small-answer cap, and the recent blocks of all of them as one tree. At most one round at a time,
 * its answer kept for {@value #FRESH_MS} ms: a page per student cannot multiply the load, and
 * this node opens no new outbound targets (only its registered peers; their peers are shown as
 * they report them, second-hand). A tutorial node (Python) is never asked: its height is what
 * syncs last heard. Thread-safe.
 */
public final class NetworkView {
    static final long FRESH_MS = 1000;
    static final int RECENT = 10;

    /** What one peer says of one of its own peers: second-hand, never checked by this node. */
    public record SecondHand(String url, Long height, String lastHeard, boolean down) {
    }

    /**
     * One node: this one first, then its registered peers.
     *
     * @param speaks   network (this node's protocol), tutorial (the Python node's API only) or unknown
     * @param answered whether it answered this round (this node: always)
     */
    public record Node(String url, String name, String colour, String nodeId, String speaks, Long height, String tip, Integer pending,
                       boolean answered, String lastHeard, List<SecondHand> peers) {
    }

    /**
     * A colour for a node's name, for a class to tell nodes apart on a projector: a hue from the
     * name's SHA-256, dark enough for white text on it. Every page computes the same one for a name.
     */
    public static String colour(String name) {
        byte[] digest = io.learnchain.chain.Sha256.digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        int hue = ((digest[0] & 0xff) << 8 | (digest[1] & 0xff)) % 360;
        return "hsl(" + hue + ", 70%, 32%)";
    }

    /** A node's name as shown: its own, else its address. */
    private static String shown(String name, String url) {
        return name != null ? name : url;
    }

    /**
     * One recent block, placed once: which nodes have it as their tip, and on their main chain;
     * its journey (when and how each node says it took it) and which nodes dropped it for a longer chain.
     */
    public record TreeBlock(String hash, String parent, long height, List<String> tipOf, List<String> mainOf, List<Got> got,
                            List<Dropped> dropped) {
    }

    /** A node took the block at {@code at}: mined, pushed, synced, adopted..., from a peer of its (or null). */
    public record Got(String node, Instant at, String how, String from) {
    }

    /** A node dropped the block at {@code at} for a longer chain; {@code returned} of its transactions went back to its pool. */
    public record Dropped(String node, Instant at, int returned) {
    }

    /** The picture, as of {@code at}. */
    public record View(String at, List<Node> nodes, List<TreeBlock> blocks) {
    }

    private final Blockchain blockchain;
    private final PeerClient client;
    private final PeerBook book;
    private final PeerSettings settings;
    private final ScheduledExecutorService timer;
    private final ExecutorService askers;
    private CompletableFuture<View> round;
    private long roundStarted;

    NetworkView(Blockchain blockchain, PeerClient client, PeerBook book, PeerSettings settings, ScheduledExecutorService timer,
                ExecutorService askers) {
        this.blockchain = blockchain;
        this.client = client;
        this.book = book;
        this.settings = settings;
        this.timer = timer;
        this.askers = askers;
    }

    /** The view: the one a round under way or just made gives, else a new round's. */
    public View view(String selfUrl, String selfName) {
        CompletableFuture<View> current;
        synchronized (this) {
            if (round == null || (round.isDone() && System.nanoTime() - roundStarted > FRESH_MS * 1_000_000)) {
                roundStarted = System.nanoTime();
                round = CompletableFuture.supplyAsync(() -> ask(selfUrl, selfName), askers);
            }
            current = round;
        }
        return current.join();
    }

    private View ask(String selfUrl, String selfName) {
        NodeState ours = blockchain.state();
        Map<String, CompletableFuture<Asked>> answers = new LinkedHashMap<>();
        for (String peer : ours.peers()) {
            if (book.get(peer).protocol() == PeerBook.Protocol.TUTORIAL) {
                answers.put(peer, CompletableFuture.completedFuture(null));
            } else {
                answers.put(peer, CompletableFuture.supplyAsync(() -> askPeer(peer), askers));
            }
        }
        List<Node> nodes = new ArrayList<>();
        Tree tree = new Tree();
        List<Block> chain = ours.chain();
        List<Block> recent = chain.subList(Math.max(0, chain.size() - RECENT), chain.size());
        nodes.add(new Node(selfUrl, selfName, colour(selfName), blockchain.nodeId(), "network", (long) ours.length(), ours.tip().hash(),
                ours.pending().size(), true, Instant.now().toString(), ours.peers().stream().map(p -> {
                    PeerBook.Entry entry = book.get(p);
                    return new SecondHand(p, entry.height() >= 0 ? entry.height() : null,
                            entry.lastHeard() == null ? null : entry.lastHeard().toString(), entry.down());
                }).toList()));
        BlockJournal journal = blockchain.journal();
        for (Block block : recent) {
            tree.add(block.hash(), block.previousHash(), block.index(), selfUrl, block == ours.tip());
            tree.journal(block.hash(), selfUrl, journal.get(block.hash()));
        }
        for (Block block : blockchain.sideBlocks(RECENT)) {
            if (block.index() > ours.length() - RECENT) { // the fork this node left, shown beside the chain that won
                tree.addSide(block.hash(), block.previousHash(), block.index());
                tree.journal(block.hash(), selfUrl, journal.get(block.hash()));
            }
        }
        for (Map.Entry<String, CompletableFuture<Asked>> answer : answers.entrySet()) {
            String peer = answer.getKey();
            PeerBook.Entry entry = book.get(peer);
            Asked asked = answer.getValue().join();
            String speaks = entry.protocol().name().toLowerCase(java.util.Locale.ROOT);
            String lastHeard = entry.lastHeard() == null ? null : entry.lastHeard().toString();
            if (asked == null) {
                PeerBook.Tip tip = entry.tip(); // a tutorial node's, as the last sync's pull saw it
                nodes.add(new Node(peer, null, colour(peer), null, speaks, entry.height() >= 0 ? entry.height() : null,
                        tip == null ? null : tip.hash(), null, false, lastHeard, List.of()));
                if (tip != null && !entry.down() && tip.height() > ours.length() - RECENT) {
                    tree.add(tip.hash(), tip.parent(), tip.height(), peer, true);
                }
                continue;
            }
            nodes.add(asked.node(peer, speaks));
            for (Asked.Recent b : asked.blocks()) {
                tree.add(b.hash(), b.parent(), b.height(), peer, b.hash().equals(asked.tip()));
                tree.journal(b.hash(), peer, b.journal());
            }
            for (Asked.Recent b : asked.side()) {
                tree.addSide(b.hash(), b.parent(), b.height());
                tree.journal(b.hash(), peer, b.journal());
            }
        }
        return new View(Instant.now().toString(), nodes, tree.blocks());
    }

    /** Stops asking: a round under way ends with what it has. */
    void close() {
        askers.shutdownNow();
        io.learnchain.node.DaemonThreads.awaitEnd(askers);
    }

    /**
     * What a peer said: its /status, its recent blocks (newest first) and side-branch blocks, or
     * null when it did not answer usefully.
     */
    private record Asked(JsonObject status, String tip, List<Recent> blocks, List<Recent> side) {
        record Recent(String hash, String parent, long height, BlockJournal.Entry journal) {
        }

        Node node(String url, String speaks) {
            List<SecondHand> peers = new ArrayList<>();
            if (status.get("peers") instanceof JsonArray list) {
                for (Json item : list.items()) {
                    if (item instanceof JsonObject p && p.get("node") instanceof JsonString node && peers.size() < 100) {
                        peers.add(new SecondHand(cut(node.value()), number(p.get("height")),
                                p.get("last_heard") instanceof JsonString h ? cut(h.value()) : null, p.get("down") == JsonBoolean.TRUE));
                    }
                }
            }
            String name = status.get("name") instanceof JsonString n ? cut(n.value()) : null;
            return new Node(url, name, colour(shown(name, url)),
                    status.get("node_id") instanceof JsonString id ? cut(id.value()) : null, speaks, number(status.get("length")), tip,
                    status.get("pending") instanceof JsonNumber n && n.isInteger() ? n.bigInteger().intValue() : null, true,
                    Instant.now().toString(), peers);
        }
    }

    /** A peer's words are data: shown as text, and cut short. */
    private static String cut(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    /** What a peer's journal says of a block, as far as it makes sense; its times are the peer's word. */
    private static BlockJournal.Entry journal(Json value) {
        if (!(value instanceof JsonObject journal)) {
            return BlockJournal.Entry.NONE;
        }
        BlockJournal.Taken taken = null;
        BlockJournal.Dropped dropped = null;
        if (journal.get("taken") instanceof JsonObject t && instant(t.get("at")) != null && t.get("how") instanceof JsonString how) {
            taken = new BlockJournal.Taken(instant(t.get("at")), cut(how.value()),
                    t.get("from") instanceof JsonString from ? cut(from.value()) : null);
        }
        if (journal.get("dropped") instanceof JsonObject d && instant(d.get("at")) != null && number(d.get("returned")) != null) {
            dropped = new BlockJournal.Dropped(instant(d.get("at")), (int) Math.min(Integer.MAX_VALUE, Math.max(0, number(d.get("returned")))));
        }
        return new BlockJournal.Entry(taken, dropped);
    }

    private static Instant instant(Json value) {
        try {
            return value instanceof JsonString s ? Instant.parse(s.value()) : null;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static Long number(Json value) {
        return value instanceof JsonNumber n && n.isInteger() && n.bigInteger().bitLength() < 63 ? n.bigInteger().longValue() : null;
    }

    private Asked askPeer(String peer) {
        try (Deadline deadline = new Deadline(timer, settings.deadline())) {
            JsonObject status = client.getSmall(peer, "/status", deadline);
            String tip = status.get("last_hash") instanceof JsonString s ? cut(s.value()) : null;
            List<Asked.Recent> blocks = new ArrayList<>();
            List<Asked.Recent> side = new ArrayList<>();
            try {
                JsonObject recent = client.getSmall(peer, "/blocks/recent?limit=" + RECENT, deadline);
                if (recent.get("blocks") instanceof JsonArray list) {
                    for (Json item : list.items()) {
                        if (item instanceof JsonObject entry && entry.get("hash") instanceof JsonString hash
                                && entry.get("block") instanceof JsonObject block && block.get("previous_hash") instanceof JsonString parent
                                && number(block.get("index")) != null && blocks.size() < RECENT) {
                            blocks.add(new Asked.Recent(cut(hash.value()), cut(parent.value()), number(block.get("index")),
                                    journal(entry.get("journal"))));
                        }
                    }
                }
                if (recent.get("side_branches") instanceof JsonArray list) {
                    for (Json item : list.items()) {
                        if (item instanceof JsonObject entry && entry.get("hash") instanceof JsonString hash
                                && entry.get("previous_hash") instanceof JsonString parent && number(entry.get("height")) != null
                                && side.size() < RECENT) {
                            side.add(new Asked.Recent(cut(hash.value()), cut(parent.value()), number(entry.get("height")),
                                    journal(entry.get("journal"))));
                        }
                    }
                }
            } catch (PeerFailure e) {
                // its blocks are too large for a small answer, or it has no such endpoint: its tip is still shown
            }
            return new Asked(status, tip, blocks, side);
        } catch (PeerFailure e) {
            return null;
        }
    }

    /** Blocks placed once each, labelled with the nodes that hold them. */
    private static final class Tree {
        private final Map<String, TreeBlock> blocks = new LinkedHashMap<>();
        private final Map<String, Set<String>> tips = new LinkedHashMap<>();
        private final Map<String, Set<String>> mains = new LinkedHashMap<>();
        private final Map<String, List<Got>> got = new LinkedHashMap<>();
        private final Map<String, List<Dropped>> dropped = new LinkedHashMap<>();

        void add(String hash, String parent, long height, String node, boolean tip) {
            blocks.putIfAbsent(hash, new TreeBlock(hash, parent, height, List.of(), List.of(), List.of(), List.of()));
            mains.computeIfAbsent(hash, h -> new LinkedHashSet<>()).add(node);
            if (tip) {
                tips.computeIfAbsent(hash, h -> new LinkedHashSet<>()).add(node);
            }
        }

        /** A block no node holds on its chain: a side branch. */
        void addSide(String hash, String parent, long height) {
            blocks.putIfAbsent(hash, new TreeBlock(hash, parent, height, List.of(), List.of(), List.of(), List.of()));
        }

        /** What {@code node}'s journal says of a block placed already. */
        void journal(String hash, String node, BlockJournal.Entry entry) {
            if (entry.taken() != null) {
                got.computeIfAbsent(hash, h -> new ArrayList<>())
                        .add(new Got(node, entry.taken().at(), entry.taken().how(), entry.taken().from()));
            }
            if (entry.dropped() != null) {
                dropped.computeIfAbsent(hash, h -> new ArrayList<>())
                        .add(new Dropped(node, entry.dropped().at(), entry.dropped().returned()));
            }
        }

        List<TreeBlock> blocks() {
            List<TreeBlock> all = new ArrayList<>();
            for (TreeBlock b : blocks.values()) {
                List<Got> journey = new ArrayList<>(got.getOrDefault(b.hash(), List.of()));
                journey.sort(java.util.Comparator.comparing(Got::at)); // in time order: the journey
                all.add(new TreeBlock(b.hash(), b.parent(), b.height(), List.copyOf(tips.getOrDefault(b.hash(), Set.of())),
                        List.copyOf(mains.getOrDefault(b.hash(), Set.of())), journey,
                        List.copyOf(dropped.getOrDefault(b.hash(), List.of()))));
            }
            all.sort(java.util.Comparator.comparingLong(TreeBlock::height));
            return all;
        }
    }
}
