package io.learnchain.node;

import io.learnchain.Vectors;
import io.learnchain.chain.ProofOfWork;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static io.learnchain.Vectors.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MinerTest {

    @Test
    void parallelSearchFindsTheSmallestProofOnEveryVector() {
        for (int threads = 1; threads <= 4; threads++) {
            try (Miner miner = new Miner(threads)) {
                for (String set : Vectors.SETS) {
                    for (JsonObject v : Vectors.objects(set + "/pow-vectors.json")) {
                        String lastProof = ((JsonNumber) v.get("last_proof")).canonical();
                        long expected = Long.parseLong(((JsonNumber) v.get("proof")).canonical());
                        assertEquals(expected, miner.search(lastProof, string(v, "last_hash"), () -> false),
                                threads + " threads, " + set + " " + lastProof);
                    }
                }
            }
        }
    }

    @Test
    void stopsWhenTheTipChanges() {
        // the smallest proof here is 12 chunks away: a search told to stop early cannot reach it
        JsonObject far = Vectors.objects("reference/pow-vectors.json").stream()
                .filter(v -> Long.parseLong(((JsonNumber) v.get("proof")).canonical()) > 10 * Miner.CHUNK)
                .findFirst().orElseThrow();
        String lastProof = ((JsonNumber) far.get("last_proof")).canonical();
        for (int n = 1; n <= 3; n++) {
            int threads = n;
            try (Miner miner = new Miner(threads)) {
                AtomicInteger asked = new AtomicInteger();
                long result = miner.search(lastProof, string(far, "last_hash"), () -> asked.incrementAndGet() > threads);
                assertEquals(ProofOfWork.CANCELLED, result);
                assertTrue(asked.get() <= 2 * threads + 1, "stopped at the first checks: " + asked.get());
            }
        }
    }
}
