package io.learnchain.web;

import io.learnchain.chain.Transaction;
import io.learnchain.json.Json;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;
import io.learnchain.peer.PeerAddress;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.LinkedHashMap;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever a client sends, the parsers return a value or a 400 that says why; nothing else escapes. */
class RequestParserPropertiesTest {

    @Property(tries = 3000)
    void transactionBodiesGiveATransactionOrA400(@ForAll("transactionBodies") JsonObject body) {
        try {
            Transaction tx = NewTransactionServlet.parse(body, false);
            // what was accepted is what the rules allow, kept exactly
            assertTrue(tx.json().get("sender") instanceof JsonString s && !s.value().isEmpty() && !s.value().equals("0"));
            assertTrue(tx.json().get("amount") instanceof JsonNumber n && n.isPositive());
            assertEquals(body.get("amount"), tx.json().get("amount"));
        } catch (ApiException e) {
            assertEquals(400, e.status());
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Property(tries = 2000)
    void registerBodiesGivePeersOrA400(@ForAll("registerBodies") JsonObject body) {
        try {
            List<String> peers = RegisterNodesServlet.parse(body, io.learnchain.peer.AddressPolicy.DEFAULT);
            assertFalse(peers.isEmpty());
            peers.forEach(p -> assertTrue(p.startsWith("http://") || p.startsWith("https://"), p));
        } catch (ApiException e) {
            assertEquals(400, e.status());
            assertTrue(e.getMessage().startsWith(RegisterNodesServlet.INVALID_LIST), e.getMessage());
        }
    }

    @Property(tries = 3000)
    void anyTextIsANodeAddressOrAReason(@ForAll("addresses") String text) {
        try {
            String base = PeerAddress.baseUrl(text);
            assertEquals(base, PeerAddress.baseUrl(base), "a base URL is its own base URL");
        } catch (IllegalArgumentException e) {
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Provide
    Arbitrary<JsonObject> transactionBodies() {
        Arbitrary<Json> anyValue = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(300).map(JsonString::new),
                Arbitraries.of("0", "-0", "5", "5.0", "-1", "0.0", "1e400", "1e-400", "-0.0", "1e2", "123456789012345678901234567890")
                        .map(JsonNumber::parse),
                Arbitraries.just(JsonArray.EMPTY),
                Arbitraries.just(io.learnchain.json.JsonNull.NULL),
                Arbitraries.just(io.learnchain.json.JsonBoolean.TRUE));
        Arbitrary<String> keys = Arbitraries.of("sender", "recipient", "amount", "extra");
        return Arbitraries.maps(keys, anyValue).ofMaxSize(4).map(m -> JsonObject.of(new LinkedHashMap<>(m)));
    }

    @Provide
    Arbitrary<JsonObject> registerBodies() {
        Arbitrary<Json> entry = Arbitraries.oneOf(addresses().map(JsonString::new), Arbitraries.just(JsonNumber.of(5000)));
        Arbitrary<Json> nodes = Arbitraries.oneOf(entry.list().ofMaxSize(3).map(JsonArray::new), entry);
        return Arbitraries.maps(Arbitraries.of("nodes", "other"), nodes).ofMaxSize(2)
                .map(m -> JsonObject.of(new LinkedHashMap<String, Json>(m)));
    }

    @Provide
    Arbitrary<String> addresses() {
        Arbitrary<String> host = Arbitraries.of("127.0.0.1", "localhost", "node.example", "[::1]", "", "a b", "ex%41mple", "\u00e9.fr");
        Arbitrary<String> scheme = Arbitraries.of("", "http://", "https://", "ftp://", "HTTP://", "javascript:", "//");
        Arbitrary<String> port = Arbitraries.of("", ":5000", ":0", ":65536", ":x", ":80");
        Arbitrary<String> path = Arbitraries.of("", "/", "/blockchain", "/a/b/", "?q=1", "#f", "/%zz");
        Arbitrary<String> noise = Arbitraries.strings().ofMaxLength(20);
        return Arbitraries.oneOf(net.jqwik.api.Combinators.combine(scheme, host, port, path).as((s, h, p, x) -> s + h + p + x), noise);
    }
}
