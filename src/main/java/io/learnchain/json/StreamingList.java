package io.learnchain.json;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads, straight from a stream, a JSON object whose member {@code key} is a list, handing over
 * that list's items one at a time: only the item being read is in memory, never the document
 * (a peer's chain of 100,000 blocks is 40 MB). The object's other members are checked and
 * dropped; a second member named {@code key} is refused. Each item, key and other member is
 * read by {@link JsonReader}, so syntax, nesting and number rules are the same as everywhere.
 *
 * <p>Structure is found by a small scanner that follows strings and brackets, resumable, so
 * that an item arriving in many pieces is scanned once. Not thread-safe.
 */
public final class StreamingList {
    /** Counts what is read, and may refuse more (a cap on an answer's size). */
    public interface Meter {
        /** Called before {@code bytes} more bytes are used; throws to stop reading. */
        void read(int bytes) throws IOException;
    }

    private final InputStream in;
    private final int maxDepth;
    private final int maxItemBytes;
    private final boolean allowNonFinite;
    private final Meter meter;
    private final String key;

    private byte[] buffer = new byte[1 << 16];
    private int start; // the first byte not consumed
    private int end;   // the end of what was read
    private boolean eof;
    private long dropped; // bytes of the input before buffer[0], for error positions

    private boolean inList;
    private boolean listFirst = true;
    private boolean listEnded;
    private int lastItemBytes;

    // the scan of the value under way, kept across reads
    private int scanPos;
    private int scanDepth;
    private boolean scanInString;
    private boolean scanEscape;

    private StreamingList(InputStream in, String key, int maxDepth, int maxItemBytes, boolean allowNonFinite, Meter meter) {
        this.in = in;
        this.key = key;
        this.maxDepth = Math.max(1, maxDepth - 2); // a member's or item's own: the object and the list are two levels
        this.maxItemBytes = maxItemBytes;
        this.allowNonFinite = allowNonFinite;
        this.meter = meter;
    }

    /**
     * Reads up to the start of the list {@code key}.
     *
     * @param maxDepth     the deepest nesting of the whole document
     * @param maxItemBytes the largest item (or other member) accepted; a larger one fails with
     *                     {@link ItemTooLargeException} as soon as it is known to be larger
     * @throws JsonSyntaxException if the input is not such an object
     */
    public static StreamingList open(InputStream in, String key, int maxDepth, int maxItemBytes, boolean allowNonFinite,
                                     Meter meter) throws IOException, JsonSyntaxException {
        StreamingList list = new StreamingList(in, key, maxDepth, maxItemBytes, allowNonFinite, meter);
        list.expect('{', "Expected an object with a \"" + key + "\" list");
        if (list.peekAfterWhitespace() == '}') {
            throw list.error("The object has no \"" + key + "\" list");
        }
        while (true) {
            String name = list.readKey();
            if (name.equals(key)) {
                list.expect('[', "\"" + key + "\" is not a list");
                list.inList = true;
                return list;
            }
            list.readValue();
            if (!list.another('}')) {
                throw list.error("The object has no \"" + key + "\" list");
            }
        }
    }

    /** A member or item larger than allowed; nothing more of it was read. */
    public static final class ItemTooLargeException extends IOException {
        ItemTooLargeException(String message) {
            super(message);
        }
    }

    /** The next item of the list, or null after the last. */
    public Json next() throws IOException, JsonSyntaxException {
        if (listEnded) {
            return null;
        }
        if (listFirst) {
            listFirst = false;
            if (peekAfterWhitespace() == ']') {
                start++;
                listEnded = true;
                return null;
            }
        } else if (!another(']')) {
            listEnded = true;
            return null;
        }
        int before = start;
        Json item = readValue();
        lastItemBytes = start - before;
        return item;
    }

    /** How many bytes the item {@link #next} returned last takes in the input. */
    public int lastItemBytes() {
        return lastItemBytes;
    }

    /** Reads past the list's remaining items and the rest of the document, checking its syntax. */
    public void finish() throws IOException, JsonSyntaxException {
        while (next() != null) {
            // items not asked for are checked and dropped
        }
        while (another('}')) {
            if (readKey().equals(key)) {
                throw error("A second \"" + key + "\" member");
            }
            readValue();
        }
        if (peekAfterWhitespace() != -1) {
            throw error("Unexpected data after the JSON value");
        }
    }

    // ---- the document's structure ----------------------------------------------------------

    /** After a member or item: true on a comma, false on {@code close}. */
    private boolean another(char close) throws IOException, JsonSyntaxException {
        int b = peekAfterWhitespace();
        if (b == ',') {
            start++;
            return true;
        }
        if (b == close) {
            start++;
            return false;
        }
        throw error(b == -1 ? "Unexpected end of JSON" : "Expected ',' or '" + close + "'");
    }

    private void expect(char c, String message) throws IOException, JsonSyntaxException {
        if (peekAfterWhitespace() != c) {
            throw error(message);
        }
        start++;
    }

    private String readKey() throws IOException, JsonSyntaxException {
        if (peekAfterWhitespace() != '"') {
            throw error("Expected a string key");
        }
        Json name = readValue();
        expect(':', "Expected ':'");
        return ((JsonString) name).value();
    }

    /** The next whole value, read by {@link JsonReader} once the scanner has found its end. */
    private Json readValue() throws IOException, JsonSyntaxException {
        if (peekAfterWhitespace() == -1) {
            throw error("Unexpected end of JSON");
        }
        scanPos = start;
        scanDepth = 0;
        scanInString = false;
        scanEscape = false;
        int valueEnd;
        while ((valueEnd = scan()) < 0) {
            if (!fill(true)) {
                throw error("Unexpected end of JSON");
            }
        }
        byte[] bytes = Arrays.copyOfRange(buffer, start, valueEnd);
        Json value = JsonReader.parse(bytes, bytes.length, maxDepth, allowNonFinite); // its errors count from the value's start
        start = valueEnd;
        return value;
    }

    /**
     * Continues the scan of the value at {@code start}: its end (exclusive), or -1 when more
     * input is needed. A scalar ends where a structural character or whitespace follows it.
     */
    private int scan() throws JsonSyntaxException {
        int i = scanPos;
        while (i < end) {
            byte b = buffer[i];
            if (scanInString) {
                if (scanEscape) {
                    scanEscape = false;
                } else if (b == '\\') {
                    scanEscape = true;
                } else if (b == '"') {
                    scanInString = false;
                    if (scanDepth == 0) {
                        return i + 1;
                    }
                }
            } else if (b == '"') {
                scanInString = true;
            } else if (b == '{' || b == '[') {
                if (++scanDepth > maxDepth) {
                    throw error("Nested deeper than " + maxDepth);
                }
            } else if (b == '}' || b == ']') {
                if (scanDepth == 0) {
                    return i; // a scalar ended by its container's close
                }
                if (--scanDepth == 0) {
                    return i + 1;
                }
            } else if (scanDepth == 0 && (b == ',' || b == ' ' || b == '\t' || b == '\n' || b == '\r') && i > start) {
                return i; // a scalar's end
            }
            i++;
        }
        scanPos = i;
        if (eof && scanDepth == 0 && !scanInString && i > start) {
            return i; // a scalar at the very end of the input: let the reader judge it
        }
        return -1;
    }

    // ---- input -----------------------------------------------------------------------------

    /** The next byte that is not whitespace, not consumed, or -1 at the end of the input. */
    private int peekAfterWhitespace() throws IOException {
        while (true) {
            while (start < end) {
                byte b = buffer[start];
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                    return b & 0xff;
                }
                start++;
            }
            if (!fill(false)) {
                return -1;
            }
        }
    }

    /**
     * Reads more input after what is buffered; false at its end. {@code forValue}: the bytes from
     * {@code start} on are one unfinished value, which may not grow past {@code maxItemBytes}.
     */
    private boolean fill(boolean forValue) throws IOException {
        if (eof) {
            return false;
        }
        if (forValue && end - start > maxItemBytes) {
            throw new ItemTooLargeException("an item is more than " + maxItemBytes + " bytes");
        }
        if (start > 0) { // keep only what is not consumed
            System.arraycopy(buffer, start, buffer, 0, end - start);
            dropped += start;
            scanPos -= start;
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            eof = true;
            return false;
        }
        meter.read(n);
        end += n;
        return true;
    }

    private JsonSyntaxException error(String message) {
        return new JsonSyntaxException(message, (int) Math.min(Integer.MAX_VALUE, dropped + start));
    }
}
