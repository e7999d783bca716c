package io.learnchain.chain;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.function.BooleanSupplier;

/**
 * The tutorial's proof of work: {@code sha256(f"{last_proof}{proof}{last_hash}")} in hex starts
 * with as many zeros as the difficulty ({@value #DIFFICULTY} in the tutorial), where
 * {@code last_hash} is the hash of the previous block.
 *
 * <p>{@link #search} is the miner's inner loop: it allocates nothing per attempt, rewrites the
 * proof's digits in place and tests the digest's leading bits directly rather than its hex.
 * Instances are not thread-safe; the miner gives each thread its own.
 */
public final class ProofOfWork {
    /** Leading hex zeros a proof's hash needs in the Python node: the default difficulty. */
    public static final int DIFFICULTY = 4;
    /** The most a network may ask for: each zero is sixteen times the work. */
    public static final int MAX_DIFFICULTY = 8;

    /** Returned by {@link #search} when the range holds no valid proof. */
    public static final long NOT_FOUND = -1;
    /** Returned by {@link #search} when it was told to stop. */
    public static final long CANCELLED = -2;

    private static final int CANCEL_CHECK_INTERVAL = 1 << 10;

    private final MessageDigest digest = Sha256.newDigest();
    private final byte[] output = new byte[32];
    private final byte[] buffer;
    private final int proofStart;
    private final byte[] lastHash;
    private final int difficulty;
    private int proofLength;
    private int length;

    /**
     * A searcher for proofs following a block.
     *
     * @param lastProof the previous block's proof as Python formats it ({@code str(int)})
     * @param lastHash  the previous block's hash (hex)
     */
    public ProofOfWork(String lastProof, String lastHash) {
        this(lastProof, lastHash, DIFFICULTY);
    }

    /** As above, for a network of another difficulty (leading hex zeros). */
    public ProofOfWork(String lastProof, String lastHash, int difficulty) {
        this.difficulty = difficulty;
        byte[] prefix = lastProof.getBytes(StandardCharsets.US_ASCII);
        this.lastHash = lastHash.getBytes(StandardCharsets.US_ASCII);
        this.proofStart = prefix.length;
        this.buffer = new byte[prefix.length + 20 + this.lastHash.length];
        System.arraycopy(prefix, 0, buffer, 0, prefix.length);
    }

    /** True when {@code proof} is a valid proof after a block with {@code lastProof} and hash {@code lastHash}. */
    public static boolean isValid(String lastProof, String proof, String lastHash) {
        return isValid(lastProof, proof, lastHash, DIFFICULTY);
    }

    /** As above, at {@code difficulty} leading hex zeros. */
    public static boolean isValid(String lastProof, String proof, String lastHash, int difficulty) {
        byte[] guess = (lastProof + proof + lastHash).getBytes(StandardCharsets.UTF_8);
        return meetsDifficulty(Sha256.digest(guess), difficulty);
    }

    /** The hex hash a proof is judged by, for diagnostics and tests. */
    public static String guessHash(String lastProof, String proof, String lastHash) {
        return Sha256.hex((lastProof + proof + lastHash).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The smallest valid proof in {@code [from, to)}, {@link #NOT_FOUND}, or {@link #CANCELLED}
     * if {@code stop} said so (it is asked every few thousand attempts). {@code from >= 0}.
     */
    public long search(long from, long to, BooleanSupplier stop) {
        layout(from);
        for (long proof = from; proof < to; proof++) {
            digest.update(buffer, 0, length);
            try {
                digest.digest(output, 0, 32);
            } catch (DigestException e) {
                throw new IllegalStateException(e);
            }
            if (meetsDifficulty(output, difficulty)) {
                return proof;
            }
            if (!incrementDigits()) {
                layout(proof + 1);
            }
            if ((proof & (CANCEL_CHECK_INTERVAL - 1)) == 0 && stop.getAsBoolean()) {
                return CANCELLED;
            }
        }
        return NOT_FOUND;
    }

    /** The smallest valid proof, searched from 0 on this thread, as the Python node does. */
    public long findSmallest() {
        return search(0, Long.MAX_VALUE, () -> false);
    }

    private static boolean meetsDifficulty(byte[] hash, int difficulty) {
        for (int i = 0; i < difficulty / 2; i++) {
            if (hash[i] != 0) {
                return false;
            }
        }
        return difficulty % 2 == 0 || (hash[difficulty / 2] & 0xf0) == 0;
    }

    /** Writes {@code proof}'s digits and the last hash after the last proof. */
    private void layout(long proof) {
        String digits = Long.toString(proof);
        proofLength = digits.length();
        for (int i = 0; i < proofLength; i++) {
            buffer[proofStart + i] = (byte) digits.charAt(i);
        }
        System.arraycopy(lastHash, 0, buffer, proofStart + proofLength, lastHash.length);
        length = proofStart + proofLength + lastHash.length;
    }

    /** Adds one to the decimal digits in place; false when the number grows a digit (999 -> 1000). */
    private boolean incrementDigits() {
        for (int i = proofStart + proofLength - 1; i >= proofStart; i--) {
            if (buffer[i] != '9') {
                buffer[i]++;
                return true;
            }
            buffer[i] = '0';
        }
        return false;
    }
}
