package io.learnchain.it;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The node's live events ({@code GET /events}, Server-Sent Events) through the WAR in Jetty. */
class EventsIT {
    private static final Map<String, String> PUSH_ONLY = Map.of("blockchain.syncIntervalMs", "0");

    private static String lastHash(TestNode node) {
        return (String) Http.get(node.url() + "/status").json().get("last_hash");
    }

    private static void mine(TestNode node) {
        assertEquals(200, Http.get(node.url() + "/mine").status());
    }

    @Test
    void aBlockMinedHereAndOnePushedByAPeerAreTold() throws Exception {
        try (TestNode a = TestNode.start("/", PUSH_ONLY); TestNode b = TestNode.start("/", PUSH_ONLY);
             EventStream events = new EventStream(b.url(), null)) {
            assertEquals(200, events.status);
            assertTrue(events.contentType.startsWith("text/event-stream"), events.contentType);
            assertEquals(201, Http.postJson(b.url() + "/nodes/register", "{\"nodes\": [\"" + a.url() + "\"]}").status());
            events.await("b registers a", f -> f.event().equals("peer") && f.code().equals("registered"));
            mine(a);
            // every node makes its own genesis block: a's first block makes b switch to a's chain
            EventStream.Frame switched = events.await("a's first block reaches b", f -> f.event().equals("reorg"));
            assertEquals(a.url(), switched.params().get("from"));
            assertEquals(0, ((Number) switched.params().get("fork_point")).intValue());
            mine(a);
            EventStream.Frame pushed = events.await("a's next block is pushed", f -> f.event().equals("block") && f.code().equals("pushed"));
            assertEquals(a.url(), pushed.params().get("from"));
            assertEquals(lastHash(a), pushed.params().get("hash"));
            assertEquals(3, ((Number) pushed.params().get("index")).intValue());
            mine(b);
            EventStream.Frame started = events.await("b starts mining", f -> f.event().equals("mining"));
            assertEquals("started", started.code());
            assertEquals(null, started.id(), "what passes is not kept, and has no id to resume from");
            EventStream.Frame found = events.await("b finds the proof", f -> f.event().equals("mining") && f.code().equals("found"));
            assertEquals(4, ((Number) found.params().get("index")).intValue());
            EventStream.Frame mined = events.await("b mines", f -> f.event().equals("block") && f.code().equals("mined"));
            assertEquals(lastHash(b), mined.params().get("hash"));
            assertTrue(mined.json().get("text").toString().startsWith("mined block 4 ("), mined.data());
            assertTrue(mined.id().matches("[0-9a-z]+-\\d+"), mined.id());
        }
    }

    /** A partition heals: the node adopts the longer side and tells which block it dropped and what went back to the pool. */
    @Test
    void aReorgTellsTheDroppedBlockAndTheReturnedTransaction() throws Exception {
        try (TestNode a = TestNode.start("/", TestNode.MANUAL); TestNode b = TestNode.start("/", TestNode.MANUAL)) {
            mine(a);
            assertEquals(201, Http.postJson(b.url() + "/nodes/register", "{\"nodes\": [\"" + a.url() + "\"]}").status());
            assertEquals("Our chain was replaced", Http.get(b.url() + "/nodes/resolve").message()); // one chain, then apart
            assertEquals(201, Http.postJson(b.url() + "/transactions/new",
                    "{\"sender\": \"alice\", \"recipient\": \"bob\", \"amount\": 5}").status());
            mine(b);
            String dropped = lastHash(b);
            mine(a);
            mine(a);
            try (EventStream events = new EventStream(b.url(), null)) {
                assertEquals("Our chain was replaced", Http.get(b.url() + "/nodes/resolve").message());
                EventStream.Frame reorg = events.await("the reorg", f -> f.event().equals("reorg"));
                assertEquals("adopted", reorg.code());
                Map<String, Object> p = reorg.params();
                assertEquals(a.url(), p.get("from"));
                assertEquals(1, ((Number) p.get("dropped")).intValue());
                assertEquals(dropped, p.get("dropped_hashes"));
                assertEquals(dropped, p.get("old_tip"));
                assertEquals(lastHash(a), p.get("new_tip"));
                assertEquals(2, ((Number) p.get("fork_point")).intValue());
                assertEquals(1, ((Number) p.get("returned")).intValue());
                assertEquals("adopted " + a.url() + "'s chain (4 > 3 blocks): our block 3 (" + dropped.substring(0, 8)
                        + "…) dropped, 1 transaction back in the pool", reorg.json().get("text"));
            }
        }
    }

    /** A peer whose chain breaks the rules is refused, and the event says which block and why. */
    @Test
    void aLyingPeersChainIsRefusedWithTheReason() throws Exception {
        try (TestNode honest = TestNode.start("/", TestNode.MANUAL); FakePeer fake = new FakePeer();
             TestNode node = TestNode.start("/", TestNode.MANUAL)) {
            mine(honest);
            mine(honest);
            String tampered = Http.get(honest.url() + "/chain").body().replaceFirst("\"amount\":1}", "\"amount\":1000}");
            String liar = fake.serve("liar", e -> FakePeer.send(e, tampered));
            assertEquals(201, Http.postJson(node.url() + "/nodes/register", "{\"nodes\": [\"" + liar + "\"]}").status());
            try (EventStream events = new EventStream(node.url(), null)) {
                Http.get(node.url() + "/nodes/resolve");
                EventStream.Frame refused = events.await("the liar refused", f -> f.event().equals("peer") && f.code().equals("refused"));
                assertEquals(liar, refused.params().get("peer"));
                assertTrue(refused.params().get("reason").toString().contains("block 3: previous_hash"), refused.data());
                // the rule and the block, for a page that says it in another language
                assertEquals("previous_hash", refused.params().get("rule"), refused.data());
                assertEquals(3, ((Number) refused.params().get("block")).intValue(), refused.data());
            }
        }
    }

    /** A client that reconnects with the last id it saw gets what it missed; one from another start is told to reload. */
    @Test
    void aReconnectingClientGetsWhatItMissed() throws Exception {
        try (TestNode node = TestNode.start("/", TestNode.MANUAL)) {
            String lastSeen;
            try (EventStream events = new EventStream(node.url(), null)) {
                mine(node);
                lastSeen = events.await("the first block", f -> f.event().equals("block")).id();
            }
            mine(node);
            mine(node);
            try (EventStream again = new EventStream(node.url(), lastSeen)) {
                EventStream.Frame first = again.next();
                assertEquals(3, ((Number) first.params().get("index")).intValue(), first.data());
                assertEquals(4, ((Number) again.next().params().get("index")).intValue());
                mine(node);
                assertEquals(5, ((Number) again.next().params().get("index")).intValue(), "and then live ones");
            }
            try (EventStream stale = new EventStream(node.url(), "0old0epoch-7")) {
                assertEquals("reload", stale.next().event(), "an id from another start");
            }
            List<?> feed = (List<?>) Http.get(node.url() + "/status").json().get("feed");
            assertEquals("block", ((Map<?, ?>) feed.get(0)).get("type"), "the page's feed reads the same events");
        }
    }

    /**
     * Streams are bounded per source address (setting maxEventStreamsPerAddress): one more is
     * refused with 503 and the reason, and a closed stream frees its place.
     */
    @Test
    void streamsAreBoundedPerAddress() throws Exception {
        try (TestNode node = TestNode.start("/", Map.of("blockchain.maxEventStreamsPerAddress", "2"))) {
            EventStream second;
            try (EventStream first = new EventStream(node.url(), null)) {
                second = new EventStream(node.url(), null);
                assertEquals(200, first.status);
                assertEquals(200, second.status);
                try (EventStream third = new EventStream(node.url(), null)) { // a stream, if the bound broke: closed at once
                    assertEquals(503, third.status);
                    assertTrue(third.refusal.contains("Too many event streams are open from "), third.refusal);
                }
            }
            second.close();
            long until = System.nanoTime() + 30_000_000_000L;
            int status = 0;
            while (System.nanoTime() < until) { // the server notices a closed stream when it next writes to it
                try (EventStream again = new EventStream(node.url(), null)) {
                    status = again.status;
                }
                if (status == 200) {
                    break;
                }
                assertEquals(200, Http.get(node.url() + "/mine").status()); // events: writing to a closed stream fails
            }
            assertEquals(200, status, "a closed stream frees its place");
        }
    }

    /** A peer that stops answering is told once, and again when it answers. */
    @Test
    void aPeerThatStopsAnsweringAndComesBackIsTold(@org.junit.jupiter.api.io.TempDir java.nio.file.Path bData) throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Map<String, String> bSettings = Map.of("blockchain.dataDir", bData.toString());
        try (TestNode a = TestNode.start("/", Map.of("blockchain.syncIntervalMs", "300"));
             EventStream events = new EventStream(a.url(), null)) {
            String b;
            try (TestNode first = TestNode.start(port, "/", bSettings)) {
                b = first.url();
                assertEquals(201, Http.postJson(a.url() + "/nodes/register", "{\"nodes\": [\"" + b + "\"]}").status());
                events.await("b registered", f -> f.event().equals("peer") && f.code().equals("registered"));
            }
            EventStream.Frame down = events.await("b stopped", f -> f.event().equals("peer") && f.code().equals("unreachable"));
            assertEquals(b, down.params().get("peer"));
            try (TestNode again = TestNode.start(port, "/", bSettings)) {
                EventStream.Frame up = events.await("b back", f -> f.event().equals("peer") && f.code().equals("reachable"));
                assertEquals(b, up.params().get("peer"));
            }
        }
    }
}
