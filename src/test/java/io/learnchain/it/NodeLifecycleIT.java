package io.learnchain.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starting, stopping and restarting a node on its data directory, whatever went before. */
class NodeLifecycleIT {
    @TempDir
    Path dataDir;

    private List<?> peersOf(TestNode node) {
        return (List<?>) Http.get(node.url() + "/nodes").json().get("total_nodes");
    }

    /** A full peer list can be made room in, and never keeps a node from starting. */
    @Test
    void peersCanBeRemovedAndTooManyNeverStopAStart() {
        Map<String, String> three = Map.of("blockchain.dataDir", dataDir.toString(), "blockchain.maxPeers", "3");
        try (TestNode node = TestNode.start("/", three)) {
            Http.Answer registered = Http.postJson(node.url() + "/nodes/register",
                    "{\"nodes\": [\"127.0.0.1:6001\", \"http://127.0.0.1:6002\", \"http://127.0.0.1:6003\"]}");
            assertEquals(201, registered.status(), registered.body());
        }
        // fewer peers allowed now, and one more asked for at start: the node starts all the same
        try (TestNode node = TestNode.start("/", Map.of("blockchain.dataDir", dataDir.toString(), "blockchain.maxPeers", "2",
                "blockchain.peers", "127.0.0.1:6004"))) {
            assertEquals(List.of("http://127.0.0.1:6001", "http://127.0.0.1:6002", "http://127.0.0.1:6003"), peersOf(node));
            Http.Answer removed = Http.postJson(node.url() + "/nodes/remove",
                    "{\"nodes\": [\"127.0.0.1:6001\", \"127.0.0.1:6003\", \"127.0.0.1:6999\"]}");
            assertEquals(200, removed.status(), removed.body());
            assertEquals("Nodes have been removed", removed.message());
            assertEquals(List.of("http://127.0.0.1:6002"), removed.json().get("total_nodes"));
            assertEquals(400, Http.postJson(node.url() + "/nodes/remove", "{\"nodes\": \"x\"}").status());
        }
        try (TestNode node = TestNode.start("/", three)) {
            assertEquals(List.of("http://127.0.0.1:6002"), peersOf(node), "a removal is durable");
        }
    }

    /** A node given its own address at start (it cannot know it is its own then) drops it at its first resolve. */
    @Test
    void aNodeGivenItsOwnAddressDropsIt() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (TestNode node = TestNode.start(port, "/", Map.of("blockchain.peers", "127.0.0.1:" + port))) {
            assertEquals(List.of("http://127.0.0.1:" + port), peersOf(node));
            Map<?, ?> report = (Map<?, ?>) ((List<?>) Http.get(node.url() + "/nodes/resolve").json().get("peers")).get(0);
            assertEquals("self", report.get("outcome"));
            assertEquals(List.of(), peersOf(node));
        }
    }

    /** One address, however it is written, is one peer. */
    @Test
    void aDefaultPortDoesNotMakeASecondPeer() {
        try (TestNode node = TestNode.start()) {
            Http.Answer registered = Http.postJson(node.url() + "/nodes/register",
                    "{\"nodes\": [\"http://node.example\", \"http://node.example:80/\", \"node.example:80\"]}");
            assertEquals(List.of("http://node.example"), registered.json().get("total_nodes"));
        }
    }

    /**
     * Registering says of each address what became of it, within one peer deadline: added (a
     * node answers), added but not answering now (never why), known, or this node itself.
     */
    @Test
    void registeringSaysWhatBecameOfEachAddress() throws Exception {
        int closed;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort(); // nothing listens there once this closes
        }
        try (TestNode node = TestNode.start("/", TestNode.MANUAL); TestNode other = TestNode.start("/", TestNode.MANUAL)) {
            String body = "{\"nodes\": [\"" + other.url() + "\", \"127.0.0.1:" + closed + "\", \"" + node.url() + "\", \""
                    + other.url() + "/\"]}";
            Http.Answer registered = Http.postJson(node.url() + "/nodes/register", body);
            assertEquals(201, registered.status(), registered.body());
            assertEquals("New nodes have been added", registered.message());
            List<?> each = (List<?>) registered.json().get("nodes");
            assertEquals(List.of(
                    Map.of("node", other.url(), "result", "added", "detail", "added"),
                    Map.of("node", "http://127.0.0.1:" + closed, "result", "not-answering", "detail",
                            "added, but no node answers there now; check the address (the node keeps trying it)"),
                    Map.of("node", node.url(), "result", "self", "detail", "not added: it is this node's own address")), each);
            assertEquals(List.of(other.url(), "http://127.0.0.1:" + closed), peersOf(node));
            Http.Answer again = Http.postJson(node.url() + "/nodes/register", "{\"nodes\": [\"" + other.url() + "\"]}");
            assertEquals("known", ((Map<?, ?>) ((List<?>) again.json().get("nodes")).get(0)).get("result"));
            // the tutorial's network introduces nobody: the other node has not heard of this one
            assertEquals(List.of(), peersOf(other));
        }
    }

    /**
     * Registering several peers asks them all at once: each fake peer answers only once all three
     * were asked (else 500, after 5 s), so one asked after another would be "not-answering".
     */
    @Test
    void registeringAsksEveryNewPeerAtOnce() throws Exception {
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(3);
        try (FakePeer fake = new FakePeer(); TestNode node = TestNode.start("/", TestNode.MANUAL)) {
            List<String> peers = new java.util.ArrayList<>();
            for (String name : List.of("one", "two", "three")) {
                peers.add(fake.serve(name, e -> {
                    asked.countDown();
                    boolean all = false;
                    try {
                        all = asked.await(5, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    FakePeer.send(e, all ? 200 : 500, "application/json", "");
                }));
            }
            Http.Answer registered = Http.postJson(node.url() + "/nodes/register",
                    "{\"nodes\": [\"" + String.join("\", \"", peers) + "\"]}");
            assertEquals(201, registered.status(), registered.body());
            for (Object each : (List<?>) registered.json().get("nodes")) {
                assertEquals("added", ((Map<?, ?>) each).get("result"), registered.body());
            }
        }
    }

    /** A start that fails after the data directory was opened lets go of it, so a fixed redeploy starts. */
    @Test
    void aFailedStartReleasesTheDataDirectory() throws Exception {
        Path blocker = Files.createDirectory(dataDir.resolve("journal-000001.log")); // the first journal cannot be created
        try (TestNode failed = TestNode.start(dataDir)) {
            Http.Answer ready = Http.get(failed.url() + "/health/ready");
            assertEquals(503, ready.status());
            assertTrue(ready.message().contains("journal-000001.log"), ready.message());
        }
        Files.delete(blocker);
        try (TestNode node = TestNode.start(dataDir)) {
            assertEquals(200, Http.get(node.url() + "/mine").status());
        }
    }
}
