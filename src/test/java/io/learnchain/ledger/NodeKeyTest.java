package io.learnchain.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The node's key: made once, readable by its owner only, the same after a restart. */
class NodeKeyTest {
    @TempDir
    Path dir;

    @Test
    void theKeyIsMadeOnceForItsOwnerOnly() throws Exception {
        Files.writeString(dir.resolve(NodeKey.FILE + ".tmp"), "left by a start that stopped halfway");
        KeyPair made = NodeKey.loadOrCreate(dir);
        Path file = dir.resolve(NodeKey.FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertFalse(Files.exists(dir.resolve(NodeKey.FILE + ".tmp")));
        KeyPair again = NodeKey.loadOrCreate(dir);
        assertArrayEquals(made.getPublic().getEncoded(), again.getPublic().getEncoded());
        assertArrayEquals(made.getPrivate().getEncoded(), again.getPrivate().getEncoded());
    }
}
