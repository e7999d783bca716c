package io.learnchain.store;

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
 * A small file beside the chain (a record of settings), replaced whole: written to a new file,
 * synced, moved into place, its directory synced, so that after a crash it is the old one or the
 * new one, never a mix. Costs two fsyncs; for what changes rarely.
 */
public final class SmallFile {
    private SmallFile() {
    }

    /** The file's bytes, or empty when there is none or it cannot be read. */
    public static Optional<byte[]> read(Path directory, String name) {
        try {
            return Optional.of(Files.readAllBytes(directory.resolve(name)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Replaces {@code name} in {@code directory} with {@code bytes}, atomically and durably. */
    public static void write(Path directory, String name, byte[] bytes) {
        Path file = directory.resolve(name);
        Path tmp = directory.resolve(name + ".tmp");
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
