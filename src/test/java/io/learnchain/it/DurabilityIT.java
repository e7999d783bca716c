package io.learnchain.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A node keeps what it acknowledged across restarts, SIGKILL and a full disk. */
class DurabilityIT {
    @TempDir
    Path dir;

    @Test
    void aRestartKeepsChainPendingPeersAndNodeId() {
        List<String> before;
        try (TestNode node = TestNode.start(dir)) {
            Http.postJson(node.url() + "/transactions/new", "{\"sender\": \"a\", \"recipient\": \"b\", \"amount\": 5.0}");
            Http.get(node.url() + "/mine");
            Http.postJson(node.url() + "/transactions/new", "{\"sender\": \"c\", \"recipient\": \"Zo\u00eb\", \"amount\": 1e-05}");
            Http.postJson(node.url() + "/nodes/register", "{\"nodes\": [\"http://127.0.0.1:5999\"]}");
            before = snapshot(node.url());
            assertEquals(dir.toAbsolutePath().toString(), Http.get(node.url() + "/status").json().get("data_dir"));
        }
        assertEquals(List.of(), nodeThreads(), "a stopped node leaves no thread of its own (a redeploy starts clean)");
        try (TestNode again = TestNode.start(dir)) {
            assertEquals(before, snapshot(again.url()));
            Http.postJson(again.url() + "/nodes/register", "{\"nodes\": [\"127.0.0.1:1\"]}");
            Http.get(again.url() + "/nodes/resolve"); // starts the peer fetcher threads too
        }
        assertEquals(List.of(), nodeThreads());
    }

    /** Live threads the node starts: its miners and its peer fetchers. */
    private static List<String> nodeThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("miner-") || n.startsWith("peer-fetch-")).toList();
    }

    private static List<String> snapshot(String url) {
        // the peers themselves are kept; what the node learns of them (down, last heard) is learnt again after a restart
        return List.of(Http.get(url + "/chain").body(), Http.get(url + "/transactions/pending").body(),
                String.valueOf(Http.get(url + "/nodes").json().get("total_nodes")), (String) Http.get(url + "/status").json().get("node_id"));
    }

    @Test
    void sigkillDuringWritesAndMiningLosesNothingAcknowledged() throws Exception {
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        for (int round = 0; round < 2; round++) {
            try (ChildNode node = ChildNode.start(dir, "")) {
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService pool = Executors.newFixedThreadPool(9);
                List<Future<?>> work = new ArrayList<>();
                for (int w = 0; w < 8; w++) {
                    String sender = "round" + round + "-writer" + w;
                    work.add(pool.submit(() -> {
                        for (int i = 0; running.get() && i < 100_000; i++) {
                            String recipient = "r" + i;
                            try {
                                Http.Answer a = Http.postJson(node.url() + "/transactions/new",
                                        "{\"sender\": \"" + sender + "\", \"recipient\": \"" + recipient + "\", \"amount\": 1}");
                                if (a.status() == 201) {
                                    acknowledged.add(sender + "->" + recipient);
                                }
                            } catch (AssertionError connectionLost) {
                                return;
                            }
                        }
                    }));
                }
                work.add(pool.submit(() -> {
                    while (running.get()) {
                        try {
                            Http.get(node.url() + "/mine");
                        } catch (AssertionError connectionLost) {
                            return;
                        }
                    }
                }));
                Thread.sleep(2500);
                node.kill();
                running.set(false);
                for (Future<?> f : work) {
                    f.get(60, TimeUnit.SECONDS);
                }
                pool.shutdown();
            }
        }
        assertTrue(acknowledged.size() > 100, "the writers got going: " + acknowledged.size());

        try (TestNode node = TestNode.start(dir)) {
            Map<String, Integer> seen = Ledger.count(node.url());
            for (String tx : acknowledged) {
                assertEquals(1, seen.getOrDefault(tx, 0), "acknowledged exactly once: " + tx);
            }
        }
    }

    @Test
    void aFullDiskAnswers503AndNeverAcknowledgesWhatItCouldNotWrite() throws Exception {
        List<String> acknowledged = new ArrayList<>();
        Http.Answer refused = null;
        // ulimit -f: no file may grow past 128 KiB, so the journal fills up as a full disk would
        try (ChildNode node = ChildNode.start(dir, "ulimit -f 256; ")) {
            assertEquals(200, Http.get(node.url() + "/health/ready").status(), "ready once loaded");
            for (int i = 0; i < 20_000 && refused == null; i++) {
                Http.Answer a = Http.postJson(node.url() + "/transactions/new",
                        "{\"sender\": \"writer\", \"recipient\": \"r" + i + "\", \"amount\": 1}");
                if (a.status() == 201) {
                    acknowledged.add("writer->r" + i);
                } else {
                    refused = a;
                }
            }
            assertTrue(refused != null, "the limit was reached:\n" + node.output());
            assertEquals(503, refused.status(), refused.body());
            assertTrue(refused.message().contains("storage"), refused.message());
            Http.Answer again = Http.postJson(node.url() + "/transactions/new", "{\"sender\": \"x\", \"recipient\": \"y\", \"amount\": 1}");
            assertEquals(503, again.status());
            assertEquals(503, Http.get(node.url() + "/mine").status());
            assertEquals(200, Http.get(node.url() + "/chain").status(), "reads go on");
            Http.Answer ready = Http.get(node.url() + "/health/ready");
            assertEquals(503, ready.status(), "a load balancer stops sending writes");
            assertTrue(ready.message().startsWith("Not ready: a write failed"), ready.message());
            assertEquals(200, Http.get(node.url() + "/health/live").status(), "the process still answers");
        }
        try (TestNode node = TestNode.start(dir)) {
            Map<String, Integer> seen = Ledger.count(node.url());
            for (String tx : acknowledged) {
                assertEquals(1, seen.getOrDefault(tx, 0), tx);
            }
            assertEquals(acknowledged.size(), seen.values().stream().mapToInt(Integer::intValue).sum(),
                    "nothing unacknowledged came back");
        }
    }
}
