package io.learnchain.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every mistake gets a 4xx JSON message saying what is wrong, and changes nothing. */
class BadInputIT {
    private static TestNode node;
    private static String chainBefore;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        chainBefore = Http.get(node.url() + "/chain").body();
    }

    @AfterAll
    static void stop() {
        // nothing any rejected request sent may have changed the node
        assertEquals(chainBefore, Http.get(node.url() + "/chain").body());
        assertEquals("{\"length\":0,\"transactions\":[]}", Http.get(node.url() + "/transactions/pending").body());
        assertEquals("{\"peers\":[],\"total_nodes\":[]}", Http.get(node.url() + "/nodes").body());
        node.close();
    }

    private static void assertRejected(Http.Answer answer, int status, String messagePart) {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(answer.header("Content-Type").startsWith("application/json"), answer.header("Content-Type"));
        String message = answer.message();
        assertNotNull(message, answer.body());
        assertTrue(message.contains(messagePart), "'" + message + "' should mention '" + messagePart + "'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON                 | {sender: 1}                                                    | not valid JSON",
            "truncated                | {\"sender\": \"a\"                                             | not valid JSON",
            "a list                   | [1, 2]                                                         | must be a JSON object",
            "a string                 | \"hello\"                                                      | must be a JSON object",
            "empty object             | {}                                                             | Missing values: sender, recipient, amount",
            "missing amount           | {\"sender\": \"a\", \"recipient\": \"b\"}                      | Missing values: amount",
            "null sender              | {\"sender\": null, \"recipient\": \"b\", \"amount\": 1}        | sender must be a string",
            "number recipient         | {\"sender\": \"a\", \"recipient\": 7, \"amount\": 1}           | recipient must be a string",
            "empty sender             | {\"sender\": \"\", \"recipient\": \"b\", \"amount\": 1}        | sender must not be empty",
            "reserved sender          | {\"sender\": \"0\", \"recipient\": \"b\", \"amount\": 1}       | reserved for mining rewards",
            "string amount            | {\"sender\": \"a\", \"recipient\": \"b\", \"amount\": \"5\"}   | amount must be a number",
            "boolean amount           | {\"sender\": \"a\", \"recipient\": \"b\", \"amount\": true}    | amount must be a number",
            "zero amount              | {\"sender\": \"a\", \"recipient\": \"b\", \"amount\": 0}       | greater than 0",
            "negative amount          | {\"sender\": \"a\", \"recipient\": \"b\", \"amount\": -5}      | greater than 0",
            "negative zero            | {\"sender\": \"a\", \"recipient\": \"b\", \"amount\": -0.0}    | greater than 0",
            "infinite amount          | {\"sender\": \"a\", \"recipient\": \"b\", \"amount\": 1e999}   | finite",
            "underflowing amount      | {\"sender\": \"a\", \"recipient\": \"b\", \"amount\": 1e-999}  | greater than 0",
            "deep nesting             | {\"sender\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]} | nested deeper",
    })
    void newTransactionRefuses(String what, String body, String message) {
        assertRejected(Http.postJson(node.url() + "/transactions/new", body), 400, message);
    }

    @Test
    void newTransactionRefusesAnOverlongName() {
        String name = "x".repeat(257);
        assertRejected(Http.postJson(node.url() + "/transactions/new",
                "{\"sender\": \"" + name + "\", \"recipient\": \"b\", \"amount\": 1}"), 400, "longer than 256");
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] body = "{\"sender\": \"\u00ff\", \"recipient\": \"b\", \"amount\": 1}".getBytes(StandardCharsets.ISO_8859_1);
        assertRejected(Http.post(node.url() + "/transactions/new", "application/json", body), 400, "UTF-8");
    }

    @Test
    void refusesOtherContentTypes() {
        byte[] form = "sender=a&recipient=b&amount=1".getBytes(StandardCharsets.US_ASCII);
        assertRejected(Http.post(node.url() + "/transactions/new", "application/x-www-form-urlencoded", form), 415, "application/json");
        assertRejected(Http.post(node.url() + "/transactions/new", null, form), 415, "application/json");
        assertRejected(Http.post(node.url() + "/nodes/register", "text/plain", "{}".getBytes(StandardCharsets.US_ASCII)), 415, "application/json");
    }

    @Test
    void refusesBodiesOverTheLimit() {
        String big = "{\"sender\": \"" + "x".repeat(70_000) + "\", \"recipient\": \"b\", \"amount\": 1}";
        assertRejected(Http.postJson(node.url() + "/transactions/new", big), 413, "larger than the limit");
    }

    @Test
    void refusesEmptyBodies() {
        assertRejected(Http.postJson(node.url() + "/transactions/new", ""), 400, "empty");
    }

    @Test
    void refusesUnsupportedMethodsWithAllow() {
        Http.Answer answer = Http.get(node.url() + "/transactions/new");
        assertRejected(answer, 405, "not allowed");
        assertEquals("POST, OPTIONS", answer.header("Allow"));
        Http.Answer delete = Http.send("DELETE", node.url() + "/chain");
        assertRejected(delete, 405, "use GET");
        assertEquals("GET, HEAD, OPTIONS", delete.header("Allow"));
        assertRejected(Http.send("PUT", node.url() + "/nodes/register"), 405, "use POST");
    }

    /** The container refuses a malformed query before the node reads it: still a JSON 400, not a 500. */
    @Test
    void aMalformedQueryIsA400() {
        Http.Answer answer = Http.rawGet(node.url(), "/blocks/recent?limit=%zz");
        assertRejected(answer, 400, "");
    }

    /** HEAD is safe: link checkers and monitors send it, and it must not mine. */
    @Test
    void headOfMineMinesNothing() {
        Object before = Http.get(node.url() + "/status").json().get("length");
        Http.Answer head = Http.send("HEAD", node.url() + "/mine");
        assertEquals(200, head.status());
        assertEquals("", head.body());
        assertEquals(before, Http.get(node.url() + "/status").json().get("length"));
    }

    @Test
    void unknownPathsAreJson404() {
        assertRejected(Http.get(node.url() + "/no/such/thing"), 404, "There is no /no/such/thing on this node");
    }

    /** A mistyped path is 404 for every method, naming the path and, for a near miss, the endpoint meant. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "POST | /nodes/registr   | /nodes/register",
            "POST | /transaction/new | /transactions/new",
            "GET  | /mines           | /mine",
            "PUT  | /chains          | /chain",
    })
    void aMistypedPathIsA404ThatSuggestsTheEndpoint(String method, String path, String meant) {
        Http.Answer answer = Http.request(method, node.url() + path, method.equals("GET") ? null : "{\"nodes\": []}");
        assertRejected(answer, 404, "There is no " + path + " on this node; did you mean " + meant + "?");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no nodes field     | {}                                                           | Please supply a valid list of nodes",
            "nodes is a string  | {\"nodes\": \"x\"}                                           | must be a list",
            "nodes is empty     | {\"nodes\": []}                                              | empty",
            "a number entry     | {\"nodes\": [5000]}                                          | entry 1 must be a string",
            "an empty entry     | {\"nodes\": [\"\"]}                                          | '' is not a node address",
            "a bad scheme       | {\"nodes\": [\"ftp://127.0.0.1:21\"]}                        | scheme must be http or https",
            "all or nothing     | {\"nodes\": [\"http://127.0.0.1:5001\", \"http://:80\"]}     | 'http://:80' is not a node address",
    })
    void registerRefuses(String what, String body, String message) {
        assertRejected(Http.postJson(node.url() + "/nodes/register", body), 400, message);
    }

    /** What a node that cannot start with these parameters answers every request with. */
    private static String startFailure(java.util.Map<String, String> parameters) {
        try (TestNode failed = TestNode.start("/", parameters)) {
            Http.Answer status = Http.get(failed.url() + "/status");
            assertEquals(503, status.status(), status.body());
            return status.message();
        }
    }

    @Test
    void aWrongSettingStopsStartUpNamingIt() {
        String messages = startFailure(java.util.Map.of("blockchain.maxPeers", "lots"));
        assertTrue(messages.contains("setting blockchain.maxPeers must be a whole number"), messages);
        assertEquals(java.math.BigDecimal.valueOf(100),
                ((java.util.Map<?, ?>) Http.get(node.url() + "/status").json().get("settings")).get("maxPeers"));
        assertTrue(startFailure(java.util.Map.of("blockchain.network", "sometimes")).contains("setting blockchain.network"));
        // sizes beyond what one array holds would wrap around
        for (String size : List.of("3000000000", "2147483647")) {
            String tooBig = startFailure(java.util.Map.of("blockchain.maxBodyBytes", size));
            assertTrue(tooBig.contains("setting blockchain.maxBodyBytes must be a whole number from 1 to 268435456"), tooBig);
        }
        java.util.Map<String, String> wrong = java.util.Map.of(
                "blockchain.ledger", "setting blockchain.ledger must be open or signed",
                "blockchain.peer.denyNetworks", "setting blockchain.peer.denyNetworks: '10.0.0.0/33' is not a network",
                "blockchain.publicUrl", "setting blockchain.publicUrl: 'ftp://x' is not a node address",
                "blockchain.peers", "setting blockchain.peers: '169.254.169.254' is not a node address");
        java.util.Map<String, String> values = java.util.Map.of("blockchain.ledger", "signd", "blockchain.peer.denyNetworks",
                "10.0.0.0/33", "blockchain.publicUrl", "ftp://x", "blockchain.peers", "169.254.169.254");
        wrong.forEach((setting, message) -> {
            String said = startFailure(java.util.Map.of(setting, values.get(setting)));
            assertTrue(said.contains(message), said);
        });
    }

    /** Every endpoint, asked with every method and a body it cannot use: an answer or a 4xx, never a 5xx. */
    @Test
    void noEndpointAnswers5xxWhateverItIsAsked() {
        List<String> paths = List.of("/chain", "/chain?from=x", "/mine", "/mine?to=", "/transactions/new", "/transactions/pending?limit=0",
                "/nodes", "/nodes/register", "/nodes/remove", "/nodes/resolve", "/status", "/blocks/recent", "/peer/blocks",
                "/peer/transactions", "/peer/locate", "/health/live", "/health/ready", "/metrics", "/balances/", "/balances/abc",
                "/balances/" + "a".repeat(64) + "/x", "/openapi.json", "/no/such/thing", "/chain/validate", "/events", "/network",
                "/blocks/abc", "/blocks/" + "0".repeat(64), "/qr.svg", "/admin/mining", "/admin/mine", "/admin/network",
                "/admin/snapshots", "/admin/snapshots/lesson-1", "/admin/snapshots/lesson-1/restore", "/admin/snapshots/Bad!/x",
                "/admin/export", "/admin/import", "/admin/reset");
        // the operator's controls too: on a node without a token (403), and with the token, where the handlers read the bodies
        try (TestNode sweep = TestNode.start("/", TestNode.MANUAL);
             TestNode steered = TestNode.start("/", java.util.Map.of("blockchain.network", "manual", "blockchain.adminToken", "sweep"))) {
            sweep(sweep, paths);
            sweep(steered, paths, "Authorization", "Bearer sweep");
        }
    }

    private static void sweep(TestNode sweep, List<String> paths, String... headers) {
        for (String path : paths) {
            for (String method : List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH")) {
                if (path.equals("/events") && method.equals("GET")) {
                    continue; // a stream that stays open: EventsIT reads it
                }
                Http.Answer a;
                try {
                    a = Http.request(method, sweep.url() + path, method.equals("GET") || method.equals("HEAD") ? null : "{\"x\": [1,",
                            headers);
                } catch (AssertionError noAnswer) {
                    throw new AssertionError(method + " " + path + " got no answer", noAnswer);
                }
                assertTrue(a.status() < 500, method + " " + path + ": " + a.status() + " " + a.body());
                if (a.status() >= 400 && !method.equals("HEAD")) {
                    String what = method + " " + path + " -> " + a.status() + " " + a.headers() + " " + a.body();
                    assertTrue(a.body().startsWith("{"), "a JSON message: " + what);
                    assertTrue(a.message() != null && !a.message().isEmpty(), "says what was wrong: " + what);
                    if (a.status() == 405) {
                        assertTrue(a.header("Allow") != null && !a.header("Allow").contains(method), "with Allow: " + what);
                    }
                }
            }
        }
    }

    @Test
    void theLargestBodyLimitServesChunkedRequests() {
        try (TestNode large = TestNode.start("/", java.util.Map.of("blockchain.maxBodyBytes", "268435456"))) {
            Http.Answer posted = Http.postChunked(large.url() + "/transactions/new",
                    "{\"sender\": \"a\", \"recipient\": \"b\", \"amount\": 1}");
            assertEquals(201, posted.status(), posted.body());
        }
    }

    @Test
    void peersCanBeRegisteredAtStart() {
        try (TestNode configured = TestNode.start("/", java.util.Map.of("blockchain.peers", "127.0.0.1:6001, http://127.0.0.1:6002/x/"))) {
            assertEquals(java.util.List.of("http://127.0.0.1:6001", "http://127.0.0.1:6002/x"),
                    Http.get(configured.url() + "/nodes").json().get("total_nodes"));
        }
        String messages = startFailure(java.util.Map.of("blockchain.peers", "127.0.0.1:6001,ftp://x"));
        assertTrue(messages.contains("setting blockchain.peers: 'ftp://x' is not a node address"), messages);
    }

    @Test
    void aFullPendingPoolAnswers503WithRetryAfter() {
        try (TestNode small = TestNode.start("/", java.util.Map.of("blockchain.maxPending", "3"))) {
            String tx = "{\"sender\": \"a\", \"recipient\": \"b\", \"amount\": 1}";
            for (int i = 0; i < 3; i++) {
                assertEquals(201, Http.postJson(small.url() + "/transactions/new", tx).status());
            }
            Http.Answer full = Http.postJson(small.url() + "/transactions/new", tx);
            assertRejected(full, 503, "pending pool is full (3 transactions)");
            assertEquals("10", full.header("Retry-After"));
            Http.Answer first = Http.get(small.url() + "/transactions/pending?limit=1");
            assertEquals(1, ((List<?>) first.json().get("transactions")).size());
            assertEquals(java.math.BigDecimal.valueOf(3), first.json().get("length"));
            assertEquals(200, Http.get(small.url() + "/mine").status());
            assertEquals(201, Http.postJson(small.url() + "/transactions/new", tx).status(), "a block makes room");
        }
    }

    @Test
    void headAndOptionsAnswerWithoutBodies() {
        Http.Answer head = Http.send("HEAD", node.url() + "/chain");
        assertEquals(200, head.status());
        assertEquals("", head.body());
        Http.Answer options = Http.send("OPTIONS", node.url() + "/mine");
        assertEquals(204, options.status());
        assertEquals(List.of("GET, POST, HEAD, OPTIONS"), List.of(options.header("Allow")));
    }
}
