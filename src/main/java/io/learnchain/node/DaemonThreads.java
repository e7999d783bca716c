package io.learnchain.node;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads of the node's own pools: daemons (a server stopping is never held up by them) with
 * names that say what they do in a thread dump ({@code sync-1}, {@code miner-2}).
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** Makes threads named {@code name-1}, {@code name-2}...; with {@code numbered} false, all named {@code name}. */
    public static ThreadFactory named(String name, boolean numbered) {
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, numbered ? name + "-" + counter.incrementAndGet() : name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops {@code executor} (its threads interrupted) and waits for them to end: {@link #awaitEnd}. */
    public static void stop(ExecutorService executor) {
        executor.shutdownNow();
        awaitEnd(executor);
    }

    /**
     * Waits a little (5 s at most) for a stopped executor's threads to end, so that a server
     * undeploying the WAR finds none left; an interrupt ends the wait and is kept.
     */
    public static void awaitEnd(ExecutorService executor) {
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A pool of at most {@code threads} threads named {@code name-N}, which end after 30 s idle; tasks queue. */
    public static ThreadPoolExecutor pool(String name, int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                named(name, true));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
