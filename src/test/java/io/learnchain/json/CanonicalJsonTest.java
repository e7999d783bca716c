package io.learnchain.json;

import io.learnchain.Vectors;
import io.learnchain.chain.Sha256;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.learnchain.Vectors.string;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Our canonical writer against what Python's json.dumps(sort_keys=True) wrote for the same input. */
class CanonicalJsonTest {

    @TestFactory
    List<DynamicTest> canonicalFormAndHashMatchPython() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String set : Vectors.SETS) {
            for (JsonObject vector : Vectors.objects(set + "/hash-vectors.json")) {
                tests.add(DynamicTest.dynamicTest(set + ": " + string(vector, "name"), () -> {
                    byte[] input = string(vector, "json").getBytes(StandardCharsets.UTF_8);
                    Json value = JsonReader.parse(input, 64);
                    assertEquals(string(vector, "canonical"), JsonWriter.canonical(value));
                    assertEquals(string(vector, "sha256"), Sha256.hex(JsonWriter.canonicalBytes(value)));
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> compactFormReadsBackToTheSameValue() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String set : Vectors.SETS) {
            for (JsonObject vector : Vectors.objects(set + "/hash-vectors.json")) {
                tests.add(DynamicTest.dynamicTest(set + ": " + string(vector, "name"), () -> {
                    Json value = JsonReader.parse(string(vector, "json").getBytes(StandardCharsets.UTF_8), 64);
                    Json again = JsonReader.parse(JsonWriter.compact(value), 64);
                    assertEquals(value, again);
                    assertEquals(JsonWriter.compactString(value), JsonWriter.compactString(again));
                    assertEquals(string(vector, "canonical"), JsonWriter.canonical(again));
                }));
            }
        }
        return tests;
    }
}
