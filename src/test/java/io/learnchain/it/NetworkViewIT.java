package io.learnchain.it;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code GET /network}: one node's picture of the whole network, through the WAR in Jetty. */
class NetworkViewIT {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> node(Map<String, Object> view, String url) {
        return ((List<Map<String, Object>>) view.get("nodes")).stream().filter(n -> url.equals(n.get("url"))).findFirst()
                .orElseThrow(() -> new AssertionError(url + " not in " + view));
    }

    /**
     * Four Java nodes and the Python tutorial node: the view lists all five with their heights
     * and tips (the Python one as the tutorial's API, its tip from what syncs pulled, never asked
     * for the view), labels the shared tip with every node holding it and tells its journey (mined
     * by A, then taken by each of the others); a stopped node is told as not answering, and once
     * restarted it is seen caught up.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theViewListsEveryNodeWithItsTipTheBlocksTheyShareAndTheirJourney() throws Exception {
        assumeTrue(PythonPeer.available(), "needs python3");
        Map<String, String> live = Map.of("blockchain.syncIntervalMs", "500");
        java.nio.file.Path dDir = java.nio.file.Files.createTempDirectory("node-d-");
        Map<String, String> dSettings = Map.of("blockchain.syncIntervalMs", "500", "blockchain.dataDir", dDir.toString());
        try (TestNode a = TestNode.start("/", Map.of("blockchain.syncIntervalMs", "500", "blockchain.name", "node A"));
             TestNode b = TestNode.start("/", live); TestNode c = TestNode.start("/", live); PythonPeer python = PythonPeer.start()) {
            TestNode d = TestNode.start("/", dSettings);
            String dUrl = d.url();
            int dPort = java.net.URI.create(dUrl).getPort();
            try {
                for (String peer : List.of(b.url(), c.url(), dUrl, python.url())) {
                    assertEquals(201, Http.postJson(a.url() + "/nodes/register", "{\"nodes\": [\"" + peer + "\"]}").status());
                }
                assertEquals(200, Http.get(a.url() + "/mine").status());
                assertEquals(200, Http.get(a.url() + "/mine").status());
                String tip = (String) Http.get(a.url() + "/status").json().get("last_hash");
                NetworkIT.await("b, c and d take a's chain", () -> List.of(b.url(), c.url(), dUrl).stream()
                        .allMatch(url -> tip.equals(Http.get(url + "/status").json().get("last_hash"))));
                NetworkIT.await("a has heard the Python node", () -> Http.get(a.url() + "/status").body().contains("\"protocol\":\"tutorial\""));

                Map<String, Object> view = Http.get(a.url() + "/network").json();
                assertEquals(5, ((List<?>) view.get("nodes")).size(), view.toString());
                Map<String, Object> self = ((List<Map<String, Object>>) view.get("nodes")).get(0);
                assertEquals("node A", self.get("name"));
                for (String url : List.of(b.url(), c.url(), dUrl)) {
                    Map<String, Object> seen = node(view, url);
                    assertEquals(Boolean.TRUE, seen.get("answered"));
                    assertEquals("network", seen.get("speaks"));
                    assertEquals(3, ((Number) seen.get("height")).intValue());
                    assertEquals(tip, seen.get("tip"));
                    assertEquals(Http.get(url + "/status").json().get("node_id"), seen.get("node_id"));
                }
                Map<String, Object> tutorial = node(view, python.url());
                assertEquals("tutorial", tutorial.get("speaks"));
                List<?> pythonChain = (List<?>) Http.get(python.url() + "/chain").json().get("chain");
                assertEquals(pythonChain.size(), ((Number) tutorial.get("height")).intValue());
                String pythonTip = (String) tutorial.get("tip");
                assertTrue(pythonTip != null && pythonTip.matches("[0-9a-f]{64}"), "its tip, from the pulls: " + tutorial);
                List<Map<String, Object>> blocks = (List<Map<String, Object>>) view.get("blocks");
                assertTrue(blocks.stream().anyMatch(block -> pythonTip.equals(block.get("hash"))
                        && ((List<?>) block.get("tip_of")).contains(python.url())), "the Python node's tip is placed: " + blocks);

                List<Map<String, Object>> shared = blocks.stream().filter(block -> tip.equals(block.get("hash"))).toList();
                assertEquals(1, shared.size(), "each block placed once");
                assertEquals(3, ((Number) shared.get(0).get("height")).intValue());
                assertEquals(4, ((List<?>) shared.get(0).get("tip_of")).size(), "a, b, c and d hold it as their tip: " + shared);
                List<Map<String, Object>> journey = (List<Map<String, Object>>) shared.get(0).get("got");
                assertEquals(4, journey.size(), "each Java node tells when it took it: " + journey);
                assertEquals(a.url(), journey.get(0).get("node"));
                assertEquals("mined", journey.get(0).get("how"));
                for (Map<String, Object> step : journey.subList(1, 4)) {
                    assertTrue(List.of("pushed", "synced", "adopted").contains(step.get("how")), step.toString()); // adopted: each made its own genesis
                    assertEquals(a.url(), step.get("from"), "taken from a: " + step);
                }
            } finally {
                d.close();
            }
            Thread.sleep(1100); // the view is kept a second
            assertEquals(Boolean.FALSE, node(Http.get(a.url() + "/network").json(), dUrl).get("answered"), "a stopped node does not answer");
            assertEquals(200, Http.get(a.url() + "/mine").status());
            try (TestNode again = TestNode.start(dPort, "/", dSettings)) {
                assertEquals(201, Http.postJson(again.url() + "/nodes/register", "{\"nodes\": [\"" + a.url() + "\"]}").status());
                String newTip = (String) Http.get(a.url() + "/status").json().get("last_hash");
                NetworkIT.await("d, restarted, is seen caught up", () -> {
                    Map<String, Object> seen = node(Http.get(a.url() + "/network").json(), dUrl);
                    return Boolean.TRUE.equals(seen.get("answered")) && newTip.equals(seen.get("tip"));
                });
            }
        } finally {
            TestNode.deleteRecursively(dDir);
        }
    }

    /**
     * {@code /blocks/recent} lists the side branches a node holds, at most ten, newest first, each
     * with its parent and height: what the network view places beside the winner.
     */
    @Test
    @SuppressWarnings("unchecked")
    void recentBlocksListTheTenNewestSideBranchBlocksNewestFirst() throws Exception {
        try (TestNode node = TestNode.start()) { // live: a manual node ignores pushes
            assertEquals(200, Http.get(node.url() + "/mine").status());
            byte[] chain = Http.get(node.url() + "/chain").body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            io.learnchain.json.JsonObject parsed = (io.learnchain.json.JsonObject) io.learnchain.json.JsonReader.parse(chain, chain.length, 64, false);
            io.learnchain.chain.Block genesis = io.learnchain.chain.Block.fromJson(((io.learnchain.json.JsonArray) parsed.get("chain")).get(0));
            long proof = new io.learnchain.chain.ProofOfWork(genesis.proof().canonical(), genesis.hash()).search(0, Long.MAX_VALUE, () -> false);
            List<String> forks = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) { // twelve rivals of block 2, each a valid block on the genesis block this node holds
                io.learnchain.chain.Block fork = io.learnchain.chain.Block.create(2, 1_700_000_000.5,
                        List.of(io.learnchain.chain.Transaction.reward("rival-" + i)), proof, genesis.hash());
                forks.add(fork.hash());
                Http.Answer pushed = Http.postJson(node.url() + "/peer/blocks",
                        "{\"block\": " + io.learnchain.json.JsonWriter.compactString(fork.json()) + "}");
                assertEquals(202, pushed.status(), pushed.body());
            }
            List<Map<String, Object>> side = (List<Map<String, Object>>) Http.get(node.url() + "/blocks/recent?limit=1").json()
                    .get("side_branches");
            List<String> newestFirst = new java.util.ArrayList<>(forks.subList(2, 12));
            java.util.Collections.reverse(newestFirst);
            assertEquals(newestFirst, side.stream().map(b -> b.get("hash")).toList(), "the ten newest, newest first");
            for (Map<String, Object> block : side) {
                assertEquals(genesis.hash(), block.get("previous_hash"));
                assertEquals(2, ((Number) block.get("height")).intValue());
            }
        }
    }

    /**
     * The costs stay bounded whatever strangers do: twenty callers at once make one round, in
     * which each of three peers is asked once;
     * what a peer says of its own peers is shown, cut to a hundred entries, and those peers are
     * never contacted; a peer's words come back as text, cut short.
     */
    @Test
    @SuppressWarnings("unchecked")
    void twentyCallersMakeOneRoundThatAsksEachPeerOnceAndNeverTheirPeers() throws Exception {
        java.util.concurrent.atomic.AtomicInteger neverAsked = new java.util.concurrent.atomic.AtomicInteger();
        List<java.util.concurrent.atomic.AtomicInteger> asked = List.of(new java.util.concurrent.atomic.AtomicInteger(),
                new java.util.concurrent.atomic.AtomicInteger(), new java.util.concurrent.atomic.AtomicInteger());
        try (FakePeer fake = new FakePeer(); TestNode node = TestNode.start("/", TestNode.MANUAL)) {
            fake.serveAt("/their-peer", e -> {
                neverAsked.incrementAndGet();
                FakePeer.send(e, "{}");
            });
            String theirPeer = fake.url() + "/their-peer";
            StringBuilder peers = new StringBuilder();
            for (int i = 0; i < 150; i++) {
                peers.append(i > 0 ? "," : "").append("{\"node\": \"").append(theirPeer).append("\", \"height\": 9}");
            }
            String name = "<b>node</b>" + "x".repeat(300);
            List<String> urls = new java.util.ArrayList<>();
            for (int p = 0; p < 3; p++) {
                java.util.concurrent.atomic.AtomicInteger count = asked.get(p);
                fake.serveAt("/p" + p + "/status", e -> {
                    count.incrementAndGet();
                    FakePeer.sleep(2000); // still answering while every caller arrives: they all wait for this round
                    FakePeer.send(e, "{\"name\": \"" + name + "\", \"length\": 5, \"last_hash\": \"" + "ab".repeat(32)
                            + "\", \"peers\": [" + peers + "]}");
                });
                fake.serveAt("/p" + p + "/blocks/recent", e -> FakePeer.send(e, "{\"blocks\": []}"));
                urls.add(fake.url() + "/p" + p);
            }
            assertEquals(201, Http.postJson(node.url() + "/nodes/register", "{\"nodes\": [\"" + String.join("\", \"", urls) + "\"]}")
                    .status());
            for (java.util.concurrent.atomic.AtomicInteger count : asked) {
                count.set(0); // what registering asked is not the view's
            }

            java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(20);
            try {
                List<java.util.concurrent.Future<Map<String, Object>>> answers = new java.util.ArrayList<>();
                for (int c = 0; c < 20; c++) {
                    answers.add(callers.submit(() -> Http.get(node.url() + "/network").json()));
                }
                java.util.Set<Object> rounds = new java.util.HashSet<>();
                for (java.util.concurrent.Future<Map<String, Object>> answer : answers) {
                    Map<String, Object> view = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
                    rounds.add(view.get("at"));
                    for (String url : urls) {
                        Map<String, Object> seen = node(view, url);
                        assertEquals(Boolean.TRUE, seen.get("answered"), seen.toString());
                        assertEquals(name.substring(0, 200) + "…", seen.get("name"), "a peer's words, as text, cut short");
                        List<Map<String, Object>> second = (List<Map<String, Object>>) seen.get("peers");
                        assertEquals(100, second.size(), "what a peer lists of its peers is cut to a hundred");
                        assertEquals(theirPeer, second.get(0).get("url"));
                    }
                }
                assertEquals(1, rounds.size(), "twenty callers, one round: " + rounds);
            } finally {
                callers.shutdownNow();
            }
            for (java.util.concurrent.atomic.AtomicInteger count : asked) {
                assertEquals(1, count.get(), "each peer asked once for twenty callers");
            }
            assertEquals(0, neverAsked.get(), "a peer's peers are shown, never contacted");
        }
    }
}
