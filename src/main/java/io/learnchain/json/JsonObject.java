package io.learnchain.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON object that keeps its members in arrival order. A repeated key keeps its first position
 * and its last value, as Python's {@code dict} does when {@code json.loads} reads it.
 */
public final class JsonObject implements Json {
    private final LinkedHashMap<String, Json> owned;
    private final Map<String, Json> members;

    private JsonObject(LinkedHashMap<String, Json> owned) {
        this.owned = owned;
        this.members = Collections.unmodifiableMap(owned);
    }

    /** Copies {@code members}, keeping their iteration order. */
    public static JsonObject of(Map<String, ? extends Json> members) {
        return new JsonObject(new LinkedHashMap<>(members));
    }

    /** Takes ownership of a map nobody else holds (the parser's and the builder's fresh maps). */
    static JsonObject wrap(LinkedHashMap<String, Json> owned) {
        return new JsonObject(owned);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Map<String, Json> members() {
        return members;
    }

    /** The members for this package's writer, which only reads them: no read-only wrapper per entry. */
    Map<String, Json> ownMembers() {
        return owned;
    }

    public Json get(String key) {
        return members.get(key);
    }

    /**
     * Refuses a request's object with a member not among {@code fields}, naming it and them:
     * "unknown field x: the fields are a, b and c".
     *
     * @throws IllegalArgumentException for the first member not among {@code fields}
     */
    public void allowOnly(java.util.List<String> fields) {
        for (String key : members.keySet()) {
            if (!fields.contains(key)) {
                String listed = fields.size() == 1 ? fields.get(0)
                        : String.join(", ", fields.subList(0, fields.size() - 1)) + " and " + fields.get(fields.size() - 1);
                throw new IllegalArgumentException("unknown field " + key + ": the fields are " + listed);
            }
        }
    }

    public boolean has(String key) {
        return members.containsKey(key);
    }

    public int size() {
        return members.size();
    }

    @Override
    public String typeName() {
        return "an object";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonObject other && members.equals(other.members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }

    @Override
    public String toString() {
        return JsonWriter.compactString(this);
    }

    /** Builds an object in insertion order; used for the node's own blocks and its answers. */
    public static final class Builder {
        private LinkedHashMap<String, Json> members = new LinkedHashMap<>();

        public Builder put(String key, Json value) {
            members.put(key, Objects.requireNonNull(value, key));
            return this;
        }

        public Builder put(String key, String value) {
            return put(key, new JsonString(value));
        }

        public Builder put(String key, long value) {
            return put(key, JsonNumber.of(value));
        }

        public JsonObject build() {
            JsonObject built = wrap(members);
            members = new LinkedHashMap<>();
            return built;
        }
    }
}
