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

    /**
     * A line of a file: where it starts, and its record or why it is unreadable. For a block's
     * record ({@code {"block":...}}, as {@link #encode(Block)} writes it), {@code blockEncoding}
     * holds the block's bytes exactly as they are in the file; otherwise it is null.
     */
    record Line(int number, long offset, JsonObject record, String problem, byte[] blockEncoding) {
        static Line bad(int number, long offset, String problem) {
            return new Line(number, offset, null, problem, null);
        }

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
                        return length > 0 ? Line.bad(++number, lineStart, "the line is unfinished (no end of line)") : null;
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
                    int start = position;
                    position = end + 1;
                    offset++;
                    return parse(++number, lineStart, buffer, start, end);
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
                    return parse(++number, lineStart, line, 0, length);
                }
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static final byte[] BLOCK_RECORD_HEAD = "{\"block\":{".getBytes(StandardCharsets.US_ASCII);

    /** Reads the line held in {@code bytes[from, to)}, its end of line excluded. */
    private static Line parse(int number, long offset, byte[] bytes, int from, int to) {
        int length = to - from;
        if (length < 10 || bytes[from + 8] != ' ') {
            return Line.bad(number, offset, "the line is not '<checksum> <record>'");
        }
        long expected;
        try {
            expected = Long.parseLong(new String(bytes, from, 8, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            return Line.bad(number, offset, "the checksum is not hexadecimal");
        }
        int json = from + 9;
        CRC32C crc = new CRC32C();
        crc.update(bytes, json, to - json);
        if (crc.getValue() != expected) {
            return Line.bad(number, offset, "the checksum does not match the record");
        }
        try {
            // blocks may hold Python's Infinity
            if (!(JsonReader.parse(bytes, json, to - json, MAX_DEPTH, true) instanceof JsonObject object) || object.size() == 0) {
                return Line.bad(number, offset, "the record is not a JSON object");
            }
            byte[] block = null;
            if (object.size() == 1 && Arrays.equals(bytes, json, json + BLOCK_RECORD_HEAD.length, BLOCK_RECORD_HEAD, 0,
                    BLOCK_RECORD_HEAD.length) && bytes[to - 2] == '}' && bytes[to - 1] == '}') {
                block = Arrays.copyOfRange(bytes, json + BLOCK_RECORD_HEAD.length - 1, to - 1);
            }
            return new Line(number, offset, object, null, block);
        } catch (JsonSyntaxException e) {
            return Line.bad(number, offset, "the record is not JSON: " + e.getMessage());
        }
    }
}
