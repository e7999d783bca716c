package io.learnchain.it;

import io.learnchain.chain.Block;
import io.learnchain.chain.ChainValidator;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A Java node and a Python node running the tutorial's algorithm (src/main/python/tutorial_peer.py)
 * adopt each other's chains, with non-ASCII strings, floats and big integers in them.
 */
class PythonInteropIT {
    private static PythonPeer python;
    private static String pythonUrl;

    @BeforeAll
    static void startPythonPeer() throws Exception {
        assumeTrue(PythonPeer.available(), "python3 is needed for the interoperability test");
        python = PythonPeer.start();
        pythonUrl = python.url();
    }

    @AfterAll
    static void stopPythonPeer() throws InterruptedException {
        if (python != null) {
            python.close();
        }
    }

    private static List<Block> chainOf(String url) throws Exception {
        return ChainValidator.validate((JsonArray) ((JsonObject) Http.get(url + "/chain").exact()).get("chain"));
    }

    @Test
    void javaAndPythonAdoptEachOthersChains() throws Exception {
        // Python's chain first: floats, a big integer, non-ASCII, and amounts our API would refuse
        String[] pythonTransactions = {
                "{\"sender\": \"Zo\u00eb\", \"recipient\": \"\u652f\u4ed8\u5b9d\", \"amount\": 0.1}",
                "{\"sender\": \"rocket \uD83D\uDE80\", \"recipient\": \"quote \\\" back \\\\\", \"amount\": 1e-05}",
                "{\"sender\": \"big\", \"recipient\": \"int\", \"amount\": 1000000000000000000000000000000}",
                "{\"sender\": \"python\", \"recipient\": \"allows\", \"amount\": \"-3\"}",
                // Python reads 1e400 as inf and NaN as nan, and writes them back as Infinity and NaN
                "{\"sender\": \"python\", \"recipient\": \"overflows\", \"amount\": 1e400}",
                "{\"sender\": \"python\", \"recipient\": \"not a number\", \"amount\": NaN}",
        };
        for (String tx : pythonTransactions) {
            assertEquals(201, Http.postJson(pythonUrl + "/transactions/new", tx).status());
        }
        assertEquals(200, Http.get(pythonUrl + "/mine").status());
        assertEquals(200, Http.get(pythonUrl + "/mine").status());

        try (TestNode java = TestNode.start("/", TestNode.MANUAL)) { // resolved by hand, as in the tutorial
            Http.postJson(java.url() + "/nodes/register", "{\"nodes\": [\"" + pythonUrl + "\"]}");
            assertEquals("Our chain was replaced", Http.get(java.url() + "/nodes/resolve").message());
            List<Block> adopted = chainOf(java.url());
            assertEquals(chainOf(pythonUrl), adopted);
            assertEquals(3, adopted.size());
            String served = Http.get(java.url() + "/chain").body();
            assertTrue(served.contains("\"amount\":Infinity") && served.contains("\"amount\":NaN"), served);

            // then Java grows it, and the Python node adopts the Java chain
            Http.postJson(java.url() + "/transactions/new",
                    "{\"sender\": \"caf\u00e9 \\u2028\", \"recipient\": \"<script>alert(1)</script>\", \"amount\": 5.0}");
            Http.postJson(java.url() + "/transactions/new",
                    "{\"sender\": \"exact\", \"recipient\": \"digits\", \"amount\": 123456789.12345679}");
            Http.get(java.url() + "/mine");
            Http.get(java.url() + "/mine");
            Http.postJson(pythonUrl + "/nodes/register", "{\"nodes\": [\"" + java.url() + "\"]}");
            assertEquals("Our chain was replaced", Http.get(pythonUrl + "/nodes/resolve").message());
            List<Block> javaChain = chainOf(java.url());
            assertEquals(5, javaChain.size());
            assertEquals(javaChain, chainOf(pythonUrl));

            // and both agree that the chain they now share is authoritative
            assertEquals("Our chain is authoritative", Http.get(java.url() + "/nodes/resolve").message());
            assertEquals("Our chain is authoritative", Http.get(pythonUrl + "/nodes/resolve").message());
        }
    }
}
