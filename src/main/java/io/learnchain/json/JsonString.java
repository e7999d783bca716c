package io.learnchain.json;

import java.util.Objects;

/** A JSON string; {@code value} is the decoded text, which may hold lone surrogates as Python allows. */
public record JsonString(String value) implements Json {
    public JsonString {
        Objects.requireNonNull(value);
    }

    @Override
    public String typeName() {
        return "a string";
    }
}
