package io.learnchain.it;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an operator sets: the token that guards costly and peer-changing actions, and where peers may not be. */
class OperatorIT {
    private static final String TOKEN = "s3cret-Token_123";
    private static final String BEARER = "Bearer " + TOKEN;

    @Test
    void withATokenOnlyItsHolderMinesRegistersRemovesAndResolves() {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + " " + record.getParameters() + " " + record.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);
        try (TestNode node = TestNode.start("/", Map.of("blockchain.adminToken", TOKEN))) {
            String register = "{\"nodes\": [\"127.0.0.1:1\"]}";
            Map<String, Http.Answer> refused = Map.of(
                    "GET /mine", Http.get(node.url() + "/mine"),
                    "POST /mine", Http.request("POST", node.url() + "/mine", null),
                    "register", Http.postJson(node.url() + "/nodes/register", register),
                    "remove", Http.postJson(node.url() + "/nodes/remove", register),
                    "resolve", Http.get(node.url() + "/nodes/resolve"),
                    "wrong token", Http.request("GET", node.url() + "/mine", null, "Authorization", "Bearer " + TOKEN + "x"),
                    "another scheme", Http.request("GET", node.url() + "/mine", null, "Authorization", "Basic " + TOKEN));
            refused.forEach((what, answer) -> {
                assertEquals(401, answer.status(), what + ": " + answer.body());
                assertTrue(answer.header("WWW-Authenticate").startsWith("Bearer"), what);
                assertTrue(answer.message().startsWith("The operator's token is wrong")
                        || answer.message().startsWith("This needs the operator's token"), what + ": " + answer.message());
            });
            assertTrue(refused.get("wrong token").header("WWW-Authenticate").contains("invalid_token"));
            assertEquals(1, ((Number) Http.get(node.url() + "/chain").json().get("length")).intValue(), "nothing was mined");

            Http.Answer mined = Http.request("GET", node.url() + "/mine", null, "Authorization", BEARER);
            assertEquals(200, mined.status(), mined.body());
            assertEquals("New Block Forged", mined.message());
            assertEquals(201, Http.request("POST", node.url() + "/nodes/register", register, "Authorization", "bearer " + TOKEN).status());
            assertEquals(200, Http.request("GET", node.url() + "/nodes/resolve", null, "Authorization", BEARER).status());
            assertEquals(200, Http.request("POST", node.url() + "/nodes/remove", register, "Authorization", BEARER).status());

            // reading, posting transactions and what peers send each other stay open
            assertEquals(201, Http.postJson(node.url() + "/transactions/new", "{\"sender\": \"a\", \"recipient\": \"b\", \"amount\": 1}").status());
            for (String open : List.of("/chain", "/status", "/nodes", "/transactions/pending", "/blocks/recent", "/health/ready")) {
                assertEquals(200, Http.get(node.url() + open).status(), open);
            }
            assertEquals(200, Http.postJson(node.url() + "/peer/locate", "{\"locator\": []}").status());

            Http.Answer status = Http.get(node.url() + "/status");
            assertFalse(status.body().contains(TOKEN), "the token is not shown");
            assertEquals("(set)", ((Map<?, ?>) status.json().get("settings")).get("adminToken"));
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
        assertFalse(logged.isEmpty(), "the node logged");
        assertTrue(logged.stream().anyMatch(line -> line.matches("node \\w+ started at / in [0-9.]+ s \\(chain length 1, .*")),
                "the start is logged with how long it took: " + logged);
        logged.forEach(line -> assertFalse(line.contains(TOKEN), "the token is never logged: " + line));
    }

    @Test
    void withoutATokenEverythingIsOpenAsInTheTutorial() {
        try (TestNode node = TestNode.start()) {
            assertEquals(200, Http.get(node.url() + "/mine").status());
            assertEquals(200, Http.get(node.url() + "/nodes/resolve").status());
            assertEquals("", ((Map<?, ?>) Http.get(node.url() + "/status").json().get("settings")).get("adminToken"));
        }
    }

    @Test
    void aTokenThatCannotTravelInAHeaderStopsTheStart() {
        try (TestNode failed = TestNode.start("/", Map.of("blockchain.adminToken", "two words"))) {
            Http.Answer status = Http.get(failed.url() + "/status");
            assertEquals(503, status.status());
            assertTrue(status.message().contains("setting blockchain.adminToken must be letters, digits"), status.message());
            assertFalse(status.message().contains("two words"), "the token is not echoed");
        }
    }

    @Test
    void peersInDeniedNetworksAndMistypedAddressesAreRefused() {
        try (TestNode node = TestNode.start("/", TestNode.MANUAL)) {
            Map<String, String> refusals = Map.of(
                    "http://169.254.169.254/latest/meta-data", "169.254.0.0/16, a network peers may not be in",
                    "[fe80::1]:5000", "fe80::/10, a network peers may not be in",
                    "http//127.0.0.1:5001", "the scheme is mistyped",
                    "http:/127.0.0.1:5001", "the scheme is mistyped");
            refusals.forEach((entry, reason) -> {
                Http.Answer a = Http.postJson(node.url() + "/nodes/register", "{\"nodes\": [\"" + entry + "\"]}");
                assertEquals(400, a.status(), entry);
                assertTrue(a.message().contains(reason), entry + ": " + a.message());
            });
            assertEquals(List.of(), Http.get(node.url() + "/nodes").json().get("total_nodes"));
        }
    }

    /** A name is checked against what it resolves to, at each connection: here loopback is denied, and localhost is in it. */
    @Test
    void aNameThatResolvesIntoADeniedNetworkIsNeverAsked() {
        try (TestNode peer = TestNode.start("/", TestNode.MANUAL);
             TestNode node = TestNode.start("/", Map.of("blockchain.network", "manual",
                     "blockchain.peer.denyNetworks", "127.0.0.0/8,::1/128"))) {
            assertEquals(200, Http.get(peer.url() + "/mine").status());
            String byName = peer.url().replace("127.0.0.1", "localhost");
            Http.Answer literal = Http.postJson(node.url() + "/nodes/register", "{\"nodes\": [\"" + peer.url() + "\"]}");
            assertEquals(400, literal.status(), "a literal address is refused at once");
            assertEquals(201, Http.postJson(node.url() + "/nodes/register", "{\"nodes\": [\"" + byName + "\"]}").status());

            Http.Answer resolved = Http.get(node.url() + "/nodes/resolve");
            assertEquals("Our chain is authoritative", resolved.message());
            Map<?, ?> report = (Map<?, ?>) ((List<?>) resolved.json().get("peers")).get(0);
            assertEquals("denied", report.get("outcome"), report.toString());
            assertEquals(1, ((Number) Http.get(node.url() + "/chain").json().get("length")).intValue(), "the peer's longer chain was never read");
        }
    }
}
