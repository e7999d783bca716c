package io.learnchain.store;

import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonReader;
import io.learnchain.json.JsonString;
import io.learnchain.json.JsonSyntaxException;
import io.learnchain.json.JsonWriter;

import java.nio.file.Path;
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
        Optional<byte[]> read = SmallFile.read(directory, FILE);
        if (read.isEmpty()) {
            return Optional.empty(); // none yet: written once the chain is known to fit
        }
        byte[] bytes = read.get();
        try {
            if (JsonReader.parse(bytes, bytes.length, 4, false) instanceof JsonObject json
                    && json.get("difficulty") instanceof JsonNumber difficulty && difficulty.isInteger()
                    && json.get("ledger") instanceof JsonString ledger) {
                return Optional.of(new NetworkRecord(difficulty.bigInteger().intValue(), ledger.value()));
            }
            return Optional.empty();
        } catch (JsonSyntaxException | ArithmeticException e) {
            return Optional.empty(); // unreadable: written anew once the chain is known to fit
        }
    }

    /** Writes this record into {@code directory}, atomically and durably. */
    public void write(Path directory) {
        SmallFile.write(directory, FILE, JsonWriter.compact(JsonObject.builder().put("difficulty", difficulty).put("ledger", ledger).build()));
    }
}
