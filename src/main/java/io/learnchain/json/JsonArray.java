package io.learnchain.json;

import java.util.List;

/** A JSON array; the list is unmodifiable. */
public record JsonArray(List<Json> items) implements Json {
    public static final JsonArray EMPTY = new JsonArray(List.of());

    public JsonArray {
        items = List.copyOf(items);
    }

    public int size() {
        return items.size();
    }

    public Json get(int i) {
        return items.get(i);
    }

    @Override
    public String typeName() {
        return "a list";
    }
}
