package io.learnchain.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node that cannot open its data stays up to say why, where a user looks: every API request
 * answers 503 with the one sentence, the probes tell live from ready, and a settings change
 * reads as a settings change, never as damage.
 */
class StartFailureIT {
    @TempDir
    Path dataDir;

    private TestNode start(String... settings) {
        Map<String, String> parameters = new HashMap<>(Map.of("blockchain.dataDir", dataDir.toString()));
        for (int i = 0; i < settings.length; i += 2) {
            parameters.put("blockchain." + settings[i], settings[i + 1]);
        }
        return TestNode.start("/", parameters);
    }

    /** Asserts the node did not start, and returns the reason every endpoint gives. */
    private static String reasonOf(TestNode node) {
        Http.Answer chain = Http.get(node.url() + "/chain");
        assertEquals(503, chain.status(), chain.body());
        String reason = chain.message();
        for (Http.Answer answer : new Http.Answer[] {Http.get(node.url() + "/status"), Http.get(node.url() + "/mine"),
                Http.postJson(node.url() + "/transactions/new", "{\"sender\": \"a\", \"recipient\": \"b\", \"amount\": 1}")}) {
            assertEquals(503, answer.status(), answer.body());
            assertEquals(reason, answer.message());
        }
        assertEquals(200, Http.get(node.url() + "/health/live").status(), "the web application answers");
        Http.Answer ready = Http.get(node.url() + "/health/ready");
        assertEquals(503, ready.status());
        assertEquals(reason, ready.message());
        assertTrue(Http.get(node.url() + "/").body().contains("js/main.js"), "the page is served, to show it");
        assertFalse(reason.contains("Exception"), reason);
        return reason;
    }

    private static void mineWithATransfer(TestNode node) {
        assertEquals(201, Http.postJson(node.url() + "/transactions/new",
                "{\"sender\": \"alice\", \"recipient\": \"bob\", \"amount\": 5}").status());
        assertEquals(200, Http.get(node.url() + "/mine").status());
    }

    @Test
    void aLedgerModeTheChainDoesNotMeetIsNamedWithTheWayBack() throws Exception {
        try (TestNode node = start()) {
            mineWithATransfer(node);
        }
        try (TestNode node = start("ledger", "signed")) {
            String reason = reasonOf(node);
            assertTrue(reason.contains("ledger=signed") && reason.contains("blockchain.ledger=open"), reason);
            assertTrue(reason.contains("blockchain.dataDir") && reason.contains(dataDir.toString()), reason);
            assertFalse(reason.contains("damaged") || reason.contains("invalid") || reason.contains("backup"), reason);
        }
        Files.delete(dataDir.resolve("network.json")); // a directory from before the record: its chain is asked instead
        try (TestNode node = start("ledger", "signed")) {
            assertTrue(reasonOf(node).contains("blockchain.ledger=open"));
        }
        try (TestNode node = start()) {
            assertEquals(200, Http.get(node.url() + "/chain").status(), "the way back works");
            assertEquals(2, ((Number) Http.get(node.url() + "/status").json().get("length")).intValue());
        }
    }

    @Test
    void aHigherDifficultyIsNamedALowerOneStarts() throws Exception {
        try (TestNode node = start("difficulty", "3")) {
            for (int i = 0; i < 3; i++) {
                mineWithATransfer(node);
            }
        }
        try (TestNode node = start("difficulty", "5")) {
            String reason = reasonOf(node);
            assertTrue(reason.contains("difficulty 3") && reason.contains("difficulty 5")
                    && reason.contains("blockchain.difficulty=3"), reason);
            assertFalse(reason.contains("damaged") || reason.contains("invalid"), reason);
        }
        try (TestNode node = start("difficulty", "2")) {
            assertEquals(200, Http.get(node.url() + "/mine").status(), "a chain meets a lower difficulty: the node starts");
        }
        assertTrue(Files.readString(dataDir.resolve("network.json")).contains("\"difficulty\":2"), "the change is recorded");
    }

    @Test
    void aDamagedJournalIsNamedWithItsFileAndLine() throws Exception {
        try (TestNode node = start()) {
            mineWithATransfer(node);
            mineWithATransfer(node);
        }
        Path journal;
        try (Stream<Path> files = Files.list(dataDir)) {
            journal = files.filter(f -> f.getFileName().toString().startsWith("journal-")).findFirst().orElseThrow();
        }
        String text = Files.readString(journal, StandardCharsets.UTF_8);
        Files.writeString(journal, text.replaceFirst("\"amount\": ?5", "\"amount\":6"), StandardCharsets.UTF_8);
        try (TestNode node = start()) {
            String reason = reasonOf(node);
            assertTrue(reason.contains(journal.getFileName().toString()) && reason.contains("line"), reason);
            assertTrue(reason.contains("damaged"), reason);
        }
    }

    @Test
    void aDataDirectoryThatIsAFileIsNamed() throws Exception {
        Path file = Files.writeString(dataDir.resolve("not-a-directory"), "x");
        try (TestNode node = TestNode.start("/", Map.of("blockchain.dataDir", file.toString()))) {
            String reason = reasonOf(node);
            assertTrue(reason.contains(file.toString()) && reason.contains("is a file"), reason);
            assertTrue(reason.contains("blockchain.dataDir"), reason);
        }
    }

    @Test
    void aSettingThatIsNotValidIsNamed() {
        try (TestNode node = start("difficulty", "five")) {
            String reason = reasonOf(node);
            assertTrue(reason.contains("blockchain.difficulty"), reason);
        }
    }
}
