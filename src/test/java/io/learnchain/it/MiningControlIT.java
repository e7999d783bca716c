package io.learnchain.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.learnchain.it.Operator.TOKEN;
import static io.learnchain.it.Operator.steer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a node mines by itself ({@code /admin/mining}, {@code /admin/mine}), through the WAR in Jetty. */
class MiningControlIT {
    private static final Map<String, String> STEERED = Map.of("blockchain.adminToken", TOKEN, "blockchain.network", "manual");

    private static int height(TestNode node) {
        return ((Number) Http.get(node.url() + "/status").json().get("length")).intValue();
    }


    @Test
    void everyControlNeedsTheTokenAndANodeWithoutOneIsSteeredByNobody() {
        try (TestNode steered = TestNode.start("/", STEERED); TestNode open = TestNode.start("/", TestNode.MANUAL)) {
            for (String[] call : new String[][] {{"GET", "/admin/mining", null}, {"PUT", "/admin/mining", "{\"mode\": \"manual\"}"},
                    {"POST", "/admin/mine", "{\"count\": 1}"}}) {
                assertEquals(401, Http.request(call[0], steered.url() + call[1], call[2]).status(), call[1]);
                Http.Answer forbidden = Http.request(call[0], open.url() + call[1], call[2]);
                assertEquals(403, forbidden.status(), call[1]);
                assertTrue(forbidden.message().contains("adminToken"), forbidden.message());
            }
            assertEquals(1, height(steered), "nothing was mined");
        }
    }

    @Test
    void mineNMinesThatManyBlocksOneAfterAnother() throws Exception {
        try (TestNode node = TestNode.start("/", STEERED)) {
            Http.Answer queued = steer("POST", node.url() + "/admin/mine", "{\"count\": 3}");
            assertEquals(202, queued.status(), queued.body());
            NetworkIT.await("3 blocks", () -> height(node) == 4);
            assertEquals(400, steer("POST", node.url() + "/admin/mine", "{\"count\": 101}").status());
            assertEquals(400, steer("POST", node.url() + "/admin/mine", "{\"count\": 0}").status());
            assertEquals(400, steer("POST", node.url() + "/admin/mine", "{\"count\": \"3\"}").status());
            // README's example, as the node answers it
            Http.Answer readme = steer("PUT", node.url() + "/admin/mining", "{\"mode\": \"interval\", \"interval_ms\": [5000, 15000]}");
            assertTrue(readme.body().matches("\\{\"duty\":1\\.0,\"interval_ms\":\\[5000,15000],\"mode\":\"interval\",\"queued\":0,\"threads\":\\d+}"),
                    readme.body());
            assertEquals(200, steer("PUT", node.url() + "/admin/mining", "{\"mode\": \"manual\"}").status());
        }
    }

    /** A block every half second at most: over a few seconds, more than one and no more than the pace allows; manual stops it. */
    @Test
    void intervalMiningKeepsThePaceAskedAndManualStopsIt() throws Exception {
        try (TestNode node = TestNode.start("/", STEERED)) {
            Http.Answer set = steer("PUT", node.url() + "/admin/mining", "{\"mode\": \"interval\", \"interval_ms\": 500}");
            assertEquals(200, set.status(), set.body());
            assertEquals("interval", set.json().get("mode"));
            assertEquals(500, ((Number) set.json().get("interval_ms")).intValue());
            long started = System.nanoTime();
            int before = height(node);
            Thread.sleep(4000);
            int made = height(node) - before;
            double seconds = (System.nanoTime() - started) / 1e9;
            assertTrue(made >= 2, made + " blocks in " + seconds + " s");
            assertTrue(made <= seconds / 0.5 + 1, made + " blocks in " + seconds + " s: faster than one per 0.5 s");
            assertEquals("interval", ((Map<?, ?>) Http.get(node.url() + "/status").json().get("mining")).get("mode"), "/status shows it");

            assertEquals(200, steer("PUT", node.url() + "/admin/mining", "{\"mode\": \"manual\"}").status());
            Thread.sleep(1000); // a block already being mined may still come
            int stopped = height(node);
            Thread.sleep(1500);
            assertEquals(stopped, height(node), "manual: no more blocks by itself");
        }
    }

    /**
     * On-transaction: a client's transaction gets a block from the node it was posted to; the
     * peer it is relayed to does not race for it (no block of its own).
     */
    @Test
    void aPostedTransactionIsMinedByItsNodeOnlyNotByThePeerItIsRelayedTo() throws Exception {
        Map<String, String> live = Map.of("blockchain.adminToken", TOKEN, "blockchain.syncIntervalMs", "0");
        try (TestNode a = TestNode.start("/", live); TestNode b = TestNode.start("/", live)) {
            assertEquals(201, steer("POST", a.url() + "/nodes/register", "{\"nodes\": [\"" + b.url() + "\"]}").status());
            assertEquals(201, steer("POST", b.url() + "/nodes/register", "{\"nodes\": [\"" + a.url() + "\"]}").status());
            assertEquals(200, steer("GET", a.url() + "/mine", null).status()); // one genesis for both: b takes a's chain
            NetworkIT.await("b has a's chain", () -> height(b) == 2);
            for (TestNode node : List.of(a, b)) {
                assertEquals(200, steer("PUT", node.url() + "/admin/mining", "{\"mode\": \"on-transaction\"}").status());
            }
            assertEquals(201, Http.postJson(a.url() + "/transactions/new",
                    "{\"sender\": \"alice\", \"recipient\": \"bob\", \"amount\": 3}").status());
            NetworkIT.await("a mines the transaction and b gets the block", () -> height(a) == 3 && height(b) == 3);
            Thread.sleep(1500); // time enough for b to mine had the relayed copy moved it
            assertEquals(3, height(b), "b did not mine for a transaction relayed to it");
            String chain = Http.get(b.url() + "/chain").body();
            assertTrue(chain.contains("\"sender\":\"alice\""), chain);
            String bId = (String) Http.get(b.url() + "/status").json().get("node_id");
            assertTrue(!chain.contains("\"recipient\":\"" + bId + "\""), "no reward of b's: it mined nothing");
        }
    }

    @Test
    void thePlanSurvivesARestartAndABadOneIsRefusedByName() throws Exception {
        Path data = Files.createTempDirectory("mining-plan-");
        Map<String, String> kept = Map.of("blockchain.adminToken", TOKEN, "blockchain.network", "manual",
                "blockchain.dataDir", data.toString());
        try {
            try (TestNode node = TestNode.start("/", kept)) {
                Http.Answer set = steer("PUT", node.url() + "/admin/mining",
                        "{\"mode\": \"interval\", \"interval_ms\": [600000, 900000], \"threads\": 1, \"duty\": 0.5}");
                assertEquals(200, set.status(), set.body());
                Http.Answer badDuty = steer("PUT", node.url() + "/admin/mining", "{\"duty\": 0}");
                assertEquals(400, badDuty.status());
                assertTrue(badDuty.message().contains("duty"), badDuty.message());
                Http.Answer unknown = steer("PUT", node.url() + "/admin/mining", "{\"speed\": 3}");
                assertEquals(400, unknown.status());
                assertTrue(unknown.message().contains("speed"), unknown.message());
                assertEquals(400, steer("PUT", node.url() + "/admin/mining", "{\"mode\": \"sometimes\"}").status());
                // a throttled miner still mines
                assertEquals(202, steer("POST", node.url() + "/admin/mine", "{\"count\": 1}").status());
                NetworkIT.await("a throttled block", () -> height(node) == 2);
            }
            try (TestNode restarted = TestNode.start("/", kept)) {
                Map<String, Object> plan = steer("GET", restarted.url() + "/admin/mining", null).json();
                assertEquals("interval", plan.get("mode"));
                assertEquals(List.of(600000, 900000), ((List<?>) plan.get("interval_ms")).stream().map(n -> ((Number) n).intValue()).toList());
                assertEquals(1, ((Number) plan.get("threads")).intValue());
                assertEquals(0.5, ((Number) plan.get("duty")).doubleValue());
            }
        } finally {
            TestNode.deleteRecursively(data);
        }
    }
}
