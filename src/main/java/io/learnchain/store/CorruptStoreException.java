package io.learnchain.store;

import java.nio.file.Path;

/**
 * Stored data is damaged in a way that is not an interrupted write, so the node refuses to start
 * rather than guess. The message names the file, the place and the fault, and how to recover.
 */
public final class CorruptStoreException extends StoreException {
    public CorruptStoreException(Path file, String where, String problem) {
        super("The data in " + file + " is damaged at " + where + ": " + problem + ". "
                + recovery(file.getParent()));
    }

    /** What a person can do about damaged data in {@code directory}. */
    public static String recovery(Path directory) {
        return "The node will not repair or cut away stored data by itself. To recover, restore "
                + directory + " from a backup, or move it aside and start the node afresh, then register "
                + "its peers and resolve to fetch the chain again.";
    }
}
