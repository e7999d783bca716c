package io.learnchain.store;

/** The store could not record a change; the node answers 503 and accepts no more writes. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
