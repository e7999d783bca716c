package io.learnchain.json;

/** The input is not JSON this node accepts; the message says what and where, for a client to read. */
public final class JsonSyntaxException extends Exception {
    public JsonSyntaxException(String message, int offset) {
        super(message + " at byte " + offset);
    }
}
