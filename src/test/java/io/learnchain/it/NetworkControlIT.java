package io.learnchain.it;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.learnchain.it.Operator.TOKEN;
import static io.learnchain.it.Operator.steer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator's network controls ({@code /admin/network}) on five nodes on loopback, through the WAR in Jetty. */
class NetworkControlIT {
    private static final Map<String, String> CLASS_NODE = Map.of("blockchain.adminToken", TOKEN, "blockchain.syncIntervalMs", "0");

    private static Map<String, Object> status(TestNode node) {
        return Http.get(node.url() + "/status").json();
    }

    private static int height(TestNode node) {
        return ((Number) status(node).get("length")).intValue();
    }

    private static String tip(TestNode node) {
        return (String) status(node).get("last_hash");
    }


    private static void mine(TestNode node) {
        assertEquals(200, steer("GET", node.url() + "/mine", null).status());
    }

    private static String ignoring(List<TestNode> others) {
        return "{\"ignored\": [" + String.join(", ", others.stream().map(n -> "\"" + n.url() + "\"").toList()) + "]}";
    }

    private static boolean sameTip(List<TestNode> nodes, int length) {
        String first = tip(nodes.get(0));
        return nodes.stream().allMatch(n -> height(n) == length && tip(n).equals(first));
    }

    /**
     * A class split in two: each side builds its own branch; healed, every node takes the longer
     * one, and the transaction acknowledged on the losing side is not lost.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aPartitionMakesTwoBranchesAndHealingMakesOneChainLosingNothing() throws Exception {
        List<TestNode> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                nodes.add(TestNode.start("/", CLASS_NODE));
            }
            for (TestNode node : nodes) {
                List<String> others = nodes.stream().filter(n -> n != node).map(n -> "\"" + n.url() + "\"").toList();
                assertEquals(201, steer("POST", node.url() + "/nodes/register", "{\"nodes\": [" + String.join(", ", others) + "]}").status());
            }
            mine(nodes.get(0));
            NetworkIT.await("one chain of 2", () -> sameTip(nodes, 2));

            List<TestNode> left = nodes.subList(0, 2);
            List<TestNode> right = nodes.subList(2, 5);
            for (TestNode node : left) {
                assertEquals(200, steer("PUT", node.url() + "/admin/network", ignoring(right)).status());
            }
            for (TestNode node : right) {
                assertEquals(200, steer("PUT", node.url() + "/admin/network", ignoring(left)).status());
            }
            Http.Answer acknowledged = Http.postJson(nodes.get(0).url() + "/transactions/new",
                    "{\"sender\": \"alice\", \"recipient\": \"bob\", \"amount\": 7}");
            assertEquals(201, acknowledged.status());
            mine(nodes.get(0));
            mine(nodes.get(2));
            mine(nodes.get(2));
            NetworkIT.await("the left side at 3", () -> sameTip(left, 3));
            NetworkIT.await("the right side at 4", () -> sameTip(right, 4));
            String losingTip = tip(nodes.get(0));
            assertNotEquals(losingTip, tip(nodes.get(2)), "two branches");
            assertTrue(Http.get(nodes.get(0).url() + "/chain").body().contains("alice"));
            assertTrue(!Http.get(nodes.get(2).url() + "/chain").body().contains("alice"), "nothing crossed the partition");
            // the partition cuts blocks and syncs, not the teacher's view: node-1's /network still sees the other side
            String otherSide = Http.get(nodes.get(0).url() + "/network").body();
            assertTrue(otherSide.contains("\"tip\":\"" + tip(nodes.get(2)) + "\""), otherSide);

            for (TestNode node : nodes) {
                assertEquals(200, steer("PUT", node.url() + "/admin/network", "{\"ignored\": []}").status());
            }
            NetworkIT.await("one chain: the longer branch", () -> sameTip(nodes, 4));
            // the fork stays visible after it healed: the losing tip is a side branch, the winner's on the chain
            Http.Answer side = Http.get(nodes.get(0).url() + "/blocks/" + losingTip);
            assertEquals(200, side.status(), side.body());
            assertEquals(Boolean.FALSE, side.json().get("main"));
            assertEquals(3, ((Number) side.json().get("height")).intValue());
            assertTrue(side.body().contains("\"sender\":\"alice\""), "the block as it was: " + side.body());
            Http.Answer main = Http.get(nodes.get(0).url() + "/blocks/" + tip(nodes.get(0)));
            assertEquals(Boolean.TRUE, main.json().get("main"));
            assertEquals(404, Http.get(nodes.get(0).url() + "/blocks/" + "0".repeat(64)).status());
            assertEquals(404, Http.get(nodes.get(0).url() + "/blocks/nonsense").status());
            String pending = Http.get(nodes.get(0).url() + "/transactions/pending").body();
            assertTrue(pending.contains("alice"), "the dropped block's transaction is back in the pool: " + pending);
            // the picture: the losing block beside the winner, dropped by both nodes of the left side, alice's payment back
            // in their pools; the winner's journey starts where it was mined
            Thread.sleep(1100); // the view is kept a second
            List<Map<String, Object>> tree = (List<Map<String, Object>>) Http.get(nodes.get(0).url() + "/network").json().get("blocks");
            Map<String, Object> loser = tree.stream().filter(b -> losingTip.equals(b.get("hash"))).findFirst().orElseThrow();
            assertEquals(List.of(), loser.get("main_of"), "on nobody's chain: " + loser);
            List<Map<String, Object>> dropped = (List<Map<String, Object>>) loser.get("dropped");
            assertEquals(java.util.Set.of(nodes.get(0).url(), nodes.get(1).url()),
                    dropped.stream().map(d -> d.get("node")).collect(java.util.stream.Collectors.toSet()), loser.toString());
            dropped.forEach(d -> assertEquals(1, ((Number) d.get("returned")).intValue(), "alice's payment: " + d));
            String winner3 = (String) ((List<Map<String, Object>>) Http.get(nodes.get(0).url() + "/blocks/recent?limit=2").json()
                    .get("blocks")).get(1).get("hash");
            Map<String, Object> beside = tree.stream().filter(b -> winner3.equals(b.get("hash"))).findFirst().orElseThrow();
            assertEquals(3, ((Number) beside.get("height")).intValue());
            assertEquals(loser.get("parent"), beside.get("parent"), "the two branches part at the same block");
            List<Map<String, Object>> journey = (List<Map<String, Object>>) beside.get("got");
            assertEquals(5, journey.size(), "each node tells when it took it: " + journey);
            assertEquals(List.of(nodes.get(2).url(), "mined"), List.of(journey.get(0).get("node"), journey.get(0).get("how")));
            mine(nodes.get(0));
            NetworkIT.await("one chain of 5", () -> sameTip(nodes, 5));
            assertTrue(Http.get(nodes.get(4).url() + "/chain").body().contains("\"sender\":\"alice\""), "the acknowledged transaction is kept");
            String feed = Http.get(nodes.get(0).url() + "/status").body();
            assertTrue(feed.contains("\"type\":\"network\""), "each change is an event");
        } finally {
            nodes.forEach(TestNode::close);
        }
    }

    /** Paused, a node takes no peer messages (503 with Retry-After), resolves with nobody, and catches up when resumed. */
    @Test
    void aPausedNodeTakesNothingAndCatchesUpWhenResumed() throws Exception {
        try (TestNode a = TestNode.start("/", CLASS_NODE); TestNode b = TestNode.start("/", CLASS_NODE)) {
            assertEquals(201, steer("POST", a.url() + "/nodes/register", "{\"nodes\": [\"" + b.url() + "\"]}").status());
            assertEquals(201, steer("POST", b.url() + "/nodes/register", "{\"nodes\": [\"" + a.url() + "\"]}").status());
            mine(a);
            NetworkIT.await("b takes a's chain", () -> height(b) == 2);

            Http.Answer paused = steer("PUT", b.url() + "/admin/network", "{\"paused\": true}");
            assertEquals(200, paused.status(), paused.body());
            assertEquals(Boolean.TRUE, paused.json().get("paused"));
            mine(a);
            mine(a);
            Http.Answer push = Http.postJson(b.url() + "/peer/blocks", "{\"block\": {}, \"from\": \"" + a.url() + "\"}");
            assertEquals(503, push.status());
            assertTrue(push.header("Retry-After") != null);
            assertTrue(push.message().contains("paused"), push.message());
            Http.Answer resolve = steer("GET", b.url() + "/nodes/resolve", null);
            assertEquals(503, resolve.status());
            assertTrue(resolve.message().contains("paused"), resolve.message());
            Thread.sleep(500);
            assertEquals(2, height(b), "nothing taken while paused");
            assertEquals(Boolean.TRUE, ((Map<?, ?>) status(b).get("network_controls")).get("paused"), "/status shows it");

            assertEquals(200, steer("PUT", b.url() + "/admin/network", "{\"paused\": false}").status());
            NetworkIT.await("b catches up when resumed", () -> height(b) == 4);
        }
    }

    /** Ignoring is this node's own: it sends the ignored peer nothing and takes nothing from it, whatever the peer does. */
    @Test
    void anIgnoredPeerIsSentNothingAndNothingIsTakenFromIt() throws Exception {
        try (TestNode a = TestNode.start("/", CLASS_NODE); TestNode b = TestNode.start("/", CLASS_NODE)) {
            assertEquals(201, steer("POST", a.url() + "/nodes/register", "{\"nodes\": [\"" + b.url() + "\"]}").status());
            assertEquals(201, steer("POST", b.url() + "/nodes/register", "{\"nodes\": [\"" + a.url() + "\"]}").status());
            mine(a);
            NetworkIT.await("b takes a's chain", () -> height(b) == 2);
            assertEquals(200, steer("PUT", a.url() + "/admin/network", ignoring(List.of(b))).status()); // b does not ignore a
            mine(a);
            Thread.sleep(1000);
            assertEquals(2, height(b), "a sent its block to the peer it ignores");
            // a link that drops every message: a's next block does not reach b by push either
            assertEquals(200, steer("PUT", a.url() + "/admin/network", "{\"ignored\": [], \"links\": {\"" + b.url()
                    + "\": {\"drop\": 1}}}").status());
            mine(a);
            Thread.sleep(1000);
            assertEquals(2, height(b), "a's link to b drops everything");
            assertEquals(200, steer("PUT", a.url() + "/admin/network", ignoring(List.of(b))).status());
            Http.Answer fromIgnored = Http.postJson(a.url() + "/peer/blocks", "{\"block\": {}, \"from\": \"" + b.url() + "\"}");
            assertEquals(503, fromIgnored.status(), "a takes no message that says it comes from the peer it ignores");
            assertTrue(fromIgnored.message().contains("ignores " + b.url()), fromIgnored.message());
            mine(b);
            mine(b);
            Thread.sleep(1000);
            assertEquals(4, height(a), "a took blocks from the peer it ignores");
        }
    }

    /**
     * A 51% race: the attacker withholds the blocks it mines while the others go on; released, its
     * longer private branch wins and every node reorganises to it.
     */
    @Test
    void aLongerWithheldBranchWinsWhenReleased() throws Exception {
        List<TestNode> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(TestNode.start("/", CLASS_NODE));
            }
            for (TestNode node : nodes) {
                List<String> others = nodes.stream().filter(n -> n != node).map(n -> "\"" + n.url() + "\"").toList();
                assertEquals(201, steer("POST", node.url() + "/nodes/register", "{\"nodes\": [" + String.join(", ", others) + "]}").status());
            }
            TestNode attacker = nodes.get(0);
            TestNode honest = nodes.get(1);
            mine(honest);
            NetworkIT.await("one chain of 2", () -> sameTip(nodes, 2));

            Http.Answer withholding = steer("PUT", attacker.url() + "/admin/network", "{\"withhold\": true}");
            assertEquals(200, withholding.status(), withholding.body());
            mine(honest);
            NetworkIT.await("the honest block reaches everyone", () -> sameTip(nodes, 3));
            String honestTip = tip(honest);
            for (int i = 0; i < 3; i++) {
                mine(attacker); // in secret
            }
            Thread.sleep(500);
            assertTrue(sameTip(nodes, 3), "nobody saw the withheld blocks");
            assertEquals(3, ((Number) steer("GET", attacker.url() + "/admin/network", null).json().get("withheld_blocks")).intValue());

            assertEquals(200, steer("PUT", attacker.url() + "/admin/network", "{\"withhold\": false}").status());
            NetworkIT.await("the longer private branch wins everywhere", () -> sameTip(nodes, 5));
            // a block's hash appears in the chain as the next block's previous_hash: the honest block 3's no longer does
            assertTrue(!Http.get(honest.url() + "/chain").body().contains(honestTip), "the honest block 3 was dropped");
            assertTrue(Http.get(honest.url() + "/status").body().contains("\"type\":\"reorg\""), "the honest node tells of the reorg");
        } finally {
            nodes.forEach(TestNode::close);
        }
    }

    @Test
    void linksAreBoundedAndEveryControlNeedsTheToken() {
        try (TestNode node = TestNode.start("/", CLASS_NODE)) {
            assertEquals(401, Http.request("PUT", node.url() + "/admin/network", "{\"paused\": true}").status());
            Http.Answer slow = steer("PUT", node.url() + "/admin/network",
                    "{\"links\": {\"http://127.0.0.1:5001\": {\"latency_ms\": 800, \"drop\": 0.25}}}");
            assertEquals(200, slow.status(), slow.body());
            assertTrue(slow.body().contains("\"links\":{\"http://127.0.0.1:5001\":{\"drop\":0.25,\"latency_ms\":800}}"), slow.body());
            for (String bad : List.of("{\"links\": {\"http://127.0.0.1:5001\": {\"latency_ms\": 20000}}}",
                    "{\"links\": {\"http://127.0.0.1:5001\": {\"drop\": 2}}}", "{\"ignored\": [\"http//typo\"]}",
                    "{\"paused\": \"yes\"}", "{\"withheld\": true}")) {
                Http.Answer refused = steer("PUT", node.url() + "/admin/network", bad);
                assertEquals(400, refused.status(), bad);
                assertTrue(refused.message().startsWith("Network controls not changed: "), refused.message());
            }
        }
    }
}
