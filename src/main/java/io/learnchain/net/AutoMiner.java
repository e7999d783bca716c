package io.learnchain.net;

import io.learnchain.json.JsonReader;
import io.learnchain.json.JsonSyntaxException;
import io.learnchain.json.JsonWriter;
import io.learnchain.node.DaemonThreads;
import io.learnchain.node.EventLog;
import io.learnchain.node.MiningPlan;
import io.learnchain.node.NodeStoppedException;
import io.learnchain.store.SmallFile;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Mines by itself as its {@link MiningPlan} says: after a client's transaction, at intervals, or
 * N blocks when asked; blocks go to peers as {@code /mine}'s do. One thread does all of it, so
 * that this node never mines two blocks at once by itself. The plan is kept in the data
 * directory ({@value #FILE}) and survives a restart. Thread-safe.
 */
public final class AutoMiner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AutoMiner.class.getName());
    static final String FILE = "mining.json";
    /** At most this many blocks wait to be mined on request: "mine N" is for a lesson, not a flood. */
    public static final int MAX_QUEUED = 100;

    private final Network network;
    private final Path directory; // null: not kept (a node in memory)
    private final int maxThreads;
    private final ScheduledExecutorService thread;
    private MiningPlan plan;
    private ScheduledFuture<?> next;
    private int queued;
    private boolean transactionWaiting;

    AutoMiner(Network network, Path directory) {
        this.network = network;
        this.directory = directory;
        this.maxThreads = network.blockchain().miningThreads();
        this.thread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("auto-miner", false));
        this.plan = directory == null ? MiningPlan.manual(maxThreads) : read(directory, maxThreads);
        network.blockchain().throttleMining(plan.threads(), plan.duty());
        if (!plan.mode().equals(MiningPlan.MANUAL)) {
            LOG.info(() -> "mining by itself, as kept in " + directory.resolve(FILE) + ": " + plan.describe());
        }
        scheduleInterval();
    }

    private static MiningPlan read(Path directory, int maxThreads) {
        Optional<byte[]> bytes = SmallFile.read(directory, FILE);
        if (bytes.isEmpty()) {
            return MiningPlan.manual(maxThreads);
        }
        try {
            return MiningPlan.fromJson(JsonReader.parse(bytes.get(), bytes.get().length, 4, false), maxThreads);
        } catch (JsonSyntaxException e) {
            LOG.warning(() -> directory.resolve(FILE) + " cannot be read (" + e.getMessage() + "): mining manually");
            return MiningPlan.manual(maxThreads);
        }
    }

    public synchronized MiningPlan plan() {
        return plan;
    }

    /** Blocks waiting to be mined on request. */
    public synchronized int queued() {
        return queued;
    }

    /**
     * Mines from now on as {@code changed} says, kept for restarts; switching to {@code manual}
     * also drops the blocks waiting to be mined on request: one way to stop it all at once.
     */
    public synchronized void apply(MiningPlan changed) {
        if (directory != null) {
            SmallFile.write(directory, FILE, JsonWriter.compact(changed.json()));
        }
        plan = changed;
        network.blockchain().throttleMining(changed.threads(), changed.duty());
        if (changed.mode().equals(MiningPlan.MANUAL)) {
            queued = 0;
            transactionWaiting = false;
        }
        events().report("mining", "plan", "mining from now on: " + changed.describe(), "mode", changed.mode(),
                "min_interval_ms", changed.minIntervalMs(), "max_interval_ms", changed.maxIntervalMs(), "threads", changed.threads(),
                "duty", changed.duty());
        scheduleInterval();
    }

    /** Queues {@code count} blocks to mine one after another; returns how many wait now. */
    public synchronized int mine(int count) {
        if (count < 1 || queued + count > MAX_QUEUED) {
            throw new IllegalArgumentException("count must be from 1 to " + (MAX_QUEUED - queued) + " (at most " + MAX_QUEUED
                    + " blocks wait at a time; " + queued + " do now)");
        }
        boolean idle = queued == 0;
        queued += count;
        if (idle) {
            submit(this::mineQueued);
        }
        return queued;
    }

    /** A client posted a transaction to this node (not a peer's relay): in on-transaction mode, a block soon. */
    void transactionPosted() {
        synchronized (this) {
            if (!plan.mode().equals(MiningPlan.ON_TRANSACTION) || transactionWaiting) {
                return;
            }
            transactionWaiting = true;
        }
        submit(this::mineForTransactions);
    }

    private void mineForTransactions() {
        synchronized (this) {
            transactionWaiting = false; // one posted from now on asks for another block
            if (!plan.mode().equals(MiningPlan.ON_TRANSACTION)) {
                return;
            }
        }
        mineOne();
    }

    private void mineQueued() {
        while (true) {
            synchronized (this) {
                if (queued == 0) {
                    return;
                }
                queued--;
            }
            if (!mineOne()) {
                synchronized (this) {
                    queued = 0;
                }
                return;
            }
        }
    }

    /** In interval mode, the next block after the plan's delay (each time drawn anew). */
    private synchronized void scheduleInterval() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
        if (!plan.mode().equals(MiningPlan.INTERVAL)) {
            return;
        }
        MiningPlan scheduledFor = plan;
        try {
            next = thread.schedule(() -> {
                synchronized (this) {
                    if (plan != scheduledFor) {
                        return; // changed meanwhile: the new plan scheduled its own
                    }
                }
                mineOne();
                scheduleInterval();
            }, scheduledFor.nextDelayMs(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // the node is stopping
        }
    }

    private void submit(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException stopping) {
            // the node is stopping
        }
    }

    /** Mines one block as {@code /mine} does; false when the node is stopping or mining failed. */
    private boolean mineOne() {
        try {
            network.mine(null);
            return true;
        } catch (NodeStoppedException e) {
            return false;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "mining by itself failed", e);
            return false;
        }
    }

    private EventLog events() {
        return network.blockchain().events();
    }

    @Override
    public void close() {
        thread.shutdownNow();
        DaemonThreads.awaitEnd(thread);
    }
}
