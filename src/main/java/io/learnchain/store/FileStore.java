package io.learnchain.store;

import io.learnchain.chain.Block;
import io.learnchain.chain.InvalidChainException;
import io.learnchain.chain.Transaction;
import io.learnchain.json.Json;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import java.util.logging.Logger;

/**
 * A node's data in a directory of plain files, durable against crashes and power loss.
 *
 * <ul>
 *   <li>{@code snapshot.log}: the whole state (node id, chain, pending, peers) as of one
 *       generation. Written only to start a store and to replace much of the chain: a new file
 *       is written, flushed, renamed over the old one, and the directory flushed, so it is
 *       always either the old snapshot or the new one.</li>
 *   <li>{@code journal-<generation>.log}: the changes since that snapshot, appended one record a
 *       line (a transaction, a block, peers added or removed, a short reorg: the blocks that
 *       change and the pool after it, in one line so that it applies whole or not at all).
 *       Writers append to a buffer; the first writer
 *       to wait flushes everything buffered with one {@code fdatasync}, so concurrent writers
 *       share the cost of the disk.</li>
 * </ul>
 *
 * <p>Every line carries a CRC-32C. On opening, an unreadable last stretch of the journal is an
 * interrupted append (never acknowledged) and is cut off; an unreadable line with good lines
 * after it, or any damage to the snapshot, is corruption, and opening fails with a
 * {@link CorruptStoreException} that says where. A lock file keeps two nodes out of one
 * directory; once closed, the store refuses every change, so a stopped node's late writer cannot
 * replace a snapshot or delete a journal that a new node opened since.
 *
 * <p>Thread-safety and costs as {@link NodeStore} says.
 */
public final class FileStore implements NodeStore {
    private static final Logger LOG = Logger.getLogger(FileStore.class.getName());
    private static final String SNAPSHOT = "snapshot.log";
    /** A reorg this small is one journal line; a larger one writes a new snapshot. */
    private static final int MAX_REORG_BLOCKS = 1000;
    private static final int MAX_REORG_PENDING = 10_000;

    private final Path directory;
    private final LongConsumer flushed;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Contents loaded;

    /** Guards {@link #buffer} and {@link #recorded}. */
    private final Object bufferLock = new Object();
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
    private long recorded;

    /** Guards {@link #flushInProgress}. */
    private final Object flushLock = new Object();
    /** Set while a leader writes and syncs the journal (or switches files); nobody else touches them then. */
    private CompletableFuture<Void> flushInProgress;
    private volatile long durable;
    private volatile StoreException failure;
    private volatile boolean closed;

    private String nodeId;
    private final List<String> peers = new ArrayList<>();
    private long generation;
    private FileChannel journal;

    /**
     * Opens (or creates) the store in {@code directory}.
     *
     * @throws CorruptStoreException if stored data is damaged
     * @throws StoreException        if the directory cannot be used
     */
    public FileStore(Path directory) {
        this(directory, nanos -> { });
    }

    /**
     * Opens (or creates) the store in {@code directory}, telling {@code flushed} how long each
     * group commit's write and fdatasync took, in nanoseconds (called by the flushing thread:
     * it must be quick).
     *
     * @throws CorruptStoreException if stored data is damaged
     * @throws StoreException        if the directory cannot be used
     */
    public FileStore(Path directory, LongConsumer flushed) {
        this.flushed = flushed;
        this.directory = directory.toAbsolutePath();
        try {
            Files.createDirectories(this.directory);
            lockChannel = FileChannel.open(this.directory.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("cannot use the data directory " + this.directory + ": " + e, e);
        }
        try {
            lock = lockChannel.tryLock();
            if (lock == null) {
                throw new OverlappingFileLockException();
            }
        } catch (IOException | OverlappingFileLockException e) {
            closeQuietly(lockChannel);
            throw new StoreException("another node is using the data directory " + this.directory);
        }
        try {
            this.loaded = open();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private Contents open() {
        Path snapshot = directory.resolve(SNAPSHOT);
        try {
            Files.deleteIfExists(directory.resolve(SNAPSHOT + ".tmp")); // an unfinished replacement
            if (!Files.exists(snapshot)) {
                return null;
            }
            State state = readSnapshot(snapshot);
            Path journalFile = journalPath(generation);
            if (Files.exists(journalFile)) {
                replayJournal(journalFile, state);
            }
            deleteOtherJournals();
            journal = openJournal(journalFile);
            return new Contents(nodeId, state.chain, state.pending, List.copyOf(peers));
        } catch (IOException e) {
            throw new StoreException("cannot read the data directory " + directory + ": " + e, e);
        }
    }

    private static final class State {
        final List<Block> chain = new ArrayList<>();
        List<Transaction> pending = new ArrayList<>();
    }

    /** Reads the snapshot: a header, the records, a trailer that counts them; anything else is damage. */
    private State readSnapshot(Path file) throws IOException {
        State state = new State();
        try (RecordFile.Reader reader = new RecordFile.Reader(file)) {
            RecordFile.Line line = reader.next();
            if (line == null || !line.good() || !(line.record().get("node_id") instanceof JsonString id)
                    || !(line.record().get("generation") instanceof JsonNumber gen) || !gen.isInteger()) {
                throw new CorruptStoreException(file, "line 1", line != null && !line.good() ? line.problem()
                        : "the snapshot does not start with its header");
            }
            nodeId = id.value();
            generation = gen.bigInteger().longValueExact();
            long records = 0;
            while ((line = reader.next()) != null) {
                if (!line.good()) {
                    throw new CorruptStoreException(file, where(line), line.problem());
                }
                if (line.record().size() == 1 && line.record().get("end") instanceof JsonNumber end) {
                    if (!end.canonical().equals(Long.toString(records)) || reader.next() != null) {
                        throw new CorruptStoreException(file, where(line), "the trailer does not close the snapshot");
                    }
                    return state;
                }
                apply(file, line, state);
                records++;
            }
        }
        throw new CorruptStoreException(file, "its end", "the snapshot does not end with its trailer");
    }

    /**
     * Replays the journal. An unreadable stretch at the end is a write a crash cut short and is
     * cut off; an unreadable line with a good one after it is damage.
     */
    private void replayJournal(Path file, State state) throws IOException {
        RecordFile.Line firstBad = null;
        try (RecordFile.Reader reader = new RecordFile.Reader(file)) {
            RecordFile.Line line;
            while ((line = reader.next()) != null) {
                if (!line.good()) {
                    if (firstBad == null) {
                        firstBad = line;
                    }
                } else if (firstBad != null) {
                    throw new CorruptStoreException(file, where(firstBad), firstBad.problem()
                            + ", and good records follow it (line " + line.number() + "), so it is not an interrupted write");
                } else {
                    apply(file, line, state);
                }
            }
        }
        if (firstBad != null) {
            long size = Files.size(file);
            LOG.warning("dropping an unfinished record at the end of " + file + " (" + (size - firstBad.offset())
                    + " bytes from byte " + firstBad.offset() + "): a write cut short by a crash, never acknowledged");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(firstBad.offset());
                channel.force(true);
            }
        }
    }

    private void apply(Path file, RecordFile.Line line, State state) {
        JsonObject record = line.record();
        try {
            if (record.get("block") instanceof JsonObject json) {
                Block block = line.blockEncoding() != null ? Block.fromEncoding(json, line.blockEncoding()) : Block.fromJson(json);
                state.chain.add(block);
                if (!state.pending.isEmpty()) { // a snapshot's blocks come before its pool: nothing to take out
                    state.pending = new ArrayList<>(Transaction.without(state.pending, block.transactions()));
                }
            } else if (record.get("tx") instanceof JsonObject tx) {
                state.pending.add(new Transaction(tx));
            } else if (record.get("peers") instanceof JsonArray list) {
                peers.addAll(strings(list));
            } else if (record.get("removed_peers") instanceof JsonArray list) {
                peers.removeAll(strings(list));
            } else if (record.get("reorg") instanceof JsonObject reorg && record.get("blocks") instanceof JsonArray blocks
                    && reorg.get("keep") instanceof JsonNumber keep && reorg.get("pending") instanceof JsonArray pending) {
                int kept = keep.bigInteger().intValueExact();
                state.chain.subList(kept, state.chain.size()).clear();
                for (Json block : blocks.items()) {
                    state.chain.add(Block.fromJson(block));
                }
                state.pending = new ArrayList<>();
                for (Json tx : pending.items()) {
                    state.pending.add(new Transaction((JsonObject) tx));
                }
            } else {
                throw new CorruptStoreException(file, where(line), "unknown record " + record);
            }
        } catch (InvalidChainException | ClassCastException | ArithmeticException | IndexOutOfBoundsException e) {
            throw new CorruptStoreException(file, where(line), "the record is malformed: " + e.getMessage());
        }
    }

    private static List<String> strings(JsonArray list) {
        List<String> values = new ArrayList<>(list.size());
        for (Json item : list.items()) {
            values.add(((JsonString) item).value());
        }
        return values;
    }

    private static String where(RecordFile.Line line) {
        return "line " + line.number() + " (byte " + line.offset() + ")";
    }

    @Override
    public Optional<Contents> load() {
        return Optional.ofNullable(loaded);
    }

    @Override
    public long initialize(String nodeId, Block genesis) {
        this.nodeId = nodeId;
        return newGeneration(List.of(genesis), List.of());
    }

    @Override
    public long addPending(Transaction transaction) {
        return append(JsonObject.builder().put("tx", transaction.json()).build());
    }

    @Override
    public long appendBlock(Block block) {
        return append(RecordFile.encode(block));
    }

    @Override
    public long addPeers(List<String> newPeers) {
        long position = append(JsonObject.builder().put("peers", jsonStrings(newPeers)).build());
        peers.addAll(newPeers);
        return position;
    }

    @Override
    public long removePeers(List<String> removed) {
        long position = append(JsonObject.builder().put("removed_peers", jsonStrings(removed)).build());
        peers.removeAll(removed);
        return position;
    }

    private static JsonArray jsonStrings(List<String> values) {
        List<Json> items = new ArrayList<>(values.size());
        values.forEach(v -> items.add(new JsonString(v)));
        return new JsonArray(items);
    }

    private long append(JsonObject record) {
        return append(RecordFile.encode(record));
    }

    private long append(byte[] line) {
        checkUsable();
        synchronized (bufferLock) {
            buffer.writeBytes(line);
            return ++recorded;
        }
    }

    /**
     * Group commit, leader and followers: the first writer to find no flush under way becomes
     * the leader and flushes everything buffered so far; writers arriving meanwhile park on that
     * flush and are all released when it ends. Those it covered return; of the others, one leads
     * the next flush. One fdatasync thus serves every writer that arrived during the previous one.
     */
    @Override
    public void awaitDurable(long position) {
        while (durable < position) {
            CompletableFuture<Void> flush = joinOrLeadFlush();
            if (flush != null) {
                flush.join(); // then look again: that flush may have started before our record
                continue;
            }
            long upTo = -1;
            try {
                upTo = flushBuffered();
            } finally {
                endFlush(upTo);
            }
        }
    }

    /** The flush under way to wait for, or null when the caller is now the leader. */
    private CompletableFuture<Void> joinOrLeadFlush() {
        synchronized (flushLock) {
            checkUsable();
            if (flushInProgress != null) {
                return flushInProgress;
            }
            flushInProgress = new CompletableFuture<>();
            return null;
        }
    }

    private void endFlush(long durableUpTo) {
        CompletableFuture<Void> done;
        synchronized (flushLock) {
            if (durableUpTo >= 0) {
                durable = durableUpTo;
            }
            done = flushInProgress;
            flushInProgress = null;
        }
        done.complete(null);
    }

    /** Writes and fdatasyncs what is buffered; returns the position it covers. Called by the one leader. */
    private long flushBuffered() {
        byte[] bytes;
        long upTo;
        synchronized (bufferLock) {
            bytes = buffer.toByteArray();
            buffer.reset();
            upTo = recorded;
        }
        try {
            long started = System.nanoTime();
            ByteBuffer data = ByteBuffer.wrap(bytes);
            while (data.hasRemaining()) {
                journal.write(data);
            }
            journal.force(false);
            flushed.accept(System.nanoTime() - started);
        } catch (IOException e) {
            throw fail("writing to " + journalPath(generation) + " failed", e);
        }
        return upTo;
    }

    /**
     * A short reorg is one journal line (the blocks past {@code kept} and the pool); a long one,
     * a new snapshot.
     */
    @Override
    public long replaceChain(List<Block> chain, int kept, List<Transaction> pending) {
        if (chain.size() - kept <= MAX_REORG_BLOCKS && pending.size() <= MAX_REORG_PENDING) {
            return append(RecordFile.encodeReorg(kept, chain.subList(kept, chain.size()), pending));
        }
        return newGeneration(chain, pending);
    }

    /** Writes a whole new snapshot (a new generation) and starts its empty journal. */
    private long newGeneration(List<Block> chain, List<Transaction> pending) {
        CompletableFuture<Void> flush;
        while ((flush = joinOrLeadFlush()) != null) {
            flush.join();
        }
        long upTo = -1;
        try {
            synchronized (bufferLock) {
                long next = generation + 1;
                try {
                    writeSnapshot(next, chain, pending);
                    FileChannel previous = journal;
                    Path previousPath = journalPath(generation);
                    journal = openJournal(journalPath(next));
                    generation = next;
                    if (previous != null) {
                        previous.close();
                        Files.deleteIfExists(previousPath);
                    }
                } catch (IOException e) {
                    throw fail("writing a new snapshot in " + directory + " failed", e);
                }
                buffer.reset(); // the snapshot holds everything recorded so far
                upTo = ++recorded;
                return upTo;
            }
        } finally {
            endFlush(upTo);
        }
    }

    private void writeSnapshot(long gen, List<Block> chain, List<Transaction> pending) throws IOException {
        Path tmp = directory.resolve(SNAPSHOT + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
             OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16)) {
            out.write(RecordFile.encode(JsonObject.builder().put("node_id", nodeId).put("generation", gen).build()));
            int count = 0;
            for (Block block : chain) {
                out.write(RecordFile.encode(block));
                count++;
            }
            for (Transaction tx : pending) {
                out.write(RecordFile.encode(JsonObject.builder().put("tx", tx.json()).build()));
                count++;
            }
            if (!peers.isEmpty()) {
                out.write(RecordFile.encode(JsonObject.builder().put("peers", jsonStrings(peers)).build()));
                count++;
            }
            out.write(RecordFile.encode(JsonObject.builder().put("end", count).build()));
            out.flush();
            channel.force(true);
        }
        try {
            Files.move(tmp, directory.resolve(SNAPSHOT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename files atomically", e);
        }
        syncDirectory();
    }

    private FileChannel openJournal(Path file) throws IOException {
        boolean created = !Files.exists(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (created) {
            syncDirectory();
        }
        return channel;
    }

    private void deleteOtherJournals() throws IOException {
        Path keep = journalPath(generation).getFileName();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "journal-*.log")) {
            for (Path file : files) {
                if (!file.getFileName().equals(keep)) {
                    Files.delete(file); // superseded by the snapshot, left by a crash during a replacement
                }
            }
        }
    }

    private void syncDirectory() throws IOException {
        syncDirectory(directory);
    }

    /** Makes renames and new files in {@code directory} durable (a no-op where the OS cannot). */
    public static void syncDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }

    private Path journalPath(long gen) {
        return directory.resolve(String.format("journal-%06d.log", gen));
    }

    private void checkUsable() {
        if (closed) {
            throw new StoreException("the store of " + directory + " is closed: the node has stopped");
        }
        StoreException f = failure;
        if (f != null) {
            throw new StoreException("the store failed earlier and accepts no more changes (" + f.getMessage() + ")", f);
        }
    }

    private StoreException fail(String what, IOException cause) {
        StoreException e = new StoreException(what + ": " + cause.getMessage(), cause);
        failure = e;
        return e;
    }

    @Override
    public String problem() {
        if (closed) {
            return "the store is closed";
        }
        StoreException f = failure;
        return f == null ? null : "a write failed: " + f.getMessage();
    }

    @Override
    public String location() {
        return directory.toString();
    }

    /**
     * Waits for the flush or replacement under way, takes the lead so that none starts after it,
     * flushes what is buffered, and closes: from then on every change is refused, and writers
     * still waiting are released (those whose changes the last flush covered, normally).
     */
    @Override
    public void close() {
        while (true) {
            CompletableFuture<Void> flush;
            synchronized (flushLock) {
                if (closed) {
                    return;
                }
                if (flushInProgress == null) {
                    flushInProgress = new CompletableFuture<>();
                    closed = true;
                    break;
                }
                flush = flushInProgress;
            }
            flush.join();
        }
        long upTo = -1;
        try {
            if (journal != null && failure == null) {
                upTo = flushBuffered();
            }
        } catch (StoreException e) {
            LOG.warning("could not flush the journal on close: " + e.getMessage());
        } finally {
            endFlush(upTo);
            closeQuietly(journal);
            try {
                if (lock != null) {
                    lock.release();
                }
            } catch (IOException ignored) {
                // closing the channel releases it too
            }
            closeQuietly(lockChannel);
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (IOException ignored) {
            // nothing left to do with it
        }
    }
}
