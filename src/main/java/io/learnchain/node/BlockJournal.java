package io.learnchain.node;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When and how this node took each recent block (mined here, pushed by a peer, synced from one),
 * and when it dropped one for a longer chain and how many of its transactions went back to the
 * pool: a block's journey through the network, told by each node it reached. Kept for the
 * network view and {@code GET /blocks/<hash>}; nothing here decides anything.
 *
 * <p>In memory only (a restart forgets it, as it forgets side branches), bounded to the last
 * {@value #CAPACITY} blocks, the oldest going first. Thread-safe; every method is O(1).
 */
public final class BlockJournal {
    static final int CAPACITY = 2000;

    /**
     * How this node took a block.
     *
     * @param how  mined, pushed, synced (it extended our chain), adopted (it replaced part of it),
     *             or the operator's restored, reset or imported
     * @param from the peer it came from as this node knows it (a registered peer's address), or null
     */
    public record Taken(Instant at, String how, String from) {
    }

    /** This node left the block for a longer chain; {@code returned} of its transactions went back to the pool. */
    public record Dropped(Instant at, int returned) {
    }

    /** What this node did with one block: taken, dropped, either or both (null when not). */
    public record Entry(Taken taken, Dropped dropped) {
        public static final Entry NONE = new Entry(null, null);
    }

    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The block with {@code hash} was taken now, {@code how}, {@code from} a peer (or null). */
    public synchronized void taken(String hash, String how, String from) {
        entries.remove(hash); // taken again (after it was dropped): the newest news
        entries.put(hash, new Entry(new Taken(Instant.now(), how, from), null));
    }

    /** The block with {@code hash} was dropped now, {@code returned} of its transactions going back to the pool. */
    public synchronized void dropped(String hash, int returned) {
        Entry before = entries.remove(hash);
        entries.put(hash, new Entry(before == null ? null : before.taken(), new Dropped(Instant.now(), returned)));
    }

    /** What this node did with the block, {@link Entry#NONE} when it took and dropped nothing (or forgot). */
    public synchronized Entry get(String hash) {
        return entries.getOrDefault(hash, Entry.NONE);
    }
}
