package io.learnchain.it;

import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonWriter;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resolve rounds as a network of several peers makes them, and as hostile peers try to break them. */
class ResolveRoundsIT {
    private static final Jsonb JSONB = JsonbBuilder.create();
    private static TestNode twoBlocks;
    private static TestNode threeBlocks;
    private static FakePeer fake;

    @BeforeAll
    static void start() throws IOException {
        twoBlocks = TestNode.start();
        Http.get(twoBlocks.url() + "/mine");
        threeBlocks = TestNode.start();
        Http.get(threeBlocks.url() + "/mine");
        Http.get(threeBlocks.url() + "/mine");
        fake = new FakePeer();
    }

    @AfterAll
    static void stop() {
        twoBlocks.close();
        threeBlocks.close();
        fake.close();
    }

    /** A node resolving by hand only (nothing moves by itself) with these settings. */
    private static Map<String, String> manual(String... settings) {
        Map<String, String> all = new HashMap<>(TestNode.MANUAL);
        for (int i = 0; i < settings.length; i += 2) {
            all.put(settings[i], settings[i + 1]);
        }
        return all;
    }

    private static void register(TestNode node, String... peers) {
        StringBuilder body = new StringBuilder("{\"nodes\": [");
        for (int i = 0; i < peers.length; i++) {
            body.append(i > 0 ? ", " : "").append('"').append(peers[i]).append('"');
        }
        Http.Answer answer = Http.postJson(node.url() + "/nodes/register", body.append("]}").toString());
        assertEquals(201, answer.status(), answer.body());
    }

    /** Each peer's report in a resolve answer, by peer address. */
    private static Map<String, Map<?, ?>> reports(Http.Answer resolved) {
        assertEquals(200, resolved.status(), resolved.body().length() > 2000 ? resolved.body().substring(0, 2000) : resolved.body());
        // only the reports go through JSON-B: the chain beside them may hold numbers it reads slowly
        String peers = JsonWriter.compactString(((JsonObject) resolved.exact()).get("peers"));
        Map<String, Map<?, ?>> reports = new HashMap<>();
        for (Object o : JSONB.fromJson(peers, List.class)) {
            Map<?, ?> report = (Map<?, ?>) o;
            reports.put((String) report.get("node"), report);
        }
        return reports;
    }

    private static int length(TestNode node) {
        return ((Number) Http.get(node.url() + "/status").json().get("length")).intValue();
    }

    /** The 3-node demo's ordinary case: a later peer's chain is longer than an earlier longer one's. */
    @Test
    void aLaterLongerPeerWinsAndEveryPeerHasAnOutcome() {
        try (TestNode node = TestNode.start("/", TestNode.MANUAL)) {
            register(node, twoBlocks.url(), threeBlocks.url());
            Map<String, Map<?, ?>> reports = reports(Http.get(node.url() + "/nodes/resolve"));
            assertEquals("shorter", reports.get(twoBlocks.url()).get("outcome"));
            assertEquals("adopted", reports.get(threeBlocks.url()).get("outcome"));
            assertEquals(3, length(node));
            Map<String, Object> nodes = Http.get(node.url() + "/nodes").json();
            for (Object o : (List<?>) nodes.get("peers")) {
                Map<?, ?> status = (Map<?, ?>) o;
                assertEquals(reports.get((String) status.get("node")).get("outcome"), status.get("last_outcome"));
            }
        }
    }

    /** Several nodes under context paths of one server share a host and port; all are asked at once. */
    @Test
    void manyPeersOnOneHostAndPortAreAskedInParallel() {
        String chain = Http.get(twoBlocks.url() + "/chain").body();
        List<String> peers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            peers.add(fake.serve("context-" + i, e -> {
                FakePeer.sleep(1500); // longer than the connect timeout, which bounds waiting for a pooled connection
                FakePeer.send(e, chain);
            }));
        }
        try (TestNode node = TestNode.start("/", manual("blockchain.peer.connectTimeoutMs", "500"))) {
            register(node, peers.toArray(String[]::new));
            Map<String, Map<?, ?>> reports = reports(Http.get(node.url() + "/nodes/resolve"));
            assertEquals("adopted", reports.get(peers.get(0)).get("outcome"));
            for (String peer : peers.subList(1, peers.size())) {
                assertEquals("shorter", reports.get(peer).get("outcome"), peer + ": " + reports.get(peer));
            }
        }
    }

    /** Resolves asked for while a round is under way share it: they cannot multiply a round's work. */
    @Test
    void concurrentResolvesShareOneRound() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        CountDownLatch first = new CountDownLatch(1);
        String chain = Http.get(threeBlocks.url() + "/chain").body();
        String peer = fake.serve("counted", e -> {
            if (e.getRequestMethod().equals("HEAD")) { // registering asks whether a node answers there
                FakePeer.send(e, 200, "application/json", "");
                return;
            }
            asked.incrementAndGet();
            first.countDown();
            FakePeer.sleep(1500);
            FakePeer.send(e, chain);
        });
        try (TestNode node = TestNode.start("/", TestNode.MANUAL)) {
            register(node, peer);
            CompletableFuture<Http.Answer> one = CompletableFuture.supplyAsync(() -> Http.get(node.url() + "/nodes/resolve"));
            assertTrue(first.await(10, TimeUnit.SECONDS));
            CompletableFuture<Http.Answer> two = CompletableFuture.supplyAsync(() -> Http.get(node.url() + "/nodes/resolve"));
            Map<String, Map<?, ?>> a = reports(one.get(30, TimeUnit.SECONDS));
            Map<String, Map<?, ?>> b = reports(two.get(30, TimeUnit.SECONDS));
            assertEquals(1, asked.get(), "one round, one request to the peer");
            assertEquals("adopted", a.get(peer).get("outcome"));
            assertEquals(a, b);
        }
    }

    /** What peers' answers may hold in memory together is bounded, and said so when it is passed. */
    @Test
    void aRoundHoldsNoMoreThanItsBudgetOfAnswers() {
        // a 100 KB transaction in the last block: still a valid chain (proofs do not cover
        // transactions), and what a round holds is its peers' blocks, whitespace aside
        String chain = Http.get(twoBlocks.url() + "/chain").body();
        int last = chain.lastIndexOf("\"transactions\":[") + "\"transactions\":[".length();
        String padded = chain.substring(0, last) + "{\"sender\":\"" + "x".repeat(100_000) + "\",\"recipient\":\"r\",\"amount\":1},"
                + chain.substring(last);
        List<String> peers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            peers.add(fake.serve("padded-" + i, e -> {
                byte[] bytes = padded.getBytes(StandardCharsets.UTF_8);
                e.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = e.getResponseBody()) {
                    out.write(bytes, 0, bytes.length - 1);
                    out.flush();
                    FakePeer.sleep(1000); // every peer's answer is held at once
                    out.write(bytes, bytes.length - 1, 1);
                } catch (IOException gone) {
                    // the node hung up
                }
            }));
        }
        try (TestNode node = TestNode.start("/", manual("blockchain.peer.maxRoundBytes", "250000"))) {
            register(node, peers.toArray(String[]::new));
            Map<String, Map<?, ?>> reports = reports(Http.get(node.url() + "/nodes/resolve"));
            long overBudget = reports.values().stream().filter(r -> r.get("outcome").equals("too-large")
                    && ((String) r.get("detail")).contains("blockchain.peer.maxRoundBytes")).count();
            assertTrue(overBudget >= 1, reports.toString());
            assertTrue(reports.values().stream().anyMatch(r -> r.get("outcome").equals("adopted")), reports.toString());
        }
    }

    /** An answer past the size cap is cut off, not read to its end (which never comes). */
    @Test
    void anEndlessAnswerIsCutAtTheCap() {
        AtomicLong written = new AtomicLong();
        String peer = fake.serve("endless", e -> {
            e.sendResponseHeaders(200, 0); // chunked, no end
            byte[] spaces = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            try (OutputStream out = e.getResponseBody()) {
                out.write("{\"chain\": [".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 32 * 1024; i++) { // 2 GiB at most, so the test ends whatever the node does
                    out.write(spaces);
                    written.addAndGet(spaces.length);
                }
            } catch (IOException gone) {
                // the node hung up: expected
            }
        });
        try (TestNode node = TestNode.start("/", manual("blockchain.peer.maxResponseBytes", "1048576",
                "blockchain.peer.deadlineMs", "20000"))) {
            register(node, peer);
            Map<?, ?> report = reports(Http.get(node.url() + "/nodes/resolve")).get(peer);
            assertEquals("too-large", report.get("outcome"), report.toString());
            FakePeer.sleep(500);
            assertTrue(written.get() < 64L << 20, written.get() + " bytes were sent before the node hung up");
        }
    }

    /**
     * Float literals that are slow to put in Python's form: at the deadline the work on them stops
     * (it would go on for many seconds otherwise), and the round answers "timeout".
     */
    @Test
    void workOnAnAnswerStopsAtTheDeadline() {
        StringBuilder chain = new StringBuilder("{\"chain\": [");
        for (int b = 1; b <= 6; b++) {
            chain.append(b > 1 ? "," : "").append("{\"index\": ").append(b)
                    .append(", \"timestamp\": 1.5, \"proof\": 100, \"previous_hash\": \"1\", \"transactions\": [")
                    .append("{\"sender\": \"a\", \"recipient\": \"b\", \"amount\": [");
            for (int i = 0; i < 140_000; i++) {
                chain.append(i > 0 ? "," : "").append("4.9406564584124654e-324"); // subnormal: the slow path
            }
            chain.append("]}]}");
        }
        String body = chain.append("], \"length\": 6}").toString();
        String peer = fake.serve("slow-floats", e -> FakePeer.send(e, body));
        try (TestNode node = TestNode.start("/", manual("blockchain.peer.deadlineMs", "1000"))) {
            register(node, peer);
            Map<?, ?> report = reports(Http.get(node.url() + "/nodes/resolve")).get(peer);
            assertEquals("timeout", report.get("outcome"), report.toString());
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (busyFetchers() > 0 && System.nanoTime() < until) {
                FakePeer.sleep(50);
            }
            assertEquals(0, busyFetchers(), "a thread still works on the answer after the round ended");
        }
    }

    /** Threads working on a peer's answer: fetch threads running the node's parsing or hashing. */
    private static long busyFetchers() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("peer-fetch-") && e.getKey().getState() == Thread.State.RUNNABLE)
                .filter(e -> java.util.Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().startsWith("io.learnchain.")))
                .count();
    }

    /** A block over the size limit is refused; under it, the page's recent blocks carry it exactly as /chain does. */
    @Test
    void bigBlocksAreRefusedOverTheLimitAndStreamedUnderIt() {
        Map<String, String> big = Map.of("blockchain.maxBodyBytes", "4000000", "blockchain.maxBlockBytes", "4000000");
        try (TestNode miner = TestNode.start("/", big);
             TestNode strict = TestNode.start("/", manual("blockchain.maxBlockBytes", "1048576"));
             TestNode lenient = TestNode.start("/", TestNode.MANUAL)) {
            String amount = "1." + "0".repeat(3_000_000); // Python reads any float literal; the block is ~3 MB
            Http.Answer posted = Http.postJson(miner.url() + "/transactions/new",
                    "{\"sender\": \"a\", \"recipient\": \"b\", \"amount\": " + amount + "}");
            assertEquals(201, posted.status(), posted.body());
            assertEquals(200, Http.get(miner.url() + "/mine").status());

            register(strict, miner.url());
            Map<?, ?> refused = reports(Http.get(strict.url() + "/nodes/resolve")).get(miner.url());
            assertEquals("too-large", refused.get("outcome"), refused.toString());
            assertEquals(1, length(strict));

            register(lenient, miner.url());
            assertEquals("adopted", reports(Http.get(lenient.url() + "/nodes/resolve")).get(miner.url()).get("outcome"));
            String chain = Http.get(lenient.url() + "/chain").body();
            String recent = Http.get(lenient.url() + "/blocks/recent?limit=1").body();
            int start = chain.indexOf("{\"index\":2");
            String block = chain.substring(start, chain.lastIndexOf("]"));
            assertTrue(recent.startsWith("{\"blocks\":[{\"hash\":\""), recent.substring(0, 100));
            assertTrue(recent.contains("\"block\":" + block + ",\"journal\":{\"taken\":{"), "the stored bytes, as /chain serves them");
            assertTrue(recent.contains("}],\"length\":2,\"side_branches\":["), recent.substring(recent.length() - 300));
            assertFalse(recent.contains("\n"));
        }
    }

    /** Difficulty is a network setting: a chain mined at another difficulty is not valid here. */
    @Test
    void difficultyIsANetworkSetting() {
        try (TestNode easy = TestNode.start("/", manual("blockchain.difficulty", "3"));
             TestNode sameNetwork = TestNode.start("/", manual("blockchain.difficulty", "3"));
             TestNode tutorial = TestNode.start("/", TestNode.MANUAL)) {
            assertEquals(java.math.BigDecimal.valueOf(3), Http.get(easy.url() + "/status").json().get("difficulty"));
            do { // until a proof with 3 leading zeros lacks a 4th (one in sixteen has it)
                Http.get(easy.url() + "/mine");
            } while (validAtTheTutorialsDifficulty(easy));
            register(sameNetwork, easy.url());
            assertEquals("adopted", reports(Http.get(sameNetwork.url() + "/nodes/resolve")).get(easy.url()).get("outcome"));
            register(tutorial, easy.url());
            Map<?, ?> refused = reports(Http.get(tutorial.url() + "/nodes/resolve")).get(easy.url());
            assertEquals("invalid", refused.get("outcome"), refused.toString());
            assertTrue(((String) refused.get("detail")).contains("not a valid proof of work"), refused.toString());
        }
    }

    private static boolean validAtTheTutorialsDifficulty(TestNode node) {
        try {
            io.learnchain.chain.ChainValidator.validate((io.learnchain.json.JsonArray) ((JsonObject) Http.get(node.url() + "/chain").exact()).get("chain"));
            return true;
        } catch (io.learnchain.chain.InvalidChainException e) {
            return false;
        }
    }

    /** A resolve does not tell callers more about other hosts' ports than the outcome kind. */
    @Test
    void unreachablePeersAreReportedWithoutConnectionDetails() {
        try (TestNode node = TestNode.start("/", TestNode.MANUAL)) {
            register(node, "http://127.0.0.1:1");
            Map<?, ?> report = reports(Http.get(node.url() + "/nodes/resolve")).get("http://127.0.0.1:1");
            assertEquals("unreachable", report.get("outcome"));
            assertEquals("could not connect", report.get("detail"));
        }
    }
}
