package io.learnchain.json;

/** The input is not JSON this node accepts; the message says what and where, for a client to read. */
public final class JsonSyntaxException extends Exception {
    private final int offset;

    public JsonSyntaxException(String message, int offset) {
        super(message + " at byte " + offset);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
