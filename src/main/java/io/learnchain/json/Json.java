package io.learnchain.json;

/**
 * An immutable JSON value that remembers exactly what it was made from.
 *
 * <p>Unlike general-purpose JSON libraries, this model never normalises: a number keeps its
 * literal ({@code 5}, {@code 5.0} and {@code 1e2} stay distinct), an object keeps its keys in the
 * order they arrived. That is what lets a block received from any node hash exactly as that node
 * hashed it (see {@link JsonWriter#canonical}).
 */
public sealed interface Json permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

    /** A short name of this value's JSON type for error messages ("a string", "an object", ...). */
    String typeName();
}
