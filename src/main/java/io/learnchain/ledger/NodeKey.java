package io.learnchain.ledger;

import io.learnchain.store.FileStore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * The node's own Ed25519 key pair in the signed ledger mode, made at its first start and kept in
 * its data directory ({@value #FILE}: the private key in PKCS#8 and the public key in X.509,
 * base64, a line each; readable by its owner only). Its address receives the node's mining
 * rewards. The private key is never served.
 */
public final class NodeKey {
    static final String FILE = "node-key";

    private NodeKey() {
    }

    /** A new file readable by its owner only from the moment it exists (where the file system has POSIX modes). */
    private static FileChannel createPrivate(Path file) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            return FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return FileChannel.open(file, options); // not a POSIX file system: the directory's own protection applies
        }
    }

    /** The key pair kept in {@code dataDir}, made and written (atomically) if there is none. */
    public static KeyPair loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            try {
                KeyFactory keys = KeyFactory.getInstance("Ed25519");
                return new KeyPair(keys.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines.get(1)))),
                        keys.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(0)))));
            } catch (GeneralSecurityException | IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IOException(file + " is not the node's key pair (two base64 lines: PKCS#8, X.509): " + e, e);
            }
        }
        KeyPair pair = Signatures.newKeyPair();
        String text = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
                + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n";
        Path tmp = dataDir.resolve(FILE + ".tmp");
        Files.deleteIfExists(tmp); // left by a start that stopped halfway: never used
        try (FileChannel out = createPrivate(tmp)) {
            out.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
            out.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file);
        }
        FileStore.syncDirectory(dataDir); // the key is what the node's rewards are paid to: it must outlive a power cut
        return pair;
    }
}
