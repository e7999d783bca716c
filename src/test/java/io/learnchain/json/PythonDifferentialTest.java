package io.learnchain.json;

import io.learnchain.Python3;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Random documents, each read by our reader and by Python's json.loads, written by our canonical
 * writer and by Python's json.dumps(sort_keys=True): the two must agree byte for byte. Python is
 * the reference model; one process checks the whole batch.
 */
class PythonDifferentialTest {
    private static final int DOCUMENTS = 500;

    @Test
    void canonicalJsonEqualsPythonsOnRandomDocuments() throws Exception {
        assumeTrue(Python3.available(), "python3 is the reference model here");
        Random random = new Random(20261124);
        List<String> documents = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            documents.add(RandomJson.document(random));
        }
        String script = "import json,sys\n"
                + "for line in sys.stdin.buffer.read().decode('utf-8').split('\\n')[:-1]:\n"
                + "    print(json.dumps(json.loads(json.loads(line)), sort_keys=True))\n";
        Process python = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
        try (OutputStream in = python.getOutputStream()) {
            for (String document : documents) {
                // each document travels as a JSON string on its own line
                in.write(JsonWriter.compact(new JsonString(document)));
                in.write('\n');
            }
        }
        List<String> expected = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        python.waitFor(60, TimeUnit.SECONDS);
        assertEquals(DOCUMENTS, expected.size(), String.join("\n", expected.subList(0, Math.min(5, expected.size()))));
        for (int i = 0; i < DOCUMENTS; i++) {
            Json value = JsonReader.parse(documents.get(i).getBytes(StandardCharsets.UTF_8), 64);
            assertEquals(expected.get(i), JsonWriter.canonical(value), documents.get(i));
        }
    }


    /**
     * Float literals of 14 to 18 significant digits, as timestamps and amounts are written, and
     * their near misses (a last digit off, a trailing zero): Python's json.dumps(json.loads(x)).
     */
    @Test
    void longFloatLiteralsAreWrittenAsPythonWritesThem() throws Exception {
        assumeTrue(Python3.available(), "python3 is the reference model here");
        Random random = new Random(1764000019);
        List<String> literals = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            StringBuilder digits = new StringBuilder();
            int length = 14 + random.nextInt(5);
            digits.append(1 + random.nextInt(9));
            for (int d = 1; d < length; d++) {
                digits.append(random.nextInt(10));
            }
            int point = random.nextInt(length + 5) - 4; // from 0.0000ddd to ddd.d, as positional literals
            String literal = point <= 0 ? "0." + "0".repeat(-point) + digits
                    : point >= length ? digits + ".0" : digits.substring(0, point) + "." + digits.substring(point);
            literals.add(random.nextBoolean() ? literal : "-" + literal);
        }
        String script = "import json,sys\n"
                + "for line in sys.stdin.read().split('\\n')[:-1]:\n"
                + "    print(json.dumps(json.loads(line)))\n";
        Process python = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
        try (OutputStream in = python.getOutputStream()) {
            in.write((String.join("\n", literals) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        List<String> expected = new String(python.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
        python.waitFor(60, TimeUnit.SECONDS);
        assertEquals(literals.size(), expected.size(), String.join("\n", expected.subList(0, Math.min(5, expected.size()))));
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < literals.size(); i++) {
            String actual = PythonFloat.reprOfLiteral(literals.get(i));
            if (!expected.get(i).equals(actual)) {
                wrong.add(literals.get(i) + ": Python " + expected.get(i) + ", here " + actual);
            }
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(20, wrong.size())));
    }

    /** Random JSON text aimed at what a port gets wrong: number literals, escapes, key order. */
    static final class RandomJson {
        private static final String[] NUMBERS = {"0", "-0", "5", "5.0", "5.00", "1e2", "1E+2", "-1e-7", "0.1", "1e400", "-1e400",
                "1e-400", "123456789012345678901234567890", "9007199254740993", "0.30000000000000004", "2.5e-324",
                "1.7976931348623157e308", "100.0", "1e16", "1e15", "0.0001", "0.00001", "-0.0", "123.456e-3"};
        private static final String[] PIECES = {"a", "Z", "\u00e9", "\u4e2d", "\ud83d\ude80", "\\ud800", "\\udfff", "\\u0000",
                "\\n", "\\t", "\\\"", "\\\\", "\\/", "\u007f", "\u2028", "\uffff", "\ue000", " ", "0", "key"};

        static String document(Random random) {
            StringBuilder out = new StringBuilder();
            value(random, out, 3);
            return out.toString();
        }

        private static void value(Random random, StringBuilder out, int depth) {
            int kind = random.nextInt(depth > 0 ? 6 : 4);
            switch (kind) {
                case 0 -> out.append(NUMBERS[random.nextInt(NUMBERS.length)]);
                case 1, 2 -> string(random, out);
                case 3 -> out.append(random.nextBoolean() ? "true" : random.nextBoolean() ? "false" : "null");
                case 4 -> {
                    out.append('[');
                    int n = random.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        out.append(i > 0 ? ", " : "");
                        value(random, out, depth - 1);
                    }
                    out.append(']');
                }
                default -> {
                    out.append('{');
                    int n = random.nextInt(5);
                    for (int i = 0; i < n; i++) {
                        out.append(i > 0 ? "," : "");
                        string(random, out);
                        out.append(':');
                        value(random, out, depth - 1);
                    }
                    out.append('}');
                }
            }
        }

        private static void string(Random random, StringBuilder out) {
            out.append('"');
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                out.append(PIECES[random.nextInt(PIECES.length)]);
            }
            out.append('"');
        }
    }
}
