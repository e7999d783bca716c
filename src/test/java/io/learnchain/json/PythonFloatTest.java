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
