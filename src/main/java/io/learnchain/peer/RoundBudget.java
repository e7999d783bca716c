package io.learnchain.peer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes one resolve round may hold of all its peers' answers together, shared by the round's
 * fetchers: each reserves what it reads before reading it, and gives back what it does not keep.
 * With rounds coalesced (one at a time), this bounds the memory peers can make the node hold.
 *
 * <p>Thread-safe; lock-free.
 */
public final class RoundBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    public RoundBudget(long limit) {
        this.limit = limit;
    }

    /** Takes {@code bytes} from the budget, or takes nothing and returns false if they do not fit. */
    boolean reserve(long bytes) {
        if (used.addAndGet(bytes) > limit) {
            used.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    public void release(long bytes) {
        used.addAndGet(-bytes);
    }

    long limit() {
        return limit;
    }
}
