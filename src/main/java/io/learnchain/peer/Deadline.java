package io.learnchain.peer;

import org.apache.hc.core5.concurrent.Cancellable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A bound on a whole exchange with a peer, whatever it does: when it passes, the requests it
 * watches are cut and the thread that opened it is interrupted, which stops the work on the
 * answer too (see {@link PeerClient}). Open it on the thread doing the exchange, close it after.
 *
 * <p>Close it before the thread writes to the node's store: an interrupt during file I/O
 * closes the file (Java's interruptible channels). Closing waits for an expiry under way, and
 * clears its interrupt.
 *
 * <p>Not for sharing between threads, apart from the timer that ends it.
 */
public final class Deadline implements AutoCloseable {
    private final Thread owner = Thread.currentThread();
    private final List<Cancellable> requests = new CopyOnWriteArrayList<>();
    private final ScheduledFuture<?> alarm;
    private volatile boolean passed;
    private boolean closed; // guarded by this

    public Deadline(ScheduledExecutorService timer, Duration duration) {
        this.alarm = timer.schedule(this::pass, duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Cuts {@code request} when the deadline passes (at once if it has). */
    <T extends Cancellable> T watch(T request) {
        requests.add(request);
        if (passed) {
            request.cancel();
        }
        return request;
    }

    public boolean passed() {
        return passed;
    }

    private synchronized void pass() {
        if (closed) {
            return;
        }
        passed = true;
        requests.forEach(Cancellable::cancel);
        owner.interrupt();
    }

    /** Ends the watch; an interrupt the deadline sent is cleared, and none comes after. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        alarm.cancel(false);
        if (passed) {
            Thread.interrupted();
        }
    }
}
