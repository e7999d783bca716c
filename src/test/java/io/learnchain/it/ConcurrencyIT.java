package io.learnchain.it;

import io.learnchain.chain.Block;
import io.learnchain.chain.ChainValidator;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

            JsonObject chainAnswer = (JsonObject) Http.get(node.url() + "/chain").exact();
            List<Block> chain = ChainValidator.validate((JsonArray) chainAnswer.get("chain"));
            assertEquals(1 + miners * minesEach, chain.size());
            Map<String, Integer> seen = new HashMap<>();
            for (Block block : chain) {
                for (JsonObject tx : block.transactions()) {
                    seen.merge(key(tx), 1, Integer::sum);
                }
            }
            JsonObject pending = (JsonObject) Http.get(node.url() + "/transactions/pending").exact();
            for (var tx : ((JsonArray) pending.get("transactions")).items()) {
                seen.merge(key((JsonObject) tx), 1, Integer::sum);
            }
            assertEquals(writers * perWriter, acknowledged.size());
            for (String tx : acknowledged) {
                assertEquals(1, seen.getOrDefault(tx, 0), tx);
            }
        }
    }

    private static String key(JsonObject tx) {
        return ((JsonString) tx.get("sender")).value() + "->" + ((JsonString) tx.get("recipient")).value();
    }
}
