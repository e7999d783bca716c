package io.learnchain.json;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties of the JSON codec over random input: it rejects cleanly or round-trips exactly. */
class JsonPropertiesTest {

    @Property(tries = 2000)
    void randomBytesAreReadOrRejectedCleanly(@ForAll byte[] bytes) {
        try {
            Json value = JsonReader.parse(bytes, 32);
            assertEquals(value, JsonReader.parse(JsonWriter.compact(value), 32));
        } catch (JsonSyntaxException expected) {
            assertTrue(expected.getMessage().contains(" at byte "));
        }
    }

    @Property(tries = 2000)
    void randomTextIsReadOrRejectedCleanly(@ForAll("jsonish") String text) {
        try {
            Json value = JsonReader.parse(text.getBytes(StandardCharsets.UTF_8), 32);
            assertEquals(JsonWriter.canonical(value), JsonWriter.canonical(JsonReader.parse(JsonWriter.compact(value), 32)));
        } catch (JsonSyntaxException expected) {
            assertTrue(expected.getMessage().contains(" at byte "));
        }
    }

    @Property(tries = 1000)
    void valuesRoundTripThroughTheCompactForm(@ForAll("values") Json value) throws JsonSyntaxException {
        Json again = JsonReader.parse(JsonWriter.compact(value), 64);
        assertEquals(value, again);
        assertEquals(JsonWriter.compactString(value), JsonWriter.compactString(again));
    }

    @Property(tries = 1000)
    void theCanonicalFormIsStableAndPureAscii(@ForAll("values") Json value) throws JsonSyntaxException {
        String canonical = JsonWriter.canonical(value);
        assertTrue(canonical.chars().allMatch(c -> c >= 0x20 && c < 0x7f), canonical);
        assertEquals(canonical, JsonWriter.canonical(JsonReader.parse(canonical.getBytes(StandardCharsets.US_ASCII), 64)));
    }

    @Property(tries = 3000)
    void floatLiteralsHashAsTheirDouble(@ForAll double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        String repr = PythonFloat.repr(value);
        assertEquals(value, Double.parseDouble(repr));
        for (String literal : List.of(repr, Double.toString(value), String.format("%.17e", value), String.format("%.20e", value))) {
            assertEquals(repr, PythonFloat.reprOfLiteral(literal), literal);
        }
    }

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.strings().withChars("{}[]\":,0123456789.eE+-truefalsnl \\/u\t\n\u00e9\ud83d\ude80").ofMaxLength(60);
    }

    @Provide
    Arbitrary<Json> values() {
        return value(3);
    }

    static Arbitrary<Json> value(int depth) {
        Arbitrary<Json> scalars = Arbitraries.oneOf(
                strings().map(JsonString::new),
                Arbitraries.bigIntegers().between(new java.math.BigInteger("-1" + "0".repeat(40)), new java.math.BigInteger("1" + "0".repeat(40)))
                        .map(JsonNumber::of),
                Arbitraries.doubles().filter(Double::isFinite).map(JsonNumber::ofDouble),
                Arbitraries.of(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.NULL));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<Json> lists = value(depth - 1).list().ofMaxSize(4).map(JsonArray::new);
        Arbitrary<Json> objects = Arbitraries.maps(strings(), value(depth - 1)).ofMaxSize(4)
                .map(m -> JsonObject.of(new LinkedHashMap<>(m)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, scalars), net.jqwik.api.Tuple.of(1, lists), net.jqwik.api.Tuple.of(1, objects));
    }

    /** Any UTF-16 text, lone surrogates and controls included, as Python strings may hold. */
    static Arbitrary<String> strings() {
        return Arbitraries.strings().all().ofMaxLength(12);
    }
}
