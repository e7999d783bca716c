package io.learnchain.json;

import io.learnchain.Vectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PythonFloatTest {

    @Test
    void matchesPythonReprForThousandsOfDoubles() {
        List<String> wrong = new ArrayList<>();
        Json vectors = Vectors.read("project/float-vectors.json");
        int count = 0;
        for (Json item : ((JsonArray) vectors).items()) {
            JsonArray pair = (JsonArray) item;
            long bits = Long.parseUnsignedLong(((JsonString) pair.get(0)).value(), 16);
            String expected = ((JsonString) pair.get(1)).value();
            String actual = PythonFloat.repr(Double.longBitsToDouble(bits));
            if (!expected.equals(actual)) {
                wrong.add(pair.get(0) + ": expected " + expected + " got " + actual);
            }
            count++;
        }
        assertTrue(count > 7000, "vectors present");
        assertEquals(List.of(), wrong);
    }

    @Test
    void anyLiteralOfADoubleGivesPythonsRepr() {
        List<String> wrong = new ArrayList<>();
        for (Json item : ((JsonArray) Vectors.read("project/float-vectors.json")).items()) {
            JsonArray pair = (JsonArray) item;
            double value = Double.longBitsToDouble(Long.parseUnsignedLong(((JsonString) pair.get(0)).value(), 16));
            String expected = ((JsonString) pair.get(1)).value();
            String exact = new java.math.BigDecimal(value).toPlainString();
            // the same double written in other ways a JSON producer might
            List<String> literals = List.of(expected, Double.toString(value), String.format("%.16e", value),
                    String.format("%.17g", value).strip(), new java.math.BigDecimal(value).toString(),
                    exact + (exact.contains(".") ? "000" : ".000"));
            for (String literal : literals) {
                if (!JsonNumber.isJsonNumber(literal) || JsonNumber.parse(literal).isInteger()) {
                    continue;
                }
                String actual = PythonFloat.reprOfLiteral(literal);
                if (!expected.equals(actual)) {
                    wrong.add(literal + ": expected " + expected + " got " + actual);
                }
            }
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(20, wrong.size())));
    }

    /**
     * Literals as Python and this node write them (positional, 16-17 digits: timestamps) and
     * their near misses, whose answer the shortcut decides: it must agree with the exact search.
     */
    @Test
    void longPositionalLiteralsAgreeWithTheExactSearch() {
        java.util.Random random = new java.util.Random(20261124);
        List<String> wrong = new ArrayList<>();
        List<Double> values = new ArrayList<>(List.of(1764000019.6234567, 0.1 + 0.2, 1e15 + 0.3, 0.00012345678901234567,
                4503599627370496.5, 9007199254740991.0, 2.0, 1.0));
        for (int i = 0; i < 20_000; i++) {
            values.add(Math.pow(10, random.nextInt(20) - 4) * random.nextDouble());
            values.add(1.7e9 + random.nextInt(100_000_000) + random.nextInt(1_000_000) / 1e6);
        }
        for (double value : values) {
            for (int digits = 15; digits <= 17; digits++) {
                java.math.BigDecimal near = new java.math.BigDecimal(value).round(new java.math.MathContext(digits));
                java.math.BigDecimal unit = java.math.BigDecimal.ONE.scaleByPowerOfTen(near.precision() - near.scale() - digits);
                for (java.math.BigDecimal literal : List.of(near, near.add(unit), near.subtract(unit))) {
                    String text = literal.stripTrailingZeros().toPlainString();
                    if (literal.signum() <= 0 || !JsonNumber.isJsonNumber(text)) {
                        continue;
                    }
                    text = text.contains(".") ? text : text + ".0";
                    String expected = PythonFloat.repr(Double.parseDouble(text));
                    String actual = PythonFloat.reprOfLiteral(text);
                    if (!expected.equals(actual)) {
                        wrong.add(text + ": expected " + expected + " got " + actual);
                    }
                }
            }
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(20, wrong.size())));
    }

    /** The exact interval check says what the JDK's correctly rounded parser does, wherever it answers. */
    @Test
    void theExactReadBackAgreesWithTheParser() {
        java.util.Random random = new java.util.Random(7);
        int answered = 0;
        for (int i = 0; i < 200_000; i++) {
            long c = (long) (random.nextDouble() * 9e16) + 1;
            int q = random.nextInt(60) - 30;
            double parsed = Double.parseDouble(c + "E" + q);
            for (double value : new double[] {parsed, Math.nextUp(parsed), Math.nextDown(parsed)}) {
                int exactly = PythonFloat.readsBackExactly(c, q, value);
                if (exactly >= 0) {
                    answered++;
                    assertEquals(value == parsed ? 1 : 0, exactly, c + "E" + q + " against " + value);
                }
            }
        }
        assertTrue(answered > 300_000, "the exact check answered " + answered + " times");
        // Integers past 2^53 fall halfway between doubles: ties, to the even significand,
        // also where the gap halves below a power of two.
        for (long base : new long[] {1L << 53, 1L << 54, 1L << 57, 3L << 55}) {
            for (long c = base - 64; c <= base + 64; c++) {
                double parsed = Double.parseDouble(Long.toString(c));
                for (double value : new double[] {parsed, Math.nextUp(parsed), Math.nextDown(parsed)}) {
                    assertEquals(value == parsed ? 1 : 0, PythonFloat.readsBackExactly(c, 0, value), c + " against " + value);
                }
            }
        }
    }

    @Test
    void formatsAsPythonDoes() {
        assertEquals("5.0", PythonFloat.repr(5.0));
        assertEquals("-0.0", PythonFloat.repr(-0.0));
        assertEquals("0.1", PythonFloat.repr(0.1));
        assertEquals("1e-05", PythonFloat.repr(1e-5));
        assertEquals("0.0001", PythonFloat.repr(1e-4));
        assertEquals("1e+16", PythonFloat.repr(1e16));
        assertEquals("1000000000000000.0", PythonFloat.repr(1e15));
        assertEquals("1e+23", PythonFloat.repr(1e23));
        assertEquals("5e-324", PythonFloat.repr(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", PythonFloat.repr(Double.MAX_VALUE));
        assertEquals("Infinity", PythonFloat.repr(Double.POSITIVE_INFINITY));
    }
}
