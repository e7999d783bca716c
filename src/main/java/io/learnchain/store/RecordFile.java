package io.learnchain.store;

import io.learnchain.chain.Block;
import io.learnchain.chain.Transaction;
import io.learnchain.json.JsonArray;
import io.learnchain.json.Json;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonReader;
import io.learnchain.json.JsonSyntaxException;
import io.learnchain.json.JsonWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The line format both store files share: one record a line, {@code <crc32c hex> <json>\n}. The
 * JSON is compact and pure ASCII (no raw newline can occur in it), so a file is readable with
 * any text tool, and the checksum tells a damaged or half-written line from a good one.
 */
final class RecordFile {
    /** Records hold what the node accepted already (within its own, lower, limits) plus one level. */
    private static final int MAX_DEPTH = 1024;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RecordFile() {
    }

    static byte[] encode(JsonObject record) {
        return encode(JsonWriter.compact(record));
    }

    /** A block's record, made from the block's encoding as it is. */
    static byte[] encode(Block block) {
        byte[] head = "{\"block\":".getBytes(StandardCharsets.US_ASCII);
        byte[] body = block.compactJson();
        byte[] json = new byte[head.length + body.length + 1];
        System.arraycopy(head, 0, json, 0, head.length);
        System.arraycopy(body, 0, json, head.length, body.length);
        json[json.length - 1] = '}';
        return encode(json);
    }

    /**
     * A reorg's record, {@code {"reorg": {"keep": k, "pending": [...]}, "blocks": [...]}}: the
     * chain keeps its first k blocks, then has these, and the pool is as given. The blocks go in
     * as their encodings are.
     */
    static byte[] encodeReorg(int kept, List<Block> blocks, List<Transaction> pending) {
        List<Json> txs = new ArrayList<>(pending.size());
        pending.forEach(tx -> txs.add(tx.json()));
        String head = JsonWriter.compactString(JsonObject.builder()
                .put("reorg", JsonObject.builder().put("keep", kept).put("pending", new JsonArray(txs)).build())
                .build());
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.writeBytes(head.substring(0, head.length() - 1).getBytes(StandardCharsets.US_ASCII));
        json.writeBytes(",\"blocks\":[".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < blocks.size(); i++) {
            if (i > 0) {
                json.write(',');
            }
            json.writeBytes(blocks.get(i).compactJson());
        }
        json.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
        return encode(json.toByteArray());
    }

    /** The line for a record given as compact JSON. */
    static byte[] encode(byte[] json) {
        CRC32C crc = new CRC32C();
        crc.update(json);
        long value = crc.getValue();
        byte[] line = new byte[9 + json.length + 1];
        for (int i = 7; i >= 0; i--) {
            line[i] = (byte) HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
        line[8] = ' ';
        System.arraycopy(json, 0, line, 9, json.length);
        line[line.length - 1] = '\n';
        return line;
    }

    /** A line of a file: where it starts, and its record or why it is unreadable. */
    record Line(int number, long offset, JsonObject record, String problem) {
        boolean good() {
            return record != null;
        }
    }

    /**
     * Reads a file a line at a time, good lines and bad ones, so that only the current record is
     * in memory however long the file. Not thread-safe.
     */
    static final class Reader implements AutoCloseable {
        private final InputStream in;
        /** Read ahead of the lines handed out: lines are found by scanning it, not a byte per call. */
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;
        private long offset;
        private int number;

        Reader(Path file) throws IOException {
            this.in = Files.newInputStream(file);
        }

        /** The next line, or null at the end of the file. */
        Line next() throws IOException {
            long lineStart = offset;
            byte[] line = null; // the part of a line that began in an earlier buffer load
            int length = 0;
            while (true) {
                if (position == limit) {
                    int read = in.read(buffer, 0, buffer.length);
                    if (read < 0) {
                        return length > 0 ? parse(++number, lineStart, Arrays.copyOf(line, length), false) : null;
                    }
                    position = 0;
                    limit = read;
                }
                int end = position;
                while (end < limit && buffer[end] != '\n') {
                    end++;
                }
                int piece = end - position;
                offset += piece;
                if (end < limit && line == null) { // the whole line is in the buffer: the common case
                    byte[] whole = Arrays.copyOfRange(buffer, position, end);
                    position = end + 1;
                    offset++;
                    return parse(++number, lineStart, whole, true);
                }
                if (line == null) {
                    line = new byte[Math.max(2 * piece, 1024)];
                } else if (length + piece > line.length) {
                    line = Arrays.copyOf(line, Math.max(2 * line.length, length + piece));
                }
                System.arraycopy(buffer, position, line, length, piece);
                length += piece;
                position = end;
                if (end < limit) {
                    position++;
                    offset++;
                    return parse(++number, lineStart, Arrays.copyOf(line, length), true);
                }
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static Line parse(int number, long offset, byte[] bytes, boolean terminated) {
        if (!terminated) {
            return new Line(number, offset, null, "the line is unfinished (no end of line)");
        }
        if (bytes.length < 10 || bytes[8] != ' ') {
            return new Line(number, offset, null, "the line is not '<checksum> <record>'");
        }
        long expected;
        try {
            expected = Long.parseLong(new String(bytes, 0, 8, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            return new Line(number, offset, null, "the checksum is not hexadecimal");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 9, bytes.length - 9);
        if (crc.getValue() != expected) {
            return new Line(number, offset, null, "the checksum does not match the record");
        }
        try {
            byte[] record = java.util.Arrays.copyOfRange(bytes, 9, bytes.length);
            Json json = JsonReader.parse(record, record.length, MAX_DEPTH, true); // blocks may hold Python's Infinity
            if (json instanceof JsonObject object && object.size() > 0) {
                return new Line(number, offset, object, null);
            }
            return new Line(number, offset, null, "the record is not a JSON object");
        } catch (JsonSyntaxException e) {
            return new Line(number, offset, null, "the record is not JSON: " + e.getMessage());
        }
    }
}
