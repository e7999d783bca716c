package io.learnchain.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonReaderTest {

    private static Json parse(String text) throws JsonSyntaxException {
        return JsonReader.parse(text.getBytes(StandardCharsets.UTF_8), 16);
    }

    @Test
    void readsADocumentInsideALargerArrayAndCountsErrorsFromItsStart() throws Exception {
        byte[] text = "xx[1, {\"a\": 5.0}]yy".getBytes(StandardCharsets.US_ASCII);
        assertEquals("[1,{\"a\":5.0}]", JsonWriter.compactString(JsonReader.parse(text, 2, text.length - 4, 64, false)));
        byte[] broken = "xxxx[1, }".getBytes(StandardCharsets.US_ASCII);
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonReader.parse(broken, 4, 5, 64, false));
        assertTrue(e.getMessage().endsWith("at byte 4"), e.getMessage());
    }

    @Test
    void keepsNumberLiteralsAndTheirKind() throws Exception {
        JsonObject o = (JsonObject) parse("{\"a\": 5, \"b\": 5.0, \"c\": 1e2, \"d\": -0.0, \"e\": 123456789012345678901234567890}");
        assertEquals("{\"a\":5,\"b\":5.0,\"c\":1e2,\"d\":-0.0,\"e\":123456789012345678901234567890}", JsonWriter.compactString(o));
        assertTrue(((JsonNumber) o.get("a")).isInteger());
        assertFalse(((JsonNumber) o.get("b")).isInteger());
        assertFalse(((JsonNumber) o.get("c")).isInteger());
        assertEquals("100.0", ((JsonNumber) o.get("c")).canonical());
    }

    @Test
    void keepsKeyOrderAndLetsTheLastDuplicateWinInTheFirstPlace() throws Exception {
        JsonObject o = (JsonObject) parse("{\"z\": 1, \"a\": 2, \"z\": 3}");
        assertEquals("{\"z\":3,\"a\":2}", JsonWriter.compactString(o));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "{\"a\":}", "{\"a\":1,}", "[1,]", "[1 2]", "01", "1.", ".5", "-", "1e",
            "+1", "NaN", "Infinity", "tru", "nul", "\"abc", "\"\\x\"", "\"\\u12\"", "{'a':1}", "{\"a\":1} x",
            "\"tab\there\"", "{\"a\" 1}", "[", "]", "{1:2}", "\ufeff{}"})
    void refusesWhatIsNotJson(String text) {
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> parse(text));
        assertTrue(e.getMessage().contains(" at byte "), e.getMessage());
    }

    @Test
    void refusesInvalidUtf8() {
        byte[][] inputs = {
                {'"', (byte) 0xff, '"'},
                {'"', (byte) 0xc0, (byte) 0xaf, '"'},               // overlong '/'
                {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'},  // encoded surrogate
                {'"', (byte) 0xe2, (byte) 0x82, '"'},               // truncated
                {'"', (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // above U+10FFFF
        };
        for (byte[] input : inputs) {
            JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonReader.parse(input, 4));
            assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        }
    }

    @Test
    void decodesUtf8AndEscapes() throws Exception {
        assertEquals(new JsonString("Zo\u00eb \uD83D\uDE80 \"/\n"), parse("\"Zo\u00eb \\ud83d\\ude80 \\\"\\/\\n\""));
        assertEquals(new JsonString("\uD800"), parse("\"\\ud800\""));
    }

    @Test
    void refusesNestingDeeperThanTheLimit() throws Exception {
        String ok = "[".repeat(16) + "]".repeat(16);
        parse(ok);
        String deep = "[".repeat(17) + "]".repeat(17);
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> parse(deep));
        assertTrue(e.getMessage().contains("nested deeper than 16"), e.getMessage());
        // far deeper than any stack could take recursively, still a clean refusal
        assertThrows(JsonSyntaxException.class, () -> parse("[".repeat(1_000_000)));
    }

    @Test
    void readsPythonsNonFiniteFloatsOnlyWhenAllowed() throws Exception {
        byte[] text = "{\"c\": NaN, \"a\": Infinity, \"b\": [-Infinity, -1]}".getBytes(StandardCharsets.US_ASCII);
        Json value = JsonReader.parse(text, text.length, 8, true);
        // json.dumps({"c": nan, "a": inf, "b": [-inf, -1]}, sort_keys=True)
        assertEquals("{\"a\": Infinity, \"b\": [-Infinity, -1], \"c\": NaN}", JsonWriter.canonical(value));
        assertEquals("{\"c\":NaN,\"a\":Infinity,\"b\":[-Infinity,-1]}", JsonWriter.compactString(value));
        assertFalse(((JsonNumber) ((JsonObject) value).get("a")).isInteger());
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonReader.parse(text, 8));
        assertTrue(e.getMessage().contains("NaN and Infinity are not JSON"), e.getMessage());
        assertThrows(JsonSyntaxException.class, () -> JsonReader.parse("-Infinity".getBytes(StandardCharsets.US_ASCII), 8));
        assertThrows(JsonSyntaxException.class, () -> JsonReader.parse("Infinit".getBytes(StandardCharsets.US_ASCII), 7, 8, true));
    }

    @Test
    void refusesIntegersOfMoreDigitsThanPythonReads() {
        String digits = "9".repeat(JsonReader.MAX_INTEGER_DIGITS + 1);
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> parse(digits));
        assertTrue(e.getMessage().contains("more than 4300 digits"), e.getMessage());
        assertThrows(JsonSyntaxException.class, () -> parse("-" + digits));
    }

    /** Python's rule exactly: 4,300 digits of an int, the sign not counted; floats of any length. */
    @Test
    void readsWhatPythonReads() throws JsonSyntaxException {
        String digits = "9".repeat(JsonReader.MAX_INTEGER_DIGITS);
        assertEquals("-" + digits, ((JsonNumber) parse("-" + digits)).canonical());
        // json.dumps(json.loads(x)) in Python 3.11 for each literal
        assertEquals("1.0", ((JsonNumber) parse("1." + "0".repeat(5000) + "1")).canonical());
        assertEquals("Infinity", ((JsonNumber) parse("1" + "0".repeat(5000) + ".5")).canonical());
        assertEquals("100000.0", ((JsonNumber) parse("1e" + "0".repeat(5000) + "5")).canonical());
        assertEquals("-0.0", ((JsonNumber) parse("-0." + "0".repeat(5000) + "1e-10")).canonical());
    }
}
