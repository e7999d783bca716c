package io.learnchain.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.learnchain.it.Operator.TOKEN;
import static io.learnchain.it.Operator.steer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Snapshots, restore, reset, export and import: the operator's overrides, through the WAR in Jetty. */
class SnapshotsIT {

    private static void mine(TestNode node) {
        assertEquals(200, steer("GET", node.url() + "/mine", null).status());
    }

    private static void post(TestNode node, String sender) {
        assertEquals(201, Http.postJson(node.url() + "/transactions/new",
                "{\"sender\": \"" + sender + "\", \"recipient\": \"bob\", \"amount\": 2.50}").status());
    }

    private static Map<String, Object> status(TestNode node) {
        return Http.get(node.url() + "/status").json();
    }

    /**
     * A paused node restored to a snapshot is back at its tip, with its pool; the answer lists
     * the blocks and the acknowledged transaction it discarded; it stays so after a restart.
     */
    @Test
    void restoreBringsANodeBackToTheSnapshotAndSaysWhatItDiscarded() throws Exception {
        Path data = Files.createTempDirectory("snapshots-");
        Map<String, String> settings = Map.of("blockchain.adminToken", TOKEN, "blockchain.network", "manual",
                "blockchain.dataDir", data.toString());
        try {
            String snapshotTip;
            try (TestNode node = TestNode.start("/", settings)) {
                mine(node);
                mine(node);
                post(node, "before-snapshot");
                Http.Answer taken = steer("POST", node.url() + "/admin/snapshots", "{\"name\": \"lesson-1\"}");
                assertEquals(201, taken.status(), taken.body());
                assertEquals(3, ((Number) taken.json().get("length")).intValue());
                assertEquals(1, ((Number) taken.json().get("pending")).intValue());
                snapshotTip = (String) taken.json().get("tip");
                assertEquals(status(node).get("last_hash"), snapshotTip);

                mine(node); // takes before-snapshot into block 4
                mine(node);
                post(node, "after-snapshot");
                assertEquals(200, steer("PUT", node.url() + "/admin/network", "{\"paused\": true}").status());

                Http.Answer restored = steer("POST", node.url() + "/admin/snapshots/lesson-1/restore", null);
                assertEquals(200, restored.status(), restored.body());
                assertEquals(3, ((Number) restored.json().get("length")).intValue());
                assertEquals(snapshotTip, restored.json().get("tip"));
                assertEquals(2, ((List<?>) restored.json().get("discarded_blocks")).size());
                String discarded = restored.json().get("discarded_transactions").toString();
                assertTrue(discarded.contains("after-snapshot") && !discarded.contains("before-snapshot"),
                        "acknowledged since the snapshot, and not in it: " + discarded);
                assertEquals(snapshotTip, status(node).get("last_hash"));
                String pending = Http.get(node.url() + "/transactions/pending").body();
                assertTrue(pending.contains("before-snapshot") && pending.contains("2.50") && !pending.contains("after-snapshot"), pending);
                assertTrue(Http.get(node.url() + "/status").body().contains("\"code\":\"restored\""), "told on the feed");

                Map<String, Object> list = steer("GET", node.url() + "/admin/snapshots", null).json();
                assertEquals("lesson-1", ((Map<?, ?>) ((List<?>) list.get("snapshots")).get(0)).get("name"));
                assertEquals(400, steer("POST", node.url() + "/admin/snapshots", "{\"name\": \"Lesson 1!\"}").status());
                assertEquals(404, steer("POST", node.url() + "/admin/snapshots/lesson-9/restore", null).status());
            }
            try (TestNode restarted = TestNode.start("/", settings)) {
                assertEquals(snapshotTip, status(restarted).get("last_hash"), "the restore was durable");
                assertEquals(200, steer("DELETE", restarted.url() + "/admin/snapshots/lesson-1", null).status());
                assertEquals(404, steer("POST", restarted.url() + "/admin/snapshots/lesson-1/restore", null).status());
            }
        } finally {
            TestNode.deleteRecursively(data);
        }
    }

    /** Export, then import on a node afresh: the same chain, pool and peers; the node keeps its own id. */
    @Test
    void exportThenImportGivesTheSameChainPoolAndPeers() {
        Map<String, String> settings = Map.of("blockchain.adminToken", TOKEN, "blockchain.network", "manual");
        try (TestNode from = TestNode.start("/", settings); TestNode to = TestNode.start("/", settings)) {
            mine(from);
            post(from, "carol");
            assertEquals(201, steer("POST", from.url() + "/nodes/register", "{\"nodes\": [\"http://127.0.0.1:1\"]}").status());
            Http.Answer export = steer("GET", from.url() + "/admin/export", null);
            assertEquals(200, export.status());
            assertTrue(!export.body().contains("node_id") && !export.body().contains("PRIVATE"), "never the node's id or key");

            String toId = (String) status(to).get("node_id");
            Http.Answer imported = steer("POST", to.url() + "/admin/import", export.body());
            assertEquals(200, imported.status(), imported.body());
            assertEquals(Http.get(from.url() + "/chain").body(), Http.get(to.url() + "/chain").body());
            assertEquals(Http.get(from.url() + "/transactions/pending").body(), Http.get(to.url() + "/transactions/pending").body());
            assertEquals(Http.get(from.url() + "/nodes").json().get("total_nodes"), Http.get(to.url() + "/nodes").json().get("total_nodes"));
            assertEquals(toId, status(to).get("node_id"), "the node keeps its own id");

            Http.Answer again = steer("POST", to.url() + "/admin/import", export.body());
            assertEquals(409, again.status(), "only into a node afresh");
            assertTrue(again.message().contains("/admin/reset"), again.message());
            String before = (String) status(to).get("last_hash");
            Http.Answer reset = steer("POST", to.url() + "/admin/reset", null);
            assertEquals(200, reset.status(), reset.body());
            assertEquals(1, ((Number) status(to).get("length")).intValue());
            assertNotEquals(before, status(to).get("last_hash"));
            assertEquals(0, ((Number) status(to).get("pending")).intValue());
            assertTrue(reset.json().get("discarded_transactions").toString().contains("carol"), reset.body());
            assertEquals(400, steer("POST", to.url() + "/admin/import", "{\"chain\": []}").status());
            assertEquals(401, Http.request("POST", to.url() + "/admin/reset", null).status());
        }
    }
}
