package io.learnchain.it;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /metrics} in the Prometheus text format, with figures that agree with {@code /status}. */
class MetricsIT {

    /** The samples of a scrape: {@code name{labels}} to value. */
    static Map<String, Double> scrape(String url) {
        Http.Answer answer = Http.get(url + "/metrics");
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.header("Content-Type").startsWith("text/plain"), answer.header("Content-Type"));
        Map<String, Double> samples = new HashMap<>();
        for (String line : answer.body().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }

    private static long number(Map<?, ?> json, String key) {
        return ((Number) json.get(key)).longValue();
    }

    @Test
    void theNodesFiguresMatchItsStatus() {
        try (TestNode node = TestNode.start("/", TestNode.MANUAL)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(201, Http.postJson(node.url() + "/transactions/new",
                        "{\"sender\": \"a\", \"recipient\": \"b\", \"amount\": " + i + ".5}").status());
            }
            assertEquals(200, Http.get(node.url() + "/mine").status());
            assertEquals(200, Http.get(node.url() + "/mine").status());
            assertEquals(201, Http.postJson(node.url() + "/transactions/new", "{\"sender\": \"a\", \"recipient\": \"b\", \"amount\": 9}").status());
            assertEquals(400, Http.postJson(node.url() + "/transactions/new", "{\"sender\": \"a\"}").status());
            assertEquals(201, Http.postJson(node.url() + "/nodes/register", "{\"nodes\": [\"127.0.0.1:1\"]}").status());
            assertEquals(200, Http.get(node.url() + "/nodes/resolve").status());

            Map<String, Double> m = scrape(node.url());
            Map<String, Object> status = Http.get(node.url() + "/status").json();
            Map<?, ?> activity = (Map<?, ?>) status.get("activity");

            assertEquals(number(status, "length"), m.get("blockchain_chain_length").longValue());
            assertEquals(3, m.get("blockchain_chain_length").longValue());
            assertEquals(number(status, "pending"), m.get("blockchain_pending_transactions").longValue());
            assertEquals(1, m.get("blockchain_pending_transactions").longValue());
            assertEquals(((List<?>) status.get("peers")).size(), m.get("blockchain_peers").longValue());
            assertEquals(number(activity, "blocks_mined"), m.get("blockchain_blocks_mined_total").longValue());
            assertEquals(2, m.get("blockchain_blocks_mined_total").longValue());
            assertEquals(number(activity, "proof_attempts"), m.get("blockchain_proof_attempts_total").longValue());
            assertTrue(m.get("blockchain_proof_attempts_total") > 0);
            assertEquals(0, m.get("blockchain_chain_replacements_total").longValue());
            assertEquals(1, m.get("blockchain_peer_outcomes_total{outcome=\"unreachable\"}").longValue(), m.toString());

            // requests by endpoint, method and status, with their latency
            assertEquals(2, m.get("http_server_request_duration_seconds_count{endpoint=\"/mine\",method=\"GET\",status=\"200\"}").longValue());
            assertEquals(4, m.get("http_server_request_duration_seconds_count{endpoint=\"/transactions/new\",method=\"POST\",status=\"201\"}").longValue());
            assertEquals(1, m.get("http_server_request_duration_seconds_count{endpoint=\"/transactions/new\",method=\"POST\",status=\"400\"}").longValue());
            assertTrue(m.get("http_server_request_duration_seconds_sum{endpoint=\"/mine\",method=\"GET\",status=\"200\"}") > 0);
            // every durable write was flushed: 4 transactions, 2 blocks, 1 peer (group commits may merge some)
            double flushes = m.get("blockchain_store_flush_seconds_count");
            assertTrue(flushes >= 1 && flushes <= 7, "flushes: " + flushes);
            assertTrue(m.get("blockchain_store_flush_seconds_sum") > 0);
            assertTrue(m.get("jvm_memory_used_bytes{area=\"heap\"}") > 0, "the JVM's own metrics");
            // every name README documents is served
            for (String name : List.of("blockchain_pending_bytes", "blockchain_blocks_received_total", "blockchain_messages_sent_total",
                    "blockchain_messages_dropped_total", "blockchain_sync_blocks_total")) {
                assertTrue(m.containsKey(name), name + " in " + m.keySet());
            }

            // an unknown path is counted under the default mapping, not as a new series of its own
            assertEquals(404, Http.get(node.url() + "/no/such/thing").status());
            assertTrue(scrape(node.url()).keySet().stream().noneMatch(k -> k.contains("no/such")));
        }
    }

    @Test
    void blocksPushedByPeersAreCounted() {
        try (TestNode a = TestNode.start(); TestNode b = TestNode.start()) {
            assertEquals(201, Http.postJson(b.url() + "/nodes/register", "{\"nodes\": [\"" + a.url() + "\"]}").status());
            NetworkIT.await("a learns b", () -> Http.get(a.url() + "/nodes").body().contains(b.url()));
            // each node made its own genesis: a's first block makes b sync and adopt a's chain...
            assertEquals(200, Http.get(a.url() + "/mine").status());
            NetworkIT.await("b adopts a's chain", () -> scrape(b.url()).get("blockchain_chain_replacements_total") == 1);
            // ...and a's next block follows b's tip: accepted as it is
            assertEquals(200, Http.get(a.url() + "/mine").status());
            NetworkIT.await("b counts a's block",
                    () -> scrape(b.url()).getOrDefault("blockchain_blocks_pushed_total{receipt=\"accepted\"}", 0.0) == 1);
            Map<String, Double> atB = scrape(b.url());
            Map<String, Object> status = Http.get(b.url() + "/status").json();
            Map<?, ?> traffic = (Map<?, ?>) status.get("network");
            assertEquals(number((Map<?, ?>) traffic.get("blocks_received"), "accepted"),
                    atB.get("blockchain_blocks_pushed_total{receipt=\"accepted\"}").longValue());
            assertEquals(number((Map<?, ?>) status.get("activity"), "blocks_received"), atB.get("blockchain_blocks_received_total").longValue());
            assertEquals(3, atB.get("blockchain_chain_length").longValue());
            assertTrue(scrape(a.url()).get("blockchain_messages_sent_total") >= 1, "a sent it");
        }
    }
}
