package io.learnchain.it;

import io.learnchain.chain.Block;
import io.learnchain.chain.ChainValidator;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonWriter;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tutorial's walk-through, step by step, against the WAR in Jetty over HTTP. */
class TutorialIT {

    private static List<Block> chainOf(TestNode node) throws Exception {
        JsonObject body = (JsonObject) Http.get(node.url() + "/chain").exact();
        return ChainValidator.validate((JsonArray) body.get("chain"));
    }

    @Test
    void transactionMineChain() throws Exception {
        try (TestNode node = TestNode.start()) {
            Http.Answer created = Http.postJson(node.url() + "/transactions/new",
                    "{\"sender\": \"d4ee26eee15148ee92c6cd394edd974e\", \"recipient\": \"someone-other-address\", \"amount\": 5}");
            assertEquals(201, created.status());
            assertEquals("Transaction will be added to Block 2", created.message());
            assertTrue(created.header("Content-Type").startsWith("application/json"));

            Http.Answer mined = Http.get(node.url() + "/mine");
            assertEquals(200, mined.status());
            Map<String, Object> block = mined.json();
            assertEquals("New Block Forged", block.get("message"));
            assertEquals(new BigDecimal(2), block.get("index"));
            assertTrue(block.containsKey("proof") && block.containsKey("previous_hash"));
            List<?> transactions = (List<?>) block.get("transactions");
            assertEquals(2, transactions.size());
            assertEquals("someone-other-address", ((Map<?, ?>) transactions.get(0)).get("recipient"));
            Map<?, ?> reward = (Map<?, ?>) transactions.get(1);
            assertEquals("0", reward.get("sender"));
            assertEquals(new BigDecimal(1), reward.get("amount"));
            String nodeId = (String) Http.get(node.url() + "/status").json().get("node_id");
            assertEquals(nodeId, reward.get("recipient"));

            Http.Answer chain = Http.get(node.url() + "/chain");
            assertEquals(200, chain.status());
            assertEquals(new BigDecimal(2), chain.json().get("length"));
            List<Block> blocks = chainOf(node);
            assertEquals(2, blocks.size());
            assertEquals(blocks.get(0).hash(), blocks.get(1).previousHash());
            assertEquals(Http.postJson(node.url() + "/transactions/new",
                    "{\"sender\": \"a\", \"recipient\": \"b\", \"amount\": 1}").message(), "Transaction will be added to Block 3");
        }
    }

    @Test
    void theChainIsServedGzippedToClientsThatAcceptIt() {
        try (TestNode node = TestNode.start()) {
            Http.get(node.url() + "/mine");
            Http.Answer plain = Http.get(node.url() + "/chain");
            Http.Answer zipped = Http.getGzip(node.url() + "/chain");
            assertEquals("gzip", zipped.header("Content-Encoding"));
            assertEquals(null, plain.header("Content-Encoding"));
            assertEquals(plain.body(), zipped.body());
            assertEquals(Integer.toString(plain.body().length()), plain.header("Content-Length"));
        }
    }

    @Test
    void numbersAndStringsKeepTheirExactForm() throws Exception {
        try (TestNode node = TestNode.start()) {
            assertEquals(201, Http.postJson(node.url() + "/transactions/new",
                    "{\"sender\": \"Zo\u00eb \uD83D\uDE80\", \"recipient\": \"<b>bob</b>\", \"amount\": 5.0}").status());
            assertEquals(201, Http.postJson(node.url() + "/transactions/new",
                    "{\"sender\": \"x\", \"recipient\": \"y\", \"amount\": 123456789012345678901234567890}").status());
            String pending = Http.get(node.url() + "/transactions/pending").body();
            assertTrue(pending.contains("\"amount\":5.0"), pending);
            assertTrue(pending.contains("\"amount\":123456789012345678901234567890"), pending);
            Http.get(node.url() + "/mine");
            Block mined = chainOf(node).get(1);
            String canonical = JsonWriter.canonical(mined.json());
            assertTrue(canonical.contains("{\"amount\": 5.0, \"recipient\": \"<b>bob</b>\", \"sender\": \"Zo\\u00eb \\ud83d\\ude80\"}"), canonical);
        }
    }

    @Test
    void twoNodesRegisterAndResolve() throws Exception {
        try (TestNode a = TestNode.start("/", TestNode.MANUAL); TestNode b = TestNode.start("/", TestNode.MANUAL)) {
            Http.get(a.url() + "/mine");
            Http.postJson(a.url() + "/transactions/new", "{\"sender\": \"a\", \"recipient\": \"b\", \"amount\": 0.1}");
            Http.get(a.url() + "/mine");

            Http.Answer registered = Http.postJson(b.url() + "/nodes/register", "{\"nodes\": [\"" + a.url() + "\"]}");
            assertEquals(201, registered.status());
            assertEquals("New nodes have been added", registered.message());
            assertEquals(List.of(a.url()), registered.json().get("total_nodes"));

            Http.Answer resolved = Http.get(b.url() + "/nodes/resolve");
            assertEquals(200, resolved.status());
            assertEquals("Our chain was replaced", resolved.message());
            assertEquals(3, ((List<?>) resolved.json().get("new_chain")).size());
            List<?> report = (List<?>) resolved.json().get("peers");
            assertEquals("adopted", ((Map<?, ?>) report.get(0)).get("outcome"));
            assertEquals(chainOf(a), chainOf(b));

            // host:port without a scheme, as the tutorial allows
            String hostPort = b.url().substring("http://".length());
            assertEquals(List.of("http://" + hostPort),
                    Http.postJson(a.url() + "/nodes/register", "{\"nodes\": [\"" + hostPort + "\"]}").json().get("total_nodes"));
            Http.Answer authoritative = Http.get(a.url() + "/nodes/resolve");
            assertEquals("Our chain is authoritative", authoritative.message());
            assertEquals(3, ((List<?>) authoritative.json().get("chain")).size());

            // b mines on top of the adopted chain; a adopts it back
            Http.get(b.url() + "/mine");
            assertEquals("Our chain was replaced", Http.get(a.url() + "/nodes/resolve").message());
            assertEquals(4, chainOf(a).size());
        }
    }

    @Test
    void aPeerUnderAContextPathIsReachable() throws Exception {
        try (TestNode a = TestNode.start("/blockchain", Map.of()); TestNode b = TestNode.start("/", TestNode.MANUAL)) {
            assertTrue(a.url().endsWith("/blockchain"));
            Http.get(a.url() + "/mine");
            Http.postJson(b.url() + "/nodes/register", "{\"nodes\": [\"" + a.url() + "/\"]}");
            assertEquals("Our chain was replaced", Http.get(b.url() + "/nodes/resolve").message());
            assertEquals(chainOf(a), chainOf(b));
        }
    }

    @Test
    void anUnreachablePeerDoesNotBreakResolve() throws Exception {
        try (TestNode node = TestNode.start(); TestNode other = TestNode.start()) {
            String deadUrl = other.url();
            other.close();
            Http.postJson(node.url() + "/nodes/register", "{\"nodes\": [\"" + deadUrl + "\"]}");
            Http.Answer resolved = Http.get(node.url() + "/nodes/resolve");
            assertEquals(200, resolved.status());
            assertEquals("Our chain is authoritative", resolved.message());
            Map<?, ?> report = (Map<?, ?>) ((List<?>) resolved.json().get("peers")).get(0);
            assertEquals("unreachable", report.get("outcome"));
            assertEquals(deadUrl, report.get("node"));
        }
    }
}
