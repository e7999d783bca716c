package io.learnchain.chain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 as Python's {@code hashlib.sha256(...).hexdigest()}. */
public final class Sha256 {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<MessageDigest> PER_THREAD = ThreadLocal.withInitial(Sha256::newDigest);

    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * The digest of {@code data}. Each thread keeps one {@link MessageDigest}: looking one up
     * costs about as much as hashing a block, and a chain is hashed block by block.
     */
    public static byte[] digest(byte[] data) {
        return PER_THREAD.get().digest(data); // digest() also resets it for the next use
    }

    public static String hex(byte[] data) {
        return toHex(digest(data));
    }

    static String toHex(byte[] digest) {
        char[] out = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(out);
    }
}
