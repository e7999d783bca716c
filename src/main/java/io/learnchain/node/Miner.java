package io.learnchain.node;

import io.learnchain.chain.Block;
import io.learnchain.chain.ProofOfWork;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * Finds the smallest valid proof after a block using several threads, so that the result is the
 * one the single-threaded Python node finds.
 *
 * <p>The proof space is cut into ordered chunks handed out in turn; a thread that finds a proof
 * records it, no chunk beyond the best proof found is started, and chunks below it are finished,
 * so the smallest proof wins. A search stops early when its caller says the tip has changed.
 *
 * <p>Thread-safe. Concurrent requests for the same parent block share one search.
 */
public final class Miner implements AutoCloseable {
    static final long CHUNK = 1 << 14;

    private final int threads;
    private final int difficulty;
    private final ExecutorService helpers;
    private final ConcurrentHashMap<String, SharedSearch> searches = new ConcurrentHashMap<>();
    private final LongAdder attempts = new LongAdder();
    /** How many of the threads search, and the share of time they do: a throttle for slow laptops. */
    private volatile int searching;
    private volatile double duty = 1;

    public Miner(int threads) {
        this(threads, ProofOfWork.DIFFICULTY);
    }

    /** A miner for a network of {@code difficulty} leading hex zeros. */
    public Miner(int threads, int difficulty) {
        this.difficulty = difficulty;
        if (threads < 1) {
            throw new IllegalArgumentException("mining threads must be at least 1");
        }
        this.threads = threads;
        this.searching = threads;
        this.helpers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, DaemonThreads.named("miner", true));
    }

    int threads() {
        return threads;
    }

    /**
     * Lets at most {@code threads} of this miner's threads search, each resting after every chunk of
     * proofs so that it searches {@code duty} of the time. Takes effect at the next search; safe
     * from any thread.
     */
    public void throttle(int threads, double duty) {
        if (threads < 1 || threads > this.threads || !(duty > 0 && duty <= 1)) {
            throw new IllegalArgumentException("threads from 1 to " + this.threads + " and a duty above 0 and at most 1");
        }
        this.searching = threads;
        this.duty = duty;
    }

    /** Proofs tried since this miner was made, across all its threads (cancelled chunks not counted). */
    public long attempts() {
        return attempts.sum();
    }

    /**
     * The smallest valid proof after {@code parent}, or {@link ProofOfWork#CANCELLED} once
     * {@code stale} is true. Blocks the calling thread, which takes part in the search.
     */
    long findProof(Block parent, BooleanSupplier stale) {
        SharedSearch mine = new SharedSearch();
        SharedSearch running = searches.putIfAbsent(parent.hash(), mine);
        if (running != null) {
            return running.await();
        }
        try {
            long proof = search(parent.proof().canonical(), parent.hash(), stale);
            mine.complete(proof);
            return proof;
        } catch (RuntimeException | Error e) {
            mine.complete(ProofOfWork.CANCELLED);
            throw e;
        } finally {
            searches.remove(parent.hash(), mine);
        }
    }

    /** The parallel search itself, without sharing between callers. */
    public long search(String lastProof, String lastHash, BooleanSupplier stale) {
        AtomicLong nextChunk = new AtomicLong();
        AtomicLong best = new AtomicLong(Long.MAX_VALUE);
        AtomicBoolean cancelled = new AtomicBoolean();
        double share = duty;
        Runnable worker = () -> {
            ProofOfWork pow = new ProofOfWork(lastProof, lastHash, difficulty);
            while (true) {
                long start = nextChunk.getAndIncrement() * CHUNK;
                if (start >= best.get()) {
                    return;
                }
                // stop as soon as a smaller proof is known too: then this chunk cannot hold the smallest
                long began = System.nanoTime();
                long found = pow.search(start, start + CHUNK, () -> best.get() < start || stale.getAsBoolean());
                if (share < 1 && found < 0 && found != ProofOfWork.CANCELLED) {
                    // rest as long as the chunk took, scaled: searching `share` of the time
                    java.util.concurrent.locks.LockSupport.parkNanos((long) ((System.nanoTime() - began) * (1 - share) / share));
                }
                if (found == ProofOfWork.CANCELLED) {
                    if (best.get() >= start) {
                        cancelled.set(true); // a chunk was left unfinished: the best may not be the smallest
                    }
                    return;
                }
                attempts.add(found >= 0 ? found - start + 1 : CHUNK);
                if (found >= 0) {
                    best.accumulateAndGet(found, Math::min);
                    return;
                }
            }
        };
        int workers = searching;
        List<Future<?>> others = new ArrayList<>(workers - 1);
        for (int i = 1; i < workers; i++) {
            others.add(helpers.submit(worker));
        }
        worker.run();
        for (Future<?> f : others) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ProofOfWork.CANCELLED;
            } catch (ExecutionException e) {
                throw new IllegalStateException("proof search failed", e.getCause());
            }
        }
        return cancelled.get() ? ProofOfWork.CANCELLED : best.get();
    }

    @Override
    public void close() {
        if (helpers != null) {
            DaemonThreads.stop(helpers);
        }
    }

    /** A search others may wait for. */
    private static final class SharedSearch {
        private long result;
        private boolean done;

        synchronized void complete(long proof) {
            result = proof;
            done = true;
            notifyAll();
        }

        synchronized long await() {
            while (!done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return ProofOfWork.CANCELLED;
                }
            }
            return result;
        }
    }
}
