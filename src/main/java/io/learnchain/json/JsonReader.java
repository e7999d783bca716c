package io.learnchain.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A strict JSON reader (RFC 8259) for UTF-8 bytes that keeps numbers as literals and objects in
 * order. It refuses what could hurt the node: invalid UTF-8, nesting deeper than a limit, number
 * integers of more digits than Python reads ({@code sys.get_int_max_str_digits()}, 4,300; the sign
 * does not count, and float literals have no such limit in Python), trailing data.
 *
 * <p>Stateless apart from one parse; create one per document. Cost: linear in the input.
 */
public final class JsonReader {
    /** Python refuses to read integers of more digits than this ({@code sys.get_int_max_str_digits()}). */
    public static final int MAX_INTEGER_DIGITS = 4300;

    private final byte[] in;
    /** Where the document starts in {@code in}: error positions count from here. */
    private final int base;
    private final int end;
    private final int maxDepth;
    private final boolean allowNonFinite;
    private int pos;
    private int depth;
    private final StringBuilder text = new StringBuilder();

    private JsonReader(byte[] in, int offset, int length, int maxDepth, boolean allowNonFinite) {
        this.in = in;
        this.base = offset;
        this.pos = offset;
        this.end = offset + length;
        this.maxDepth = maxDepth;
        this.allowNonFinite = allowNonFinite;
    }

    /** Reads one JSON document that fills {@code bytes}. */
    public static Json parse(byte[] bytes, int maxDepth) throws JsonSyntaxException {
        return parse(bytes, bytes.length, maxDepth);
    }

    /** Reads one JSON document from the first {@code length} bytes of {@code bytes}. */
    public static Json parse(byte[] bytes, int length, int maxDepth) throws JsonSyntaxException {
        return parse(bytes, length, maxDepth, false);
    }

    /**
     * As {@link #parse(byte[], int, int)}; with {@code allowNonFinite}, also {@code NaN},
     * {@code Infinity} and {@code -Infinity}, which Python's json module reads and writes. Blocks
     * from Python nodes may hold them (a posted amount of 1e400 becomes Infinity there); requests
     * to this node's API may not.
     */
    public static Json parse(byte[] bytes, int length, int maxDepth, boolean allowNonFinite) throws JsonSyntaxException {
        return parse(bytes, 0, length, maxDepth, allowNonFinite);
    }

    /**
     * As above, for the {@code length} bytes from {@code offset}; error positions count from
     * {@code offset}.
     */
    public static Json parse(byte[] bytes, int offset, int length, int maxDepth, boolean allowNonFinite)
            throws JsonSyntaxException {
        JsonReader r = new JsonReader(bytes, offset, length, maxDepth, allowNonFinite);
        r.skipWhitespace();
        if (r.pos == r.end) {
            throw new JsonSyntaxException("Expected a JSON value but the body is empty", 0);
        }
        Json value = r.readValue();
        r.skipWhitespace();
        if (r.pos != r.end) {
            throw r.error("Unexpected data after the JSON value");
        }
        return value;
    }

    private Json readValue() throws JsonSyntaxException {
        if (pos >= end) {
            throw error("Unexpected end of JSON");
        }
        byte b = in[pos];
        switch (b) {
            case '{':
                return readObject();
            case '[':
                return readArray();
            case '"':
                return new JsonString(readString());
            case 't':
                expectWord("true");
                return JsonBoolean.TRUE;
            case 'f':
                expectWord("false");
                return JsonBoolean.FALSE;
            case 'n':
                expectWord("null");
                return JsonNull.NULL;
            case 'N':
            case 'I':
                return readNonFinite();
            default:
                if (b == '-' && allowNonFinite && pos + 1 < end && in[pos + 1] == 'I') {
                    return readNonFinite();
                }
                if (b == '-' || (b >= '0' && b <= '9')) {
                    return readNumber();
                }
                throw error("Unexpected " + describe(b));
        }
    }

    private JsonObject readObject() throws JsonSyntaxException {
        enter();
        pos++; // {
        LinkedHashMap<String, Json> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return JsonObject.wrap(members);
        }
        while (true) {
            String key = readKey();
            members.put(key, readValue());
            if (!another('}', "an object")) {
                depth--;
                return JsonObject.wrap(members);
            }
        }
    }

    private JsonArray readArray() throws JsonSyntaxException {
        enter();
        pos++; // [
        List<Json> items = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return JsonArray.EMPTY;
        }
        while (true) {
            skipWhitespace();
            items.add(readValue());
            if (!another(']', "a list")) {
                depth--;
                return new JsonArray(items);
            }
        }
    }

    /**
     * After a member or an item: consumes a ',' and returns true (another follows), or consumes
     * {@code close} and returns false; anything else is an error naming what was expected.
     */
    private boolean another(char close, String container) throws JsonSyntaxException {
        skipWhitespace();
        int c = peek();
        if (c == ',' || c == close) {
            pos++;
            return c == ',';
        }
        throw error("Expected ',' or '" + close + "' in " + container);
    }

    /** A member's key and its colon, with the whitespace around them; leaves the reader at the value. */
    private String readKey() throws JsonSyntaxException {
        skipWhitespace();
        if (peek() != '"') {
            throw error("Expected a string key");
        }
        String key = readString();
        skipWhitespace();
        expect(':');
        skipWhitespace();
        return key;
    }

    private void enter() throws JsonSyntaxException {
        if (++depth > maxDepth) {
            throw error("JSON is nested deeper than " + maxDepth + " levels");
        }
    }

    private JsonNumber readNonFinite() throws JsonSyntaxException {
        if (!allowNonFinite) {
            throw error("Unexpected " + describe(in[pos]) + " (NaN and Infinity are not JSON)");
        }
        String word = in[pos] == 'N' ? "NaN" : in[pos] == 'I' ? "Infinity" : "-Infinity";
        expectWord(word);
        return JsonNumber.nonFinite(word);
    }

    private JsonNumber readNumber() throws JsonSyntaxException {
        int start = pos;
        if (in[pos] == '-') {
            pos++;
        }
        int integerDigits;
        if (pos < end && in[pos] == '0') {
            pos++;
            integerDigits = 1;
        } else if (pos < end && in[pos] >= '1' && in[pos] <= '9') {
            integerDigits = skipDigits();
        } else {
            throw error("Invalid number");
        }
        boolean integer = pos >= end || (in[pos] != '.' && in[pos] != 'e' && in[pos] != 'E');
        if (integer && integerDigits > MAX_INTEGER_DIGITS) {
            throw new JsonSyntaxException("Integer of more than " + MAX_INTEGER_DIGITS + " digits", start - base);
        }
        if (pos < end && in[pos] == '.') {
            pos++;
            if (skipDigits() == 0) {
                throw error("Invalid number: digits expected after '.'");
            }
        }
        if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            if (skipDigits() == 0) {
                throw error("Invalid number: digits expected in the exponent");
            }
        }
        return JsonNumber.ofValidLiteral(new String(in, start, pos - start, java.nio.charset.StandardCharsets.US_ASCII));
    }

    private int skipDigits() {
        int start = pos;
        while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
        return pos - start;
    }

    private String readString() throws JsonSyntaxException {
        int start = pos;
        pos++; // opening quote
        // Fast path: plain ASCII without escapes needs no builder.
        int scan = pos;
        while (scan < end) {
            byte b = in[scan];
            if (b == '"') {
                pos = scan + 1;
                return new String(in, start + 1, scan - start - 1, java.nio.charset.StandardCharsets.US_ASCII);
            }
            if (b == '\\' || b < 0x20) { // negative bytes (non-ASCII) are < 0x20 too
                break;
            }
            scan++;
        }
        text.setLength(0);
        text.append(new String(in, pos, scan - pos, java.nio.charset.StandardCharsets.US_ASCII));
        pos = scan;
        while (true) {
            if (pos >= end) {
                throw new JsonSyntaxException("Unterminated string", start - base);
            }
            int b = in[pos] & 0xff;
            if (b == '"') {
                pos++;
                return text.toString();
            } else if (b == '\\') {
                readEscape();
            } else if (b < 0x20) {
                throw error("Control character U+00" + hex2(b) + " must be escaped in a string");
            } else if (b < 0x80) {
                text.append((char) b);
                pos++;
            } else {
                text.appendCodePoint(readUtf8());
            }
        }
    }

    private void readEscape() throws JsonSyntaxException {
        pos++; // backslash
        if (pos >= end) {
            throw error("Unterminated escape");
        }
        byte e = in[pos++];
        switch (e) {
            case '"' -> text.append('"');
            case '\\' -> text.append('\\');
            case '/' -> text.append('/');
            case 'b' -> text.append('\b');
            case 'f' -> text.append('\f');
            case 'n' -> text.append('\n');
            case 'r' -> text.append('\r');
            case 't' -> text.append('\t');
            case 'u' -> {
                if (pos + 4 > end) {
                    throw error("Truncated \\u escape");
                }
                int c = 0;
                for (int i = 0; i < 4; i++) {
                    int d = Character.digit(in[pos + i], 16);
                    if (d < 0) {
                        throw error("Invalid \\u escape");
                    }
                    c = (c << 4) | d;
                }
                pos += 4;
                text.append((char) c); // lone surrogates kept, as Python keeps them
            }
            default -> {
                pos--;
                throw error("Invalid escape \\" + describe(e));
            }
        }
    }

    /** Decodes one UTF-8 sequence strictly: no overlong forms, no surrogates, nothing above U+10FFFF. */
    private int readUtf8() throws JsonSyntaxException {
        int b0 = in[pos] & 0xff;
        int length;
        int min;
        int cp;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            length = 2;
            min = 0x80;
            cp = b0 & 0x1f;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            length = 3;
            min = 0x800;
            cp = b0 & 0x0f;
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            length = 4;
            min = 0x10000;
            cp = b0 & 0x07;
        } else {
            throw error("Invalid UTF-8");
        }
        if (pos + length > end) {
            throw error("Invalid UTF-8 (truncated sequence)");
        }
        for (int i = 1; i < length; i++) {
            int b = in[pos + i] & 0xff;
            if ((b & 0xc0) != 0x80) {
                throw error("Invalid UTF-8");
            }
            cp = (cp << 6) | (b & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            throw error("Invalid UTF-8");
        }
        pos += length;
        return cp;
    }

    private void expectWord(String word) throws JsonSyntaxException {
        for (int i = 0; i < word.length(); i++) {
            if (pos + i >= end || in[pos + i] != word.charAt(i)) {
                throw error("Invalid literal (expected '" + word + "')");
            }
        }
        pos += word.length();
    }

    private void expect(char c) throws JsonSyntaxException {
        if (peek() != c) {
            throw error("Expected '" + c + "'");
        }
        pos++;
    }

    private int peek() {
        return pos < end ? in[pos] & 0xff : -1;
    }

    private void skipWhitespace() {
        while (pos < end) {
            byte b = in[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    private JsonSyntaxException error(String message) {
        if (pos >= end) {
            return new JsonSyntaxException(message.startsWith("Unexpected end") ? message : message + " (input ended)", pos - base);
        }
        return new JsonSyntaxException(message, pos - base);
    }

    private static String describe(int b) {
        b &= 0xff;
        return (b > 0x20 && b < 0x7f) ? "'" + (char) b + "'" : "byte 0x" + hex2(b);
    }

    private static String hex2(int b) {
        return String.format("%02x", b);
    }
}
