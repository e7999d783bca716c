package io.learnchain.store;

import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonReader;
import io.learnchain.json.JsonString;
import io.learnchain.json.JsonSyntaxException;
import io.learnchain.json.JsonWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The network settings a data directory's chain was made under, kept beside it in
 * {@value #FILE} ({@code {"difficulty": 4, "ledger": "open"}}), so that starting the node with
 * other settings reads as what it is, a settings change, and not as damage. Written atomically
 * and durably; a directory from before it existed gets one at its next start.
 *
 * @param difficulty leading hex zeros a proof's hash needs
 * @param ledger     {@code open} or {@code signed}
 */
public record NetworkRecord(int difficulty, String ledger) {
    static final String FILE = "network.json";

    /** The record kept in {@code directory}, if there is a readable one. */
    public static Optional<NetworkRecord> read(Path directory) {
        Path file = directory.resolve(FILE);
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (JsonReader.parse(bytes, bytes.length, 4, false) instanceof JsonObject json
                    && json.get("difficulty") instanceof JsonNumber difficulty && difficulty.isInteger()
                    && json.get("ledger") instanceof JsonString ledger) {
                return Optional.of(new NetworkRecord(difficulty.bigInteger().intValue(), ledger.value()));
            }
            return Optional.empty();
        } catch (IOException | JsonSyntaxException | ArithmeticException e) {
            return Optional.empty(); // none yet, or unreadable: written anew once the chain is known to fit
        }
    }

    /** Writes this record into {@code directory}: a new file, synced, moved into place, the directory synced. */
    public void write(Path directory) {
        Path file = directory.resolve(FILE);
        Path tmp = directory.resolve(FILE + ".tmp");
        byte[] bytes = JsonWriter.compact(JsonObject.builder().put("difficulty", difficulty).put("ledger", ledger).build());
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(bytes));
                out.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            FileStore.syncDirectory(directory);
        } catch (IOException e) {
            throw new StoreException("cannot write " + file + ": " + e, e);
        }
    }
}
