package io.learnchain.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /chain/validate}: the node's own verdict on a chain, naming the first block and rule it breaks. */
class ValidateIT {
    private static final Path CHAINS = Path.of("src/test/resources/vectors/project/chains");
    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start("/", TestNode.MANUAL);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static Http.Answer validate(String body) {
        return Http.postJson(node.url() + "/chain/validate", body);
    }

    @Test
    void aValidChainIsValidAndNothingChanges() throws Exception {
        Object before = Http.get(node.url() + "/status").json().get("last_hash");
        Http.Answer answer = validate(Files.readString(CHAINS.resolve("valid.json")));
        assertEquals(200, answer.status(), answer.body());
        assertEquals(Map.of("valid", true, "length", java.math.BigDecimal.valueOf(7)), answer.json());
        assertEquals(before, Http.get(node.url() + "/status").json().get("last_hash"), "validating changes nothing");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "invalid-dropped-block                     | 3 | index         | block 4 follows block 2: index must be 3",
            "invalid-empty                             | 1 | genesis       | the chain is empty",
            "invalid-float-proof                       | 4 | type          | block 4: proof must be an integer",
            "invalid-genesis-proof                     | 1 | genesis       | block 1: proof must be 100",
            "invalid-genesis-transactions              | 1 | genesis       | block 1: must hold no transactions",
            "invalid-proof-against-previous-hash-as-original | 2 | proof   | is not a valid proof of work after block 1",
            "invalid-reordered-blocks                  | 3 | index         | index must be 3",
            "invalid-tampered-amount                   | 5 | previous_hash | block 5: previous_hash",
            "invalid-tampered-big-integer              | 6 | previous_hash | block 6: previous_hash",
            "invalid-tampered-extra-field              | 7 | previous_hash | is not the hash of block 6",
            "invalid-transaction-without-recipient     | 3 | type          | must be an object with sender, recipient and amount",
            "invalid-wrong-index                       | 3 | index         | block 7 follows block 2: index must be 3",
            "invalid-wrong-previous-hash               | 4 | previous_hash | is not the hash of block 3",
            "invalid-wrong-proof                       | 3 | proof         | is not a valid proof of work after block 2",
    })
    void anInvalidChainNamesTheBlockAndTheRule(String vector, int index, String rule, String says) throws Exception {
        Http.Answer answer = validate(Files.readString(CHAINS.resolve(vector + ".json")));
        assertEquals(200, answer.status(), answer.body());
        Map<String, Object> verdict = answer.json();
        assertEquals(false, verdict.get("valid"), answer.body());
        assertEquals(rule, verdict.get("rule"), answer.body());
        assertEquals(index, ((Number) verdict.get("index")).intValue(), answer.body());
        assertTrue(verdict.get("message").toString().contains(says), answer.body());
    }

    /** Its own body limit (setting maxValidateBytes): a larger chain is 413, and says the limit. */
    @Test
    void aChainOverItsBodyLimitIs413() throws Exception {
        try (TestNode small = TestNode.start("/", Map.of("blockchain.maxValidateBytes", "1024", "blockchain.network", "manual"))) {
            Http.Answer answer = Http.postJson(small.url() + "/chain/validate", Files.readString(CHAINS.resolve("valid.json")));
            assertEquals(413, answer.status(), answer.body());
            assertTrue(answer.message().contains("1024"), answer.body());
        }
    }

    @Test
    void aBodyThatIsNotAChainIsA400() {
        assertEquals(400, validate("{\"blocks\": []}").status());
        assertEquals(400, validate("[1, 2]").status());
        assertEquals(400, validate("{\"chain\": 5}").status());
    }
}
