package io.learnchain.store;

import io.learnchain.chain.Block;
import io.learnchain.chain.InvalidChainException;
import io.learnchain.chain.Transaction;
import io.learnchain.json.Json;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonReader;
import io.learnchain.json.JsonString;
import io.learnchain.json.JsonSyntaxException;
import io.learnchain.json.JsonWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The operator's named snapshots of a node (chain, pending pool, peers), each a file
 * {@code snapshots/<name>.json} in the data directory, in the tutorial's shapes (the chain as
 * {@code /chain} gives it), replaced whole (see {@link SmallFile}); {@code snapshots/index.json}
 * lists them so that listing reads no chain. Bounded in count and bytes by settings. Thread-safe
 * (one change at a time); a save costs a write of the whole chain and two fsyncs.
 */
public final class Snapshots {
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,40}");
    private static final String INDEX = "index.json";

    /** What a snapshot holds. */
    public record Contents(List<Block> chain, List<Transaction> pending, List<String> peers) {
    }

    /** A snapshot as listed: its name, when it was taken, its chain's length and tip, its pool's size, its bytes. */
    public record Summary(String name, String takenAt, int length, String tip, int pending, long bytes) {
    }

    private final Path directory;
    private final int maxCount;
    private final long maxBytes;

    /** @param dataDir the node's data directory: snapshots live in its {@code snapshots/} */
    public Snapshots(Path dataDir, int maxCount, long maxBytes) {
        this.directory = dataDir.resolve("snapshots");
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
    }

    /** @throws IllegalArgumentException when {@code name} is not 1 to 40 of a-z, 0-9 and '-' */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a snapshot's name is 1 to 40 characters of a-z, 0-9 and -, such as lesson-2");
        }
        return name;
    }

    /** The snapshots, oldest first. */
    public synchronized List<Summary> list() {
        Optional<byte[]> bytes = SmallFile.read(directory, INDEX);
        List<Summary> all = new ArrayList<>();
        if (bytes.isEmpty()) {
            return all;
        }
        try {
            if (JsonReader.parse(bytes.get(), bytes.get().length, 4, false) instanceof JsonArray items) {
                for (Json item : items.items()) {
                    if (item instanceof JsonObject o && o.get("name") instanceof JsonString name && o.get("taken_at") instanceof JsonString at
                            && o.get("length") instanceof JsonNumber length && o.get("tip") instanceof JsonString tip
                            && o.get("pending") instanceof JsonNumber pending && o.get("bytes") instanceof JsonNumber size) {
                        all.add(new Summary(name.value(), at.value(), length.bigInteger().intValue(), tip.value(),
                                pending.bigInteger().intValue(), size.bigInteger().longValue()));
                    }
                }
            }
        } catch (JsonSyntaxException | ArithmeticException e) {
            throw new StoreException("the snapshots' index " + directory.resolve(INDEX) + " cannot be read: " + e.getMessage(), e);
        }
        return all;
    }

    /**
     * Saves {@code contents} as {@code name}, replacing a snapshot of that name.
     *
     * @throws IllegalArgumentException when the name does not fit, or the count or bytes would pass their settings
     */
    public synchronized Summary save(String name, Contents contents) {
        checkName(name);
        byte[] bytes = encode(contents, null);
        List<Summary> all = list();
        all.removeIf(s -> s.name().equals(name));
        if (all.size() + 1 > maxCount) {
            throw new IllegalArgumentException("this node keeps at most " + maxCount + " snapshots (setting maxSnapshots): delete one first");
        }
        long total = bytes.length + all.stream().mapToLong(Summary::bytes).sum();
        if (total > maxBytes) {
            throw new IllegalArgumentException("snapshots would take " + total + " bytes, more than the " + maxBytes
                    + " of setting maxSnapshotBytes: delete one first");
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreException("cannot make " + directory + ": " + e, e);
        }
        SmallFile.write(directory, name + ".json", bytes);
        Block tip = contents.chain().get(contents.chain().size() - 1);
        Summary summary = new Summary(name, Instant.now().toString(), contents.chain().size(), tip.hash(), contents.pending().size(),
                bytes.length);
        all.add(summary);
        writeIndex(all);
        return summary;
    }

    /** The snapshot called {@code name}, or empty when there is none. */
    public synchronized Optional<Contents> read(String name) {
        checkName(name);
        Optional<byte[]> bytes = SmallFile.read(directory, name + ".json");
        if (bytes.isEmpty() || list().stream().noneMatch(s -> s.name().equals(name))) {
            return Optional.empty();
        }
        try {
            return Optional.of(decode(bytes.get(), Integer.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw new StoreException("snapshot " + directory.resolve(name + ".json") + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Deletes {@code name}; false when there was none. */
    public synchronized boolean delete(String name) {
        checkName(name);
        List<Summary> all = list();
        if (!all.removeIf(s -> s.name().equals(name))) {
            return false;
        }
        writeIndex(all);
        try {
            Files.deleteIfExists(directory.resolve(name + ".json"));
        } catch (IOException e) {
            throw new StoreException("cannot delete snapshot " + name + ": " + e, e);
        }
        return true;
    }

    private void writeIndex(List<Summary> all) {
        List<Json> items = new ArrayList<>();
        for (Summary s : all) {
            items.add(JsonObject.builder().put("name", s.name()).put("taken_at", s.takenAt()).put("length", s.length())
                    .put("tip", s.tip()).put("pending", s.pending()).put("bytes", s.bytes()).build());
        }
        SmallFile.write(directory, INDEX, JsonWriter.compact(new JsonArray(items)));
    }

    /**
     * {@code {"chain": [...], "pending": [...], "peers": [...], "length": n}}: the blocks as stored
     * (their bytes decide their hashes), the rest as the tutorial writes them.
     */
    public static byte[] encode(Contents contents, String extraFields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"chain\":[".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < contents.chain().size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(contents.chain().get(i).compactJson());
        }
        out.writeBytes("],\"pending\":".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(JsonWriter.compact(new JsonArray(contents.pending().stream().<Json>map(Transaction::json).toList())));
        out.writeBytes(",\"peers\":".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(JsonWriter.compact(new JsonArray(contents.peers().stream().<Json>map(JsonString::new).toList())));
        out.writeBytes((",\"length\":" + contents.chain().size() + (extraFields == null ? "" : "," + extraFields) + "}")
                .getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /**
     * Reads what {@link #encode} writes (or an import in its shape).
     *
     * @throws IllegalArgumentException saying what does not fit
     */
    public static Contents decode(byte[] bytes, int maxDepth) {
        Json json;
        try {
            json = JsonReader.parse(bytes, bytes.length, Math.min(maxDepth, 1000), true);
        } catch (JsonSyntaxException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage());
        }
        if (!(json instanceof JsonObject o) || !(o.get("chain") instanceof JsonArray chainJson) || chainJson.size() == 0) {
            throw new IllegalArgumentException("it must be {\"chain\": [blocks], \"pending\": [transactions], \"peers\": [addresses]}");
        }
        List<Block> chain = new ArrayList<>();
        for (Json block : chainJson.items()) {
            try {
                chain.add(Block.fromJson(block));
            } catch (InvalidChainException e) {
                throw new IllegalArgumentException("block " + (chain.size() + 1) + ": " + e.getMessage());
            }
        }
        List<Transaction> pending = new ArrayList<>();
        if (o.get("pending") instanceof JsonArray txs) {
            for (Json tx : txs.items()) {
                if (!(tx instanceof JsonObject t)) {
                    throw new IllegalArgumentException("pending must be a list of transactions");
                }
                pending.add(new Transaction(t));
            }
        } else if (o.get("pending") != null) {
            throw new IllegalArgumentException("pending must be a list of transactions");
        }
        List<String> peers = new ArrayList<>();
        if (o.get("peers") instanceof JsonArray list) {
            for (Json peer : list.items()) {
                if (!(peer instanceof JsonString s)) {
                    throw new IllegalArgumentException("peers must be a list of addresses");
                }
                peers.add(s.value());
            }
        } else if (o.get("peers") != null) {
            throw new IllegalArgumentException("peers must be a list of addresses");
        }
        return new Contents(chain, pending, peers);
    }
}
