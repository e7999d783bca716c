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

    /** What this node's {@code /nodes} says of {@code peer}. */
    private static Map<?, ?> peerRecord(TestNode node, String peer) {
        for (Object entry : (List<?>) Http.get(node.url() + "/nodes").json().get("peers")) {
            if (peer.equals(((Map<?, ?>) entry).get("node"))) {
                return (Map<?, ?>) entry;
            }
        }
        throw new AssertionError(peer + " is not a peer of " + node.url());
    }

    /** A block on {@code node}'s tip whose proof is wrong, and a block far ahead of it. */
    private static String forgedNext(TestNode node) {
        return "{\"index\": " + (length(node.url()) + 1) + ", \"timestamp\": 1.5, \"transactions\": [], \"proof\": 1,"
                + " \"previous_hash\": \"" + lastHash(node) + "\"}";
    }

    private static final String FORGED_FAR_AHEAD =
            "{\"index\": 999, \"timestamp\": 1.5, \"transactions\": [], \"proof\": 1, \"previous_hash\": \"" + "ab".repeat(32) + "\"}";

    private static Http.Answer push(TestNode to, String block, String from) {
        return Http.postJson(to.url() + "/peer/blocks", "{\"block\": " + block + ", \"from\": \"" + from + "\"}");
    }

    /**
     * A stranger who pushes bad blocks in the names of two registered peers changes nothing of
     * what each node knows of the other (not paused, nothing rejected, no forged height), and
     * blocks keep going both ways by push alone.
     */
    @Test
    void aStrangersForgedPushesInAPeersNameCostThatPeerNothing() {
        try (TestNode a = TestNode.start("/", PUSH_ONLY); TestNode b = TestNode.start("/", PUSH_ONLY)) {
            register(a, b.url()); // a introduces itself to b
            await("b knows a", () -> knows(b, a.url()));
            for (int round = 0; round < 3; round++) {
                Http.Answer refused = push(a, forgedNext(a), b.url());
                assertEquals(400, refused.status(), refused.body());
                assertTrue(refused.message().contains("not a valid proof of work"), refused.message());
                assertEquals(400, push(b, forgedNext(b), a.url()).status());
                assertEquals(202, push(a, FORGED_FAR_AHEAD, b.url()).status());
                assertEquals(202, push(b, FORGED_FAR_AHEAD, a.url()).status());
            }
            for (var pair : List.of(List.of(a, b), List.of(b, a))) {
                Map<?, ?> record = peerRecord(pair.get(0), pair.get(1).url());
                assertEquals(0, ((Number) record.get("rejected")).intValue(), record.toString());
                // no height at all until this node fetched from the peer itself; never the forged one
                assertTrue(record.get("height") == null || ((Number) record.get("height")).intValue() < 999, "a forged height: " + record);
            }
            int length = length(a.url());
            mine(a.url());
            await("b gets a's block", () -> allAgree(List.of(a, b), length + 1));
            mine(b.url());
            await("a gets b's block", () -> allAgree(List.of(a, b), length + 2));
        }
    }

    /**
     * Bad pushes from anyone use up one shared allowance: past it pushes are answered 429
     * unchecked, and still no registered peer is held responsible or paused.
     */
    @Test
    void aFloodOfBadPushesIsRefusedWithoutBlamingAnyPeer() {
        Map<String, String> settings = new java.util.HashMap<>(PUSH_ONLY);
        settings.put("blockchain.peer.maxPushesPerSecond", "1");
        try (TestNode a = TestNode.start("/", settings); TestNode b = TestNode.start("/", PUSH_ONLY)) {
            register(a, b.url());
            await("b knows a", () -> knows(b, a.url()));
            int tooFast = 0;
            for (int i = 0; i < 20; i++) {
                tooFast += push(a, forgedNext(a), b.url()).status() == 429 ? 1 : 0;
            }
            assertTrue(tooFast >= 10, tooFast + " of 20 bad pushes refused unchecked at one a second");
            Map<?, ?> record = peerRecord(a, b.url());
            assertEquals(0, ((Number) record.get("rejected")).intValue(), record.toString());
            int length = length(a.url());
            mine(a.url());
            await("b still gets a's block", () -> allAgree(List.of(a, b), length + 1));
            @SuppressWarnings("unchecked")
            Map<String, Number> received = (Map<String, Number>) ((Map<?, ?>) status(a.url()).get("network")).get("blocks_received");
            assertTrue(received.get("invalid").intValue() >= 1, received.toString());
        }
    }

    /**
     * A peer that answers a push with 404 for a moment (its WAR being redeployed) is asked what
     * it speaks at the next sync, and gets pushes again once it answers.
     */
    @Test
    void aPeerRedeployedForAMomentGetsPushesAgainAfterItsNextSync() throws Exception {
        java.util.concurrent.atomic.AtomicInteger pushes = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger locates = new java.util.concurrent.atomic.AtomicInteger();
        try (FakePeer fake = new FakePeer(); TestNode node = TestNode.start("/", PULLING)) {
            String peer = fake.serve("redeployed", e -> FakePeer.send(e, 404, "text/html", "<h1>redeploying</h1>"));
            fake.serveAt("/redeployed/peer/locate", e -> {
                locates.incrementAndGet();
                FakePeer.send(e, "{\"index\": 1, \"length\": 1}");
            });
            fake.serveAt("/redeployed/peer/blocks", e -> {
                if (pushes.incrementAndGet() == 1) {
                    FakePeer.send(e, 404, "text/html", "<h1>redeploying</h1>");
                } else {
                    FakePeer.send(e, 202, "application/json", "{\"message\": \"accepted\"}");
                }
            });
            register(node, peer);
            mine(node.url());
            await("the first push meets a 404", () -> pushes.get() == 1);
            int locatesThen = locates.get();
            await("a sync after it", () -> locates.get() > locatesThen);
            assertEquals("network", peerRecord(node, peer).get("protocol"));
            mine(node.url());
            await("the next block is pushed to it again", () -> pushes.get() == 2);
        }
    }

    /**
     * A peer whose chain moves between our locate and our fetch (it adopted another branch) sends
     * blocks that do not join ours: that is no fault of the peer's. The node locates again, and
     * the peer is never marked as having sent an invalid chain.
     */
    @Test
    void aPeerWhoseChainMovesMidSyncIsNotBlamed() throws Exception {
        try (TestNode a = TestNode.start("/", PUSH_ONLY); TestNode b = TestNode.start("/", TestNode.MANUAL);
             TestNode other = TestNode.start("/", TestNode.MANUAL); FakePeer fake = new FakePeer()) {
            mine(a.url());
            mine(a.url());
            register(b, a.url());
            assertEquals("Our chain was replaced", Http.get(b.url() + "/nodes/resolve").message()); // b holds a's 3 blocks
            mine(b.url());
            mine(b.url()); // b: 5 blocks, the first 3 shared with a
            for (int i = 0; i < 4; i++) {
                mine(other.url()); // another chain of 5 blocks, sharing nothing
            }
            java.util.concurrent.atomic.AtomicInteger fetches = new java.util.concurrent.atomic.AtomicInteger();
            String peer = fake.serve("moving", e -> {
                String query = e.getRequestURI().getRawQuery();
                // the first fetch meets the chain as it was after moving to another branch
                String from = fetches.incrementAndGet() == 1 ? other.url() : b.url();
                FakePeer.send(e, Http.get(from + "/chain" + (query == null ? "" : "?" + query)).body());
            });
            fake.serveAt("/moving/peer/locate", e -> {
                byte[] body = e.getRequestBody().readAllBytes();
                FakePeer.send(e, Http.postJson(b.url() + "/peer/locate", new String(body, java.nio.charset.StandardCharsets.UTF_8)).body());
            });
            register(a, peer);
            await("a adopts b's chain through the moving peer", () -> lastHash(a).equals(lastHash(b)));
            assertTrue(fetches.get() >= 2, "fetched " + fetches.get() + " times");
            assertEquals(0, ((Number) peerRecord(a, peer).get("rejected")).intValue());
        }
    }

    /** A peer that fails a push is paused (15 s): blocks mined meanwhile are not pushed to it, one after another. */
    @Test
    void aPeerThatFailsAPushIsPausedNotRetriedForEachBlock() throws Exception {
        java.util.concurrent.atomic.AtomicInteger pushes = new java.util.concurrent.atomic.AtomicInteger();
        try (TestNode node = TestNode.start("/", PUSH_ONLY); FakePeer fake = new FakePeer()) {
            String peer = fake.serve("broken", e -> FakePeer.send(e, 500, "application/json", "{}"));
            // locate fails too: a sync that reached the peer would end the pause
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

    /**
     * A node introduces itself by the address its registration reached it at, not by whatever
     * name the first request of any kind used (a page opened as {@code localhost}).
     */
    @Test
    void aNodeIntroducesItselfByTheAddressItsRegistrationReached() {
        try (TestNode a = TestNode.start("/", PUSH_ONLY); TestNode b = TestNode.start("/", PUSH_ONLY)) {
            String port = a.url().substring(a.url().lastIndexOf(':') + 1);
            assertEquals(200, Http.rawGet(a.url(), "/status", "localhost:" + port).status()); // the first request
            register(a, b.url());
            await("b hears of a", () -> !((List<?>) Http.get(b.url() + "/nodes").json().get("total_nodes")).isEmpty());
            assertEquals(List.of(a.url()), Http.get(b.url() + "/nodes").json().get("total_nodes"));
        }
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
