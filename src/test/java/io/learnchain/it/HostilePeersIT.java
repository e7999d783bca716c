package io.learnchain.it;

import io.learnchain.chain.Block;
import io.learnchain.chain.ChainValidator;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Peers that misbehave in every way listed in the design change nothing, and cannot stall a resolve. */
class HostilePeersIT {
    private static FakePeer hostile;
    private static String hostileUrl;
    private static TestNode good;

    @BeforeAll
    static void startPeers() throws IOException {
        good = TestNode.start();
        for (int i = 0; i < 3; i++) {
            Http.get(good.url() + "/mine");
        }
        String goodChain = Http.get(good.url() + "/chain").body();
        String genesisOnly = Http.get(TestNodeHolder.freshGenesis() + "/chain").body();

        hostile = new FakePeer();
        hostileUrl = hostile.url();
        hostile.serve("slow", e -> {
            FakePeer.sleep(20_000); // far past the node's response timeout
            FakePeer.send(e, 200, "application/json", goodChain);
        });
        hostile.serve("trickle", e -> {
            // a body that never ends: a byte at a time, never silent long enough for a read timeout
            e.sendResponseHeaders(200, 0);
            try (OutputStream out = e.getResponseBody()) {
                out.write("{\"chain\": [".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 100; i++) {
                    out.write(' ');
                    out.flush();
                    FakePeer.sleep(200);
                }
            } catch (IOException gone) {
                // the node hung up: expected
            }
        });
        hostile.serve("error", e -> FakePeer.send(e, 500, "text/plain", "Internal Server Error"));
        hostile.serve("html", e -> FakePeer.send(e, 200, "text/html", "<html><body>Welcome to nginx!</body></html>"));
        hostile.serve("notjson", e -> FakePeer.send(e, 200, "application/json", "{\"chain\": [1, 2,"));
        hostile.serve("liar", e -> FakePeer.send(e, 200, "application/json",
                genesisOnly.replace("\"length\":1", "\"length\":1000")));
        hostile.serve("types", e -> FakePeer.send(e, 200, "application/json", "{\"chain\": \"a long chain\", \"length\": 99}"));
        hostile.serve("deep", e -> FakePeer.send(e, 200, "application/json",
                "{\"chain\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}"));
        hostile.serve("redirect", e -> {
            e.getResponseHeaders().add("Location", good.url() + "/chain");
            FakePeer.send(e, 302, "text/plain", "moved");
        });
        hostile.serve("huge", e -> {
            e.sendResponseHeaders(200, 0); // no length announced: the cap must hold while reading
            try (OutputStream out = e.getResponseBody()) {
                out.write("{\"chain\": [".getBytes(StandardCharsets.US_ASCII));
                byte[] spaces = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < 64; i++) { // 4 MiB, over the 1 MiB cap
                    out.write(spaces);
                }
                out.write("]}".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException gone) {
                // the node hung up: expected
            }
        });
        hostile.serve("invalid", e -> FakePeer.send(e, 200, "application/json",
                goodChain.replace("\"amount\":1}", "\"amount\":1000}")));
    }

    @AfterAll
    static void stopPeers() {
        hostile.close();
        good.close();
        TestNodeHolder.close();
    }

    @Test
    void everyBadPeerIsRecordedAndTheGoodLongerChainIsStillAdopted() throws Exception {
        Map<String, String> limits = Map.of("blockchain.peer.deadlineMs", "3000", "blockchain.peer.responseTimeoutMs", "1000",
                "blockchain.peer.maxResponseBytes", "1048576", "blockchain.network", "manual");
        List<String> kinds = List.of("slow", "trickle", "error", "html", "notjson", "liar", "types", "deep", "redirect", "huge", "invalid");
        try (TestNode node = TestNode.start("/", limits)) {
            List<String> peers = new ArrayList<>();
            kinds.forEach(k -> peers.add("\"" + hostileUrl + "/" + k + "\""));
            peers.add("\"" + good.url() + "\"");
            assertEquals(201, Http.postJson(node.url() + "/nodes/register", "{\"nodes\": [" + String.join(", ", peers) + "]}").status());

            // The slow peer would answer after 20 s: getting the answer at all (the test client
            // waits 60 s at most) shows the round ended by its own deadline.
            Http.Answer resolved = Http.get(node.url() + "/nodes/resolve");
            assertEquals(200, resolved.status(), resolved.body());
            assertEquals("Our chain was replaced", resolved.message());

            Map<String, String> outcomes = new java.util.HashMap<>();
            for (Object o : (List<?>) resolved.json().get("peers")) {
                Map<?, ?> report = (Map<?, ?>) o;
                outcomes.put((String) report.get("node"), (String) report.get("outcome"));
                assertFalse(((String) report.get("detail")).isBlank());
            }
            Map<String, String> expected = Map.ofEntries(
                    Map.entry("slow", "timeout"), Map.entry("trickle", "timeout"), Map.entry("error", "bad-response"),
                    Map.entry("html", "bad-response"), Map.entry("notjson", "bad-response"), Map.entry("liar", "equal"),
                    Map.entry("types", "bad-response"), Map.entry("deep", "bad-response"), Map.entry("redirect", "bad-response"),
                    Map.entry("huge", "too-large"), Map.entry("invalid", "invalid"));
            expected.forEach((kind, outcome) -> assertEquals(outcome, outcomes.get(hostileUrl + "/" + kind), kind));
            assertEquals("adopted", outcomes.get(good.url()));

            JsonObject ours = (JsonObject) Http.get(node.url() + "/chain").exact();
            List<Block> chain = ChainValidator.validate((JsonArray) ours.get("chain"));
            assertEquals(Http.get(good.url() + "/chain").body(), Http.get(node.url() + "/chain").body());
            assertEquals(4, chain.size());

            // the node remembers each peer's last outcome, and when it last answered
            Map<String, Object> nodes = Http.get(node.url() + "/nodes").json();
            for (Object o : (List<?>) nodes.get("peers")) {
                Map<?, ?> status = (Map<?, ?>) o;
                String node1 = (String) status.get("node");
                assertEquals(outcomes.get(node1), status.get("last_outcome"), node1);
                assertTrue(status.containsKey("last_resolve"));
                assertEquals(!node1.endsWith("/slow") && !node1.endsWith("/trickle"), status.containsKey("last_reached"), node1);
            }
            assertEquals(nodes.get("peers"), Http.get(node.url() + "/status").json().get("peers"));
        }
    }

    @Test
    void registeringIgnoresDuplicatesAndItselfAndHasALimit() {
        try (TestNode node = TestNode.start("/", Map.of("blockchain.maxPeers", "3"))) {
            String self = node.url();
            String port = self.substring(self.lastIndexOf(':') + 1);
            Http.Answer first = Http.postJson(node.url() + "/nodes/register", "{\"nodes\": [\"127.0.0.1:6001\", \"http://127.0.0.1:6001/\", \""
                    + self + "\", \"localhost:" + port + "\"]}");
            assertEquals(201, first.status(), first.body());
            assertEquals(List.of("http://127.0.0.1:6001"), first.json().get("total_nodes"));
            assertEquals(201, Http.postJson(node.url() + "/nodes/register", "{\"nodes\": [\"127.0.0.1:6002\", \"127.0.0.1:6003\"]}").status());
            Http.Answer tooMany = Http.postJson(node.url() + "/nodes/register", "{\"nodes\": [\"127.0.0.1:6004\"]}");
            assertEquals(400, tooMany.status());
            assertTrue(tooMany.message().contains("the limit is 3"), tooMany.message());
            assertEquals(3, ((List<?>) Http.get(node.url() + "/nodes").json().get("total_nodes")).size());
        }
    }

    /** A node with only its genesis block, for a peer whose chain is not longer. */
    private static final class TestNodeHolder {
        private static TestNode node;

        static synchronized String freshGenesis() {
            if (node == null) {
                node = TestNode.start();
            }
            return node.url();
        }

        static synchronized void close() {
            if (node != null) {
                node.close();
            }
        }
    }
}
