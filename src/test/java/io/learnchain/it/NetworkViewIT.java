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
     * Three Java nodes and the Python tutorial node: the view lists all four with their heights
     * and tips (the Python one as the tutorial's API, never asked), labels the shared tip with
     * every node holding it, and tells a stopped node as not answering.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theViewListsEveryNodeWithItsTipAndTheBlocksTheyShare() throws Exception {
        assumeTrue(PythonPeer.available(), "needs python3");
        Map<String, String> live = Map.of("blockchain.syncIntervalMs", "500");
        try (TestNode a = TestNode.start("/", Map.of("blockchain.syncIntervalMs", "500", "blockchain.name", "node A"));
             TestNode b = TestNode.start("/", live); PythonPeer python = PythonPeer.start()) {
            TestNode c = TestNode.start("/", live);
            String cUrl = c.url();
            try {
                for (TestNode peer : List.of(b, c)) {
                    assertEquals(201, Http.postJson(a.url() + "/nodes/register", "{\"nodes\": [\"" + peer.url() + "\"]}").status());
                }
                assertEquals(201, Http.postJson(a.url() + "/nodes/register", "{\"nodes\": [\"" + python.url() + "\"]}").status());
                assertEquals(200, Http.get(a.url() + "/mine").status());
                assertEquals(200, Http.get(a.url() + "/mine").status());
                String tip = (String) Http.get(a.url() + "/status").json().get("last_hash");
                NetworkIT.await("b and c take a's chain", () -> tip.equals(Http.get(b.url() + "/status").json().get("last_hash"))
                        && tip.equals(Http.get(c.url() + "/status").json().get("last_hash")));
                NetworkIT.await("a has heard the Python node", () -> Http.get(a.url() + "/status").body().contains("\"protocol\":\"tutorial\""));

                Map<String, Object> view = Http.get(a.url() + "/network").json();
                assertEquals(4, ((List<?>) view.get("nodes")).size(), view.toString());
                Map<String, Object> self = ((List<Map<String, Object>>) view.get("nodes")).get(0);
                assertEquals("node A", self.get("name"));
                for (TestNode node : List.of(b, c)) {
                    Map<String, Object> seen = node(view, node.url());
                    assertEquals(Boolean.TRUE, seen.get("answered"));
                    assertEquals("network", seen.get("speaks"));
                    assertEquals(3, ((Number) seen.get("height")).intValue());
                    assertEquals(tip, seen.get("tip"));
                    assertEquals(Http.get(node.url() + "/status").json().get("node_id"), seen.get("node_id"));
                }
                Map<String, Object> tutorial = node(view, python.url());
                assertEquals("tutorial", tutorial.get("speaks"));
                Map<String, Object> shared = ((List<Map<String, Object>>) view.get("blocks")).stream()
                        .filter(block -> tip.equals(block.get("hash"))).findFirst().orElseThrow();
                assertEquals(3, ((Number) shared.get("height")).intValue());
                assertEquals(3, ((List<?>) shared.get("tip_of")).size(), "a, b and c hold it as their tip: " + shared);
                long placed = ((List<Map<String, Object>>) view.get("blocks")).stream().filter(block -> tip.equals(block.get("hash"))).count();
                assertEquals(1, placed, "each block placed once");
            } finally {
                c.close();
            }
            Thread.sleep(1100); // the view is kept a second
            Map<String, Object> after = Http.get(a.url() + "/network").json();
            assertEquals(Boolean.FALSE, node(after, cUrl).get("answered"), "a stopped node does not answer");
        }
    }
}
