package io.learnchain.it;

import io.learnchain.json.Json;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Nodes that keep each other up to date by themselves: nobody calls resolve here. */
class NetworkIT {
    /** Only pushes, and syncs they cause: no pulling on a schedule. */
    private static final Map<String, String> PUSH_ONLY = Map.of("blockchain.syncIntervalMs", "0");
    /** Pulling from every peer twice a second too. */
    private static final Map<String, String> PULLING = Map.of("blockchain.syncIntervalMs", "500");

    @TempDir
    Path dataDir;

    /** Waits, at most 30 s, for {@code condition}. */
    static void await(String what, BooleanSupplier condition) {
        long until = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                fail("not within 30 s: " + what);
            }
            FakePeer.sleep(50);
        }
    }

    private static Map<String, Object> status(String url) {
        return Http.get(url + "/status").json();
    }

    private static String lastHash(TestNode node) {
        return (String) status(node.url()).get("last_hash");
    }

    private static int length(String url) {
        return ((Number) status(url).get("length")).intValue();
    }

    private static int pending(TestNode node) {
        return ((Number) status(node.url()).get("pending")).intValue();
    }

    private static void register(TestNode node, String peer) {
        Http.Answer answer = Http.postJson(node.url() + "/nodes/register", "{\"nodes\": [\"" + peer + "\"]}");
        assertEquals(201, answer.status(), answer.body());
    }

    private static boolean knows(TestNode node, String peer) {
        return ((List<?>) Http.get(node.url() + "/nodes").json().get("total_nodes")).contains(peer);
    }

    private static void mine(String url) {
        assertEquals(200, Http.get(url + "/mine").status());
    }

    private static void post(TestNode node, String sender) {
        Http.Answer answer = Http.postJson(node.url() + "/transactions/new",
                "{\"sender\": \"" + sender + "\", \"recipient\": \"someone\", \"amount\": 5}");
        assertEquals(201, answer.status(), answer.body());
    }

    private static boolean allAgree(List<TestNode> nodes, int length) {
        String hash = lastHash(nodes.get(0));
        return nodes.stream().allMatch(n -> length(n.url()) == length && lastHash(n).equals(hash));
    }

    /** The senders of every transaction in a node's chain. */
    private static Set<String> sendersInChain(TestNode node) {
        Set<String> senders = new HashSet<>();
        JsonArray chain = (JsonArray) ((JsonObject) Http.get(node.url() + "/chain").exact()).get("chain");
        for (Json block : chain.items()) {
            for (Json tx : ((JsonArray) ((JsonObject) block).get("transactions")).items()) {
                senders.add(JsonWriter.compactString(((JsonObject) tx).get("sender")));
            }
        }
        return senders;
    }

    @Test
    void aLineOfSixNodesCarriesBlocksAndTransactionsFromEitherEnd() {
        List<TestNode> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                nodes.add(TestNode.start("/", PUSH_ONLY));
            }
            for (int i = 0; i < 5; i++) {
                register(nodes.get(i), nodes.get(i + 1).url()); // one way only
            }
            for (int i = 0; i < 5; i++) {
                TestNode next = nodes.get(i + 1);
                String introduced = nodes.get(i).url();
                await(next.url() + " learns " + introduced, () -> knows(next, introduced));
            }
            TestNode first = nodes.get(0);
            TestNode last = nodes.get(5);

            mine(first.url()); // every node made its own genesis: this chain is longer, and wins everywhere
            await("block 2 of the first node everywhere", () -> allAgree(nodes, 2));
            mine(last.url());
            await("block 3 of the last node everywhere", () -> allAgree(nodes, 3));

            post(first, "from-first");
            post(last, "from-last");
            await("both transactions in every pool", () -> nodes.stream().allMatch(n -> pending(n) == 2));
            mine(nodes.get(2).url());
            await("the block holding them everywhere, and every pool empty",
                    () -> allAgree(nodes, 4) && nodes.stream().allMatch(n -> pending(n) == 0));
            assertTrue(sendersInChain(first).containsAll(Set.of("\"from-first\"", "\"from-last\"")));
        } finally {
            nodes.forEach(TestNode::close);
        }
    }

    @Test
    void aNodeThatWasDownCatchesUpByItselfMovingOnlyTheMissingBlocks() {
        Map<String, String> ownDir = new java.util.HashMap<>(PULLING);
        ownDir.put("blockchain.dataDir", dataDir.toString());
        try (TestNode a = TestNode.start("/", PULLING)) {
            try (TestNode b = TestNode.start("/", ownDir)) {
                register(b, a.url());
                mine(a.url());
                await("b takes a's chain", () -> length(b.url()) == 2 && lastHash(b).equals(lastHash(a)));
            }
            for (int i = 0; i < 3; i++) {
                mine(a.url());
            }
            try (TestNode b = TestNode.start("/", ownDir)) {
                await("b catches up after its restart", () -> length(b.url()) == 5 && lastHash(b).equals(lastHash(a)));
                Map<?, ?> network = (Map<?, ?>) status(b.url()).get("network");
                assertEquals(3, ((Number) network.get("blocks_synced")).intValue(), "only the 3 missing blocks moved");
            }
        }
    }

    @Test
    void aPartitionHealsIntoOneChainAndLosesNoTransaction() {
        List<TestNode> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                nodes.add(TestNode.start("/", PULLING));
            }
            TestNode a = nodes.get(0);
            TestNode b = nodes.get(1);
            TestNode c = nodes.get(2);
            TestNode d = nodes.get(3);
            register(b, a.url());
            register(c, b.url());
            register(d, c.url());
            await("introductions", () -> knows(a, b.url()) && knows(b, c.url()) && knows(c, d.url()));
            mine(a.url());
            await("one chain", () -> allAgree(nodes, 2));

            // cut the link between b and c
            assertEquals(200, Http.postJson(b.url() + "/nodes/remove", "{\"nodes\": [\"" + c.url() + "\"]}").status());
            assertEquals(200, Http.postJson(c.url() + "/nodes/remove", "{\"nodes\": [\"" + b.url() + "\"]}").status());
            post(a, "west");
            mine(a.url());
            mine(a.url());
            post(d, "east");
            for (int i = 0; i < 3; i++) {
                mine(d.url());
            }
            await("each half agrees within itself", () -> allAgree(List.of(a, b), 4) && allAgree(List.of(c, d), 5));

            register(b, c.url()); // heal
            await("the longer half's chain everywhere", () -> allAgree(nodes, 5));
            assertTrue(sendersInChain(a).contains("\"east\""));
            // the west's transaction was in blocks the west dropped: back in its pools, mined again
            assertTrue(pending(a) >= 1 && pending(b) >= 1, "the dropped transaction returns to the pool");
            mine(a.url());
            await("one chain again", () -> allAgree(nodes, 6));
            for (TestNode node : nodes) {
                assertTrue(sendersInChain(node).containsAll(Set.of("\"west\"", "\"east\"")), node.url());
            }
        } finally {
            nodes.forEach(TestNode::close);
        }
    }

    /** A peer that pushes blocks breaking the rules, or pushes too fast, is refused, counted and shown. */
    @Test
    void aFloodingOrLyingPeerIsRefusedAndReported() {
        String liar = "http://127.0.0.1:9"; // a registered peer (the discard port: nothing answers there)
        Map<String, String> settings = new java.util.HashMap<>(PUSH_ONLY);
        settings.put("blockchain.peer.maxPushesPerSecond", "1");
        try (TestNode node = TestNode.start("/", settings)) {
            register(node, liar);
            JsonObject genesis = (JsonObject) ((JsonArray) ((JsonObject) Http.get(node.url() + "/chain").exact()).get("chain")).get(0);
            String forged = "{\"index\": 2, \"timestamp\": 1.5, \"transactions\": [], \"proof\": 1, \"previous_hash\": \""
                    + lastHash(node) + "\"}";
            Http.Answer refused = Http.postJson(node.url() + "/peer/blocks", "{\"block\": " + forged + ", \"from\": \"" + liar + "\"}");
            assertEquals(400, refused.status(), refused.body());
            assertTrue(refused.message().contains("not a valid proof of work"), refused.message());
            int tooFast = 0;
            for (int i = 0; i < 20; i++) {
                Http.Answer pushed = Http.postJson(node.url() + "/peer/blocks",
                        "{\"block\": " + JsonWriter.compactString(genesis) + ", \"from\": \"" + liar + "\"}");
                tooFast += pushed.status() == 429 ? 1 : 0;
            }
            assertTrue(tooFast >= 10, tooFast + " of 20 pushes refused at one a second");
            Map<?, ?> peer = (Map<?, ?>) ((List<?>) Http.get(node.url() + "/nodes").json().get("peers")).get(0);
            assertTrue(((Number) peer.get("rejected")).intValue() >= 1 + tooFast, peer.toString());
            assertEquals(1, length(node.url()));
        }
    }

    /**
     * A peer without this node's push endpoints (404, as the tutorial's node answers) is known
     * after the first push as speaking only the tutorial's API, and pulled from, not paused.
     */
    @Test
    void aPeerThatHasNoPushEndpointIsMarkedAsATutorialNode() throws Exception {
        try (FakePeer fake = new FakePeer(); TestNode node = TestNode.start("/", PUSH_ONLY)) {
            String peer = fake.serve("old", e -> FakePeer.send(e, 500, "application/json", "{}"));
            // locate fails otherwise than with a 404, so that only the push can tell what the peer speaks
            fake.serveAt("/old/peer/locate", e -> FakePeer.send(e, 500, "application/json", "{}"));
            register(node, peer);
            mine(node.url());
            await("the pushed block's 404 marks the peer as a tutorial node", () -> {
                Map<?, ?> heard = (Map<?, ?>) ((List<?>) Http.get(node.url() + "/nodes").json().get("peers")).get(0);
                return "tutorial".equals(heard.get("protocol"));
            });
        }
    }

    /** A peer that fails a push is paused (15 s): blocks mined meanwhile are not pushed to it, one after another. */
    @Test
    void aPeerThatFailsAPushIsPausedNotRetriedForEachBlock() throws Exception {
        java.util.concurrent.atomic.AtomicInteger pushes = new java.util.concurrent.atomic.AtomicInteger();
        try (TestNode node = TestNode.start("/", PUSH_ONLY); FakePeer fake = new FakePeer()) {
            String peer = fake.serve("broken", e -> FakePeer.send(e, 500, "application/json", "{}"));
            // a peer of this node's network (a 404 here would mark it as a tutorial node, never pushed to)
            fake.serveAt("/broken/peer/locate", e -> FakePeer.send(e, 500, "application/json", "{}"));
            fake.serveAt("/broken/peer/blocks", e -> {
                pushes.incrementAndGet();
                FakePeer.send(e, 500, "application/json", "{\"message\": \"broken\"}");
            });
            register(node, peer);
            mine(node.url());
            await("the first block is pushed and fails", () -> pushes.get() == 1);
            for (int i = 0; i < 3; i++) {
                mine(node.url());
            }
            FakePeer.sleep(500); // time enough for pushes that should not happen
            assertEquals(1, pushes.get(), "blocks mined while the peer is paused are not pushed to it");
        }
    }

    /** A peer's outbox holds at most 1,000 messages: past that the oldest are dropped, and counted. */
    @Test
    void aPeersOutboxHoldsAThousandMessagesAndCountsWhatItDrops() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Map<String, String> settings = new java.util.HashMap<>(PUSH_ONLY);
        settings.put("blockchain.peer.deadlineMs", "60000"); // the held push does not end before the test does
        settings.put("blockchain.peer.responseTimeoutMs", "60000");
        try (TestNode node = TestNode.start("/", settings); FakePeer fake = new FakePeer()) {
            String peer = fake.serve("slow", e -> FakePeer.send(e, 500, "application/json", "{}"));
            // a peer of this node's network (a 404 here would mark it as a tutorial node, never pushed to)
            fake.serveAt("/slow/peer/locate", e -> FakePeer.send(e, 500, "application/json", "{}"));
            fake.serveAt("/slow/peer/transactions", e -> {
                try {
                    release.await(); // holds the first push: the rest queue up
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                FakePeer.send(e, 202, "application/json", "{\"message\": \"accepted\"}");
            });
            register(node, peer);
            for (int i = 0; i < 1_100; i++) {
                post(node, "sender-" + i);
            }
            // one message in flight, 1,000 waiting: 99 dropped
            await("99 messages dropped", () -> messagesDropped(node) == 99);
            post(node, "one-more");
            await("one more dropped", () -> messagesDropped(node) == 100);
            release.countDown();
        }
    }

    private static long messagesDropped(TestNode node) {
        return ((Number) ((Map<?, ?>) status(node.url()).get("network")).get("messages_dropped")).longValue();
    }

    @Test
    void thePythonNodeTakesPart() throws Exception {
        assumeTrue(PythonPeer.available(), "python3 is needed to run the tutorial's node");
        try (PythonPeer python = PythonPeer.start(); TestNode node = TestNode.start("/", PULLING)) {
            register(node, python.url());
            for (int i = 0; i < 3; i++) {
                mine(python.url());
            }
            await("our node pulls the Python node's longer chain", () -> length(node.url()) == 4);
            assertEquals(Http.get(python.url() + "/chain").exact(), ((JsonObject) Http.get(node.url() + "/chain").exact()));
            mine(node.url());
            mine(node.url());
            Http.Answer resolved = Http.get(python.url() + "/nodes/resolve"); // it learnt of us when we registered it
            assertEquals("Our chain was replaced", resolved.message());
            assertEquals(6, length(node.url()));
        }
    }
}
