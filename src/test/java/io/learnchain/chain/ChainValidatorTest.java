package io.learnchain.chain;

import io.learnchain.Vectors;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonReader;
import io.learnchain.json.JsonWriter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChainValidatorTest {

    private static JsonArray chainOf(String file) {
        return (JsonArray) ((JsonObject) Vectors.read(file)).get("chain");
    }

    @TestFactory
    List<DynamicTest> acceptsValidChainsAndRefusesEveryTamperedOne() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String set : Vectors.SETS) {
            List<String> files = Vectors.chainFiles(set);
            assertTrue(files.size() > 5, set + " has chain vectors");
            for (String file : files) {
                boolean valid = file.endsWith("/valid.json");
                tests.add(DynamicTest.dynamicTest(file, () -> {
                    if (valid) {
                        assertEquals(chainOf(file).size(), ChainValidator.validate(chainOf(file)).size());
                    } else {
                        InvalidChainException e = assertThrows(InvalidChainException.class,
                                () -> ChainValidator.validate(chainOf(file)));
                        assertFalse(e.getMessage().isBlank());
                    }
                }));
            }
        }
        return tests;
    }

    @Test
    void linksEachBlockToThePythonHashOfItsParent() throws Exception {
        for (String set : Vectors.SETS) {
            List<Block> blocks = ChainValidator.validate(chainOf(set + "/chains/valid.json"));
            for (int i = 1; i < blocks.size(); i++) {
                assertEquals(blocks.get(i).previousHash(), blocks.get(i - 1).hash(), set + " block " + (i + 1));
            }
        }
    }

    @Test
    void servedBlocksReadBackWithTheSameHashes() throws Exception {
        List<Block> blocks = ChainValidator.validate(chainOf("reference/chains/valid.json"));
        for (Block block : blocks) {
            Block again = Block.fromJson(JsonReader.parse(JsonWriter.compact(block.json()), 64));
            assertEquals(block.hash(), again.hash());
            assertEquals(block, again);
        }
    }

    @Test
    void rejectsTheOriginalsProofBug() {
        InvalidChainException e = assertThrows(InvalidChainException.class,
                () -> ChainValidator.validate(chainOf("project/chains/invalid-proof-against-previous-hash-as-original.json")));
        assertTrue(e.getMessage().contains("proof"), e.getMessage());
    }

    @Test
    void aBlockMadeHereHashesAsPythonWouldWriteIt() throws Exception {
        Block genesis = Block.genesis(1506057125.900785);
        assertEquals("{\"index\": 1, \"previous_hash\": \"1\", \"proof\": 100, \"timestamp\": 1506057125.900785, \"transactions\": []}",
                JsonWriter.canonical(genesis.json()));
        assertEquals("9bd58252bbed62b0af795f7c177c9b115bbb161f41df0ac728443cfb2b9e2067", genesis.hash());
    }
}
