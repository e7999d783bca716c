package io.learnchain.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link Json} as text, in one of two layouts that share Python's string escaping
 * ({@code ensure_ascii}: the output is pure ASCII, anything else is a {@code \\uXXXX} escape).
 *
 * <ul>
 *   <li>{@link #canonical}: exactly {@code json.dumps(value, sort_keys=True)}. Keys sorted by
 *       code point at every depth, {@code ", "} and {@code ": "} separators, numbers as Python
 *       prints what it read. This is what block hashes are made of.</li>
 *   <li>{@link #compact}: the value as received: keys in their order, number literals untouched,
 *       no spaces. This is what the node serves and stores.</li>
 * </ul>
 *
 * <p>The output is ASCII, so it is written straight into bytes: every block is written this way
 * when it is made, received or loaded, and a block's text is most of what a node handles.
 */
public final class JsonWriter {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final boolean canonical;
    private byte[] out = new byte[512];
    private int size;

    private JsonWriter(boolean canonical) {
        this.canonical = canonical;
    }

    /** {@code json.dumps(value, sort_keys=True)}. */
    public static String canonical(Json value) {
        return written(true, value).text();
    }

    /** The canonical text as the bytes Python hashes ({@code .encode()}: ASCII, as it is escaped). */
    public static byte[] canonicalBytes(Json value) {
        return written(true, value).bytes();
    }

    /** The value as received, without whitespace. */
    public static byte[] compact(Json value) {
        return written(false, value).bytes();
    }

    public static String compactString(Json value) {
        return written(false, value).text();
    }

    private static JsonWriter written(boolean canonical, Json value) {
        JsonWriter w = new JsonWriter(canonical);
        w.write(value);
        return w;
    }

    private byte[] bytes() {
        return Arrays.copyOf(out, size);
    }

    private String text() {
        return new String(out, 0, size, StandardCharsets.ISO_8859_1); // ASCII: one byte a char
    }

    private void write(Json value) {
        if (value instanceof JsonObject o) {
            writeObject(o);
        } else if (value instanceof JsonArray a) {
            writeArray(a);
        } else if (value instanceof JsonString s) {
            writeString(s.value());
        } else if (value instanceof JsonNumber n) {
            writeAscii(canonical ? n.canonical() : n.literal());
        } else if (value instanceof JsonBoolean b) {
            writeAscii(b.value() ? "true" : "false");
        } else {
            writeAscii("null");
        }
    }

    private void writeObject(JsonObject object) {
        Map<String, Json> members = object.ownMembers();
        int n = members.size();
        String[] keys = new String[n];
        Json[] values = new Json[n];
        int i = 0;
        for (Map.Entry<String, Json> e : members.entrySet()) {
            keys[i] = e.getKey();
            values[i] = e.getValue();
            i++;
        }
        if (canonical) {
            sortByKey(keys, values);
        }
        writeByte('{');
        for (i = 0; i < n; i++) {
            if (i > 0) {
                separator(',');
            }
            writeString(keys[i]);
            separator(':');
            write(values[i]);
        }
        writeByte('}');
    }

    /** Insertion sort: objects here have a handful of members, often already in order. */
    private static void sortByKey(String[] keys, Json[] values) {
        for (int i = 1; i < keys.length; i++) {
            String key = keys[i];
            Json value = values[i];
            int j = i - 1;
            while (j >= 0 && compareCodePoints(keys[j], key) > 0) {
                keys[j + 1] = keys[j];
                values[j + 1] = values[j];
                j--;
            }
            keys[j + 1] = key;
            values[j + 1] = value;
        }
    }

    private void writeArray(JsonArray array) {
        writeByte('[');
        List<Json> items = array.items();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                separator(',');
            }
            write(items.get(i));
        }
        writeByte(']');
    }

    /** {@code ,} or {@code :}, followed by a space in Python's default layout. */
    private void separator(char c) {
        writeByte(c);
        if (canonical) {
            writeByte(' ');
        }
    }

    /** Python's {@code py_encode_basestring_ascii}: escapes {@code " \\}, controls and all but printable ASCII. */
    private void writeString(String s) {
        int n = s.length();
        ensure(n + 2);
        out[size++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c <= 0x7e && c != '"' && c != '\\') {
                out[size++] = (byte) c; // room was made for every plain character
                continue;
            }
            ensure(6 + n - i);
            switch (c) {
                case '"' -> escape('"');
                case '\\' -> escape('\\');
                case '\n' -> escape('n');
                case '\r' -> escape('r');
                case '\t' -> escape('t');
                case '\b' -> escape('b');
                case '\f' -> escape('f');
                default -> {
                    escape('u');
                    out[size++] = HEX[c >> 12];
                    out[size++] = HEX[(c >> 8) & 0xf];
                    out[size++] = HEX[(c >> 4) & 0xf];
                    out[size++] = HEX[c & 0xf];
                }
            }
        }
        ensure(1);
        out[size++] = '"';
    }

    private void escape(char c) {
        out[size++] = '\\';
        out[size++] = (byte) c;
    }

    /** Text known to be ASCII: number literals and keywords. */
    private void writeAscii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            out[size++] = (byte) s.charAt(i);
        }
    }

    private void writeByte(char c) {
        ensure(1);
        out[size++] = (byte) c;
    }

    private void ensure(int more) {
        if (size + more > out.length) {
            out = Arrays.copyOf(out, Math.max(2 * out.length, size + more));
        }
    }

    /** Code point order; UTF-16 unit order agrees with it unless a surrogate is where they differ. */
    private static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int k = 0; k < n; k++) {
            char ca = a.charAt(k);
            char cb = b.charAt(k);
            if (ca != cb) {
                if (Character.isSurrogate(ca) || Character.isSurrogate(cb)) {
                    return compareBySurrogatePairs(a, b);
                }
                return ca - cb;
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** Code point by code point from the start: a pair is one code point, a lone surrogate is its own. */
    private static int compareBySurrogatePairs(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
