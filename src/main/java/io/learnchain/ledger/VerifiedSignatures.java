package io.learnchain.ledger;

import io.learnchain.chain.Block;
import io.learnchain.chain.Sha256;
import io.learnchain.chain.Transaction;
import io.learnchain.json.JsonObject;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The transfers whose signatures this node has verified lately, so that none is verified twice:
 * not when a transaction admitted to the pool comes back in a block, not when a block checked
 * before its writer's turn is applied under the writer lock. An Ed25519 verification costs about
 * 0.5 ms; a lookup, a SHA-256 of the signed bytes.
 *
 * <p>Keyed by 128 bits of the SHA-256 of what a verification covers (the signed message and the
 * signature): a transfer with other fields or another signature is another key. Bounded: the
 * oldest of {@code capacity} keys are forgotten first (about 100 bytes each). Thread-safe.
 */
final class VerifiedSignatures implements Ledger.FormCheck {
    private record Key(long high, long low) {
    }

    private final int capacity;
    private final Map<Key, Boolean> keys;
    private final AtomicLong verifications = new AtomicLong();

    VerifiedSignatures(int capacity) {
        this.capacity = capacity;
        this.keys = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
                return size() > VerifiedSignatures.this.capacity;
            }
        };
    }

    /** Signatures verified since start: what the cache did not spare. */
    long verifications() {
        return verifications.get();
    }

    /** {@link Ledger#formRefusal}, verified at most once per transfer while it is remembered. */
    @Override
    public String refusal(JsonObject tx) {
        byte[] content = Ledger.signedContent(tx);
        Key key = content == null ? null : key(content);
        if (key != null && known(key)) {
            return null;
        }
        verifications.incrementAndGet();
        String refusal = Ledger.formRefusal(tx);
        if (refusal == null && key != null) {
            synchronized (keys) {
                keys.put(key, Boolean.TRUE);
            }
        }
        return refusal;
    }

    /**
     * Verifies, on every core, the transfers of {@code blocks} not verified yet, so that applying
     * them in order finds them here. Stops early when {@code stopAt} ({@link System#nanoTime()})
     * passes or the thread is interrupted: what is left is verified when it is applied.
     */
    void verifyAhead(List<Block> blocks, long stopAt) {
        List<JsonObject> transfers = new ArrayList<>();
        for (Block block : blocks) {
            for (JsonObject tx : block.transactions()) {
                if (!Transaction.isReward(tx)) {
                    transfers.add(tx);
                }
            }
        }
        Thread caller = Thread.currentThread();
        transfers.parallelStream().forEach(tx -> {
            if (System.nanoTime() - stopAt < 0 && !caller.isInterrupted()) {
                refusal(tx);
            }
        });
    }

    private boolean known(Key key) {
        synchronized (keys) {
            return keys.containsKey(key);
        }
    }

    private static Key key(byte[] content) {
        ByteBuffer digest = ByteBuffer.wrap(Sha256.digest(content));
        return new Key(digest.getLong(), digest.getLong());
    }
}
