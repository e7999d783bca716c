package io.learnchain.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
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
 */
public final class JsonWriter {
    /** Python compares {@code str} keys by code point; {@code String.compareTo} compares UTF-16 units. */
    static final Comparator<String> CODE_POINT_ORDER = JsonWriter::compareCodePoints;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final boolean canonical;
    private final StringBuilder out;

    private JsonWriter(boolean canonical, int capacity) {
        this.canonical = canonical;
        this.out = new StringBuilder(capacity);
    }

    /** {@code json.dumps(value, sort_keys=True)}. */
    public static String canonical(Json value) {
        JsonWriter w = new JsonWriter(true, 512);
        w.write(value);
        return w.out.toString();
    }

    /** The canonical text as the bytes Python hashes ({@code .encode()}: ASCII, as it is escaped). */
    public static byte[] canonicalBytes(Json value) {
        return canonical(value).getBytes(StandardCharsets.US_ASCII);
    }

    /** The value as received, without whitespace. */
    public static byte[] compact(Json value) {
        return compactString(value).getBytes(StandardCharsets.US_ASCII);
    }

    public static String compactString(Json value) {
        JsonWriter w = new JsonWriter(false, 512);
        w.write(value);
        return w.out.toString();
    }

    private void write(Json value) {
        if (value instanceof JsonObject o) {
            writeObject(o);
        } else if (value instanceof JsonArray a) {
            writeArray(a);
        } else if (value instanceof JsonString s) {
            writeString(s.value());
        } else if (value instanceof JsonNumber n) {
            out.append(canonical ? n.canonical() : n.literal());
        } else if (value instanceof JsonBoolean b) {
            out.append(b.value() ? "true" : "false");
        } else {
            out.append("null");
        }
    }

    private void writeObject(JsonObject object) {
        Iterable<Map.Entry<String, Json>> entries = object.members().entrySet();
        if (canonical && object.size() > 1) {
            List<Map.Entry<String, Json>> sorted = new ArrayList<>(object.members().entrySet());
            sorted.sort(Map.Entry.comparingByKey(CODE_POINT_ORDER));
            entries = sorted;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Json> e : entries) {
            if (!first) {
                out.append(canonical ? ", " : ",");
            }
            first = false;
            writeString(e.getKey());
            out.append(canonical ? ": " : ":");
            write(e.getValue());
        }
        out.append('}');
    }

    private void writeArray(JsonArray array) {
        out.append('[');
        List<Json> items = array.items();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(canonical ? ", " : ",");
            }
            write(items.get(i));
        }
        out.append(']');
    }

    /** Python's {@code py_encode_basestring_ascii}: escapes {@code " \\}, controls and all but printable ASCII. */
    private void writeString(String s) {
        out.append('"');
        int plain = 0; // most strings (hashes, names, keys) need no escape: copy them at once
        while (plain < s.length() && s.charAt(plain) >= 0x20 && s.charAt(plain) <= 0x7e && s.charAt(plain) != '"'
                && s.charAt(plain) != '\\') {
            plain++;
        }
        out.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c >= 0x20 && c <= 0x7e) {
                        out.append(c);
                    } else {
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    }
                }
            }
        }
        out.append('"');
    }

    private static int compareCodePoints(String a, String b) {
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
