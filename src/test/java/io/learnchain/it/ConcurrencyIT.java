package io.learnchain.it;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many clients at once over HTTP: writers, miners and readers. */
class ConcurrencyIT {

    @Test
    void everyAcknowledgedTransactionEndsUpExactlyOnce() throws Exception {
        int writers = 8;
        int perWriter = 60;
        int miners = 2;
        int minesEach = 3;
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        try (TestNode node = TestNode.start()) {
            ExecutorService pool = Executors.newFixedThreadPool(writers + miners + 1);
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String sender = "writer-" + w;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        String recipient = "r-" + i;
                        Http.Answer a = Http.postJson(node.url() + "/transactions/new",
                                "{\"sender\": \"" + sender + "\", \"recipient\": \"" + recipient + "\", \"amount\": 1}");
                        assertEquals(201, a.status(), a.body());
                        acknowledged.add(sender + "->" + recipient);
                    }
                }));
            }
            for (int m = 0; m < miners; m++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < minesEach; i++) {
                        assertEquals(200, Http.get(node.url() + "/mine").status());
                    }
                }));
            }
            work.add(pool.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    assertEquals(200, Http.get(node.url() + "/chain").status());
                }
            }));
            for (Future<?> f : work) {
                f.get(180, TimeUnit.SECONDS);
            }
            pool.shutdown();

            assertEquals(1 + miners * minesEach, ((List<?>) Http.get(node.url() + "/chain").json().get("chain")).size());
            Map<String, Integer> seen = Ledger.count(node.url());
            assertEquals(writers * perWriter, acknowledged.size());
            for (String tx : acknowledged) {
                assertEquals(1, seen.getOrDefault(tx, 0), tx);
            }
        }
    }

    /**
     * Writers and miners on one node while it keeps resolving against a second node that mines
     * faster: chains are swapped under load, blocks are dropped and their transactions go back
     * to the pool, and still every acknowledged transaction ends up exactly once.
     */
    @Test
    void reorganisationsUnderLoadLoseAndDuplicateNothing() throws Exception {
        int writers = 6;
        int perWriter = 150;
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        // resolved by hand, so that the swaps are resolve's (NetworkIT has the live network's)
        try (TestNode node = TestNode.start("/", TestNode.MANUAL); TestNode rival = TestNode.start("/", TestNode.MANUAL)) {
            assertEquals(201, Http.postJson(node.url() + "/nodes/register", "{\"nodes\": [\"" + rival.url() + "\"]}").status());
            java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicInteger replaced = new java.util.concurrent.atomic.AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(writers + 3);
            List<Future<?>> writerWork = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String sender = "writer-" + w;
                writerWork.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        Http.Answer a = Http.postJson(node.url() + "/transactions/new",
                                "{\"sender\": \"" + sender + "\", \"recipient\": \"r-" + i + "\", \"amount\": 1}");
                        assertEquals(201, a.status(), a.body());
                        acknowledged.add(sender + "->r-" + i);
                    }
                }));
            }
            List<Future<?>> background = new ArrayList<>();
            background.add(pool.submit(() -> {
                while (writing.get()) {
                    assertEquals(200, Http.get(node.url() + "/mine").status());
                    Thread.sleep(30); // the rival, mining without pause, keeps getting ahead
                }
                return null;
            }));
            background.add(pool.submit(() -> {
                for (int i = 0; writing.get() && i < 2000; i++) {
                    assertEquals(200, Http.get(rival.url() + "/mine").status());
                }
            }));
            background.add(pool.submit(() -> {
                while (writing.get()) {
                    Http.Answer r = Http.get(node.url() + "/nodes/resolve");
                    assertEquals(200, r.status(), r.body());
                    if ("Our chain was replaced".equals(r.message())) {
                        replaced.incrementAndGet();
                    }
                }
            }));
            for (Future<?> f : writerWork) {
                f.get(180, TimeUnit.SECONDS);
            }
            writing.set(false);
            for (Future<?> f : background) {
                f.get(180, TimeUnit.SECONDS);
            }
            pool.shutdown();

            assertTrue(replaced.get() > 0, "the node adopted the rival's chain at least once");
            Map<String, Integer> seen = Ledger.count(node.url());
            assertEquals(writers * perWriter, acknowledged.size());
            for (String tx : acknowledged) {
                assertEquals(1, seen.getOrDefault(tx, 0), tx);
            }
            assertEquals(acknowledged.size(), seen.values().stream().mapToInt(Integer::intValue).sum(), "nothing else appeared");
        }
    }
}
