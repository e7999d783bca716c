package io.learnchain.web;

/** A request that cannot be served; becomes {@code {"message": ...}} with {@code status}. */
public final class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
