package io.learnchain.store;

import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonReader;
import io.learnchain.json.JsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reader finds every line whatever its length and wherever the read buffer ends, and reports a torn last one. */
class RecordFileTest {
    @TempDir
    Path dir;

    @Test
    void linesOfEveryLengthAcrossBufferBoundariesReadBackInOrderWithTheirOffsets() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        int[] sizes = {1, 100, 65_000, 65_536, 200_000, 3, 70_000, 0, 131_072};
        long[] offsets = new long[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            offsets[i] = file.size();
            char[] text = new char[sizes[i]];
            Arrays.fill(text, (char) ('a' + i));
            file.write(RecordFile.encode(JsonObject.builder().put("v", new JsonString(new String(text))).build()));
        }
        byte[] torn = RecordFile.encode(JsonObject.builder().put("v", "cut").build());
        file.write(torn, 0, torn.length - 1); // no end of line: a write a crash cut short
        Path path = dir.resolve("journal.log");
        Files.write(path, file.toByteArray());

        try (RecordFile.Reader reader = new RecordFile.Reader(path)) {
            for (int i = 0; i < sizes.length; i++) {
                RecordFile.Line line = reader.next();
                assertTrue(line.good(), line.problem());
                assertEquals(i + 1, line.number());
                assertEquals(offsets[i], line.offset());
                assertEquals(sizes[i], ((JsonString) line.record().get("v")).value().length());
            }
            RecordFile.Line last = reader.next();
            assertFalse(last.good());
            assertEquals("the line is unfinished (no end of line)", last.problem());
            assertNull(reader.next());
        }
    }

    @Test
    void aBlockRecordKeepsTheBlocksBytesAsTheyAreInTheFile() throws Exception {
        String block = "{\"index\":2,\"timestamp\":1e9,\"amounts\":[5.0,5,\"\\u00e9\"]}";
        Path path = dir.resolve("journal.log");
        Files.write(path, concat(
                RecordFile.encode(("{\"block\":" + block + "}").getBytes(StandardCharsets.US_ASCII)),
                RecordFile.encode(("{\"block\":" + block + ",\"more\":1}").getBytes(StandardCharsets.US_ASCII)),
                RecordFile.encode(("{\"tx\":" + block + "}").getBytes(StandardCharsets.US_ASCII))));
        try (RecordFile.Reader reader = new RecordFile.Reader(path)) {
            RecordFile.Line blockLine = reader.next();
            assertArrayEquals(block.getBytes(StandardCharsets.US_ASCII), blockLine.blockEncoding());
            assertEquals(blockLine.record().get("block"), JsonReader.parse(blockLine.blockEncoding(), 64));
            assertNull(reader.next().blockEncoding(), "a record with more than the block");
            assertNull(reader.next().blockEncoding(), "a record of another kind");
        }
    }

    @Test
    void aDamagedRecordSaysWhereInTheRecord() throws Exception {
        Path path = dir.resolve("journal.log");
        Files.write(path, concat(RecordFile.encode("{\"block\":{\"index\":}}".getBytes(StandardCharsets.US_ASCII))));
        try (RecordFile.Reader reader = new RecordFile.Reader(path)) {
            RecordFile.Line line = reader.next();
            assertFalse(line.good());
            assertTrue(line.problem().endsWith("at byte 18"), line.problem());
        }
    }

    private static byte[] concat(byte[]... lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.writeBytes(line);
        }
        return out.toByteArray();
    }
}
