package io.learnchain.web;

import io.learnchain.chain.Transaction;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonReader;
import io.learnchain.json.JsonSyntaxException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Answers written by JSON-B: the tutorial's names, and chain data exactly as the node holds it. */
class AnswersTest {
    private static JsonObject parse(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        try {
            return (JsonObject) JsonReader.parse(bytes, bytes.length, 64, true);
        } catch (JsonSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static String text(Object answer) {
        return new String(Answers.bytes(answer), StandardCharsets.UTF_8);
    }

    @Test
    void numbersInChainDataKeepTheirLiterals() {
        char[] digits = new char[4300];
        Arrays.fill(digits, '7');
        List<String> literals = List.of("5", "5.0", "-0.0", "1e2", "1E+2", "0.1000", "NaN", "-Infinity", "1e-400", new String(digits));
        List<JsonObject> transactions = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (String literal : literals) {
            transactions.add(parse("{\"sender\": \"a\", \"recipient\": \"b\", \"amount\": " + literal + "}"));
            expected.append(expected.length() == 0 ? "" : ",").append("{\"sender\":\"a\",\"recipient\":\"b\",\"amount\":").append(literal).append('}');
        }
        String forged = text(new Answers.Forged("New Block Forged", 2, transactions, (JsonNumber) parse("{\"p\": 35293}").get("p"), "ab"));
        assertEquals("{\"index\":2,\"message\":\"New Block Forged\",\"previous_hash\":\"ab\",\"proof\":35293,\"transactions\":["
                + expected + "]}", forged);
    }

    @Test
    void transactionsAndTextAreWrittenAsHeld() {
        Transaction tx = new Transaction(parse("{\"sender\": \"caf\\u00e9 \\\"q\\\"\", \"recipient\": \"\\ud83d\\ude00\", \"amount\": 2.50}"));
        String pending = text(new Answers.Pending(List.of(tx), 7));
        assertEquals("{\"length\":7,\"transactions\":[{\"sender\":\"café \\\"q\\\"\",\"recipient\":\"\uD83D\uDE00\",\"amount\":2.50}]}", pending);
    }

    @Test
    void absentPartsAreLeftOutAndNamesAreTheTutorials() {
        assertEquals("{\"length\":3}", text(new Answers.ChainTail(3, null)));
        assertEquals("{\"from\":2,\"length\":3}", text(new Answers.ChainTail(3, 2L)));
        assertEquals("{\"message\":\"New nodes have been added\",\"total_nodes\":[\"http://a:1\"]}",
                text(new Answers.NodesChanged("New nodes have been added", List.of("http://a:1"))));
        assertEquals("{\"detail\":\"could not connect\",\"node\":\"http://a:1\",\"outcome\":\"unreachable\"}",
                text(new Answers.PeerReport("http://a:1", "unreachable", null, "could not connect")));
    }

    /** A block's journal as peers read it: ISO-8601 instants (as Instant.toString writes them), snake_case, nothing when it says nothing. */
    @Test
    void aJournalIsWrittenWithIsoInstantsAndLeftOutWhenEmpty() {
        java.time.Instant at = java.time.Instant.parse("2026-12-03T20:19:26.610923744Z");
        io.learnchain.node.BlockJournal.Entry entry = new io.learnchain.node.BlockJournal.Entry(
                new io.learnchain.node.BlockJournal.Taken(at, "pushed", "http://127.0.0.1:5001"),
                new io.learnchain.node.BlockJournal.Dropped(java.time.Instant.parse("2026-12-03T20:19:27Z"), 1));
        assertEquals("\"journal\":{\"dropped\":{\"at\":\"2026-12-03T20:19:27Z\",\"returned\":1},"
                + "\"taken\":{\"at\":\"2026-12-03T20:19:26.610923744Z\",\"from\":\"http://127.0.0.1:5001\",\"how\":\"pushed\"}}",
                Answers.journalField(entry));
        assertEquals("", Answers.journalField(io.learnchain.node.BlockJournal.Entry.NONE));
    }
}
