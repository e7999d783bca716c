package io.learnchain.chain;

import io.learnchain.Vectors;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;

import static io.learnchain.Vectors.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProofOfWorkTest {

    @TestFactory
    List<DynamicTest> findsTheSmallestProofPythonFinds() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String set : Vectors.SETS) {
            for (JsonObject v : Vectors.objects(set + "/pow-vectors.json")) {
                String lastProof = ((JsonNumber) v.get("last_proof")).canonical();
                String lastHash = string(v, "last_hash");
                String proof = ((JsonNumber) v.get("proof")).canonical();
                tests.add(DynamicTest.dynamicTest(set + ": after " + lastProof + "/" + lastHash.substring(0, Math.min(8, lastHash.length())), () -> {
                    assertEquals(proof, Long.toString(new ProofOfWork(lastProof, lastHash).findSmallest()));
                    assertTrue(ProofOfWork.isValid(lastProof, proof, lastHash));
                    assertEquals(string(v, "guess_hash"), ProofOfWork.guessHash(lastProof, proof, lastHash));
                }));
            }
        }
        return tests;
    }

    @Test
    void searchesOnlyItsRangeAcrossDigitCountChanges() {
        String lastHash = "a".repeat(64);
        long smallest = new ProofOfWork("35293", lastHash).findSmallest();
        ProofOfWork pow = new ProofOfWork("35293", lastHash);
        assertEquals(ProofOfWork.NOT_FOUND, pow.search(0, smallest, () -> false));
        assertEquals(smallest, pow.search(smallest, smallest + 1, () -> false));
        // starting below a power of ten exercises the in-place digit rewrite (99 -> 100)
        long next = pow.search(smallest + 1, Long.MAX_VALUE, () -> false);
        assertTrue(next > smallest);
        assertTrue(ProofOfWork.isValid("35293", Long.toString(next), lastHash));
        for (long p = 95; p < 10_005; p++) {
            boolean expected = ProofOfWork.isValid("35293", Long.toString(p), lastHash);
            assertEquals(expected ? p : ProofOfWork.NOT_FOUND, pow.search(p, p + 1, () -> false), "proof " + p);
        }
    }

    @Test
    void searchesAtTheNetworksDifficulty() {
        String lastHash = "9c1f2ff08bdc26c1c9e7e8a9d8b0e1c0fd9c7fc6a0b52a1c1e24d3e7a9d2f4b1";
        for (int difficulty = 1; difficulty <= 5; difficulty++) {
            long proof = new ProofOfWork("100", lastHash, difficulty).findSmallest();
            assertTrue(ProofOfWork.guessHash("100", Long.toString(proof), lastHash).startsWith("0".repeat(difficulty)));
            assertTrue(ProofOfWork.isValid("100", Long.toString(proof), lastHash, difficulty));
            for (long smaller = 0; smaller < proof; smaller++) {
                assertFalse(ProofOfWork.isValid("100", Long.toString(smaller), lastHash, difficulty), "the smallest");
            }
        }
    }

    @Test
    void stopsWhenTold() {
        String lastHash = "a".repeat(64);
        assertFalse(ProofOfWork.isValid("35293", "0", lastHash));
        assertEquals(ProofOfWork.CANCELLED, new ProofOfWork("35293", lastHash).search(0, Long.MAX_VALUE, () -> true));
    }
}
