package io.learnchain.node;

import io.learnchain.chain.Block;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Blocks of branches this node has left or seen but not taken (its own blocks a reorg dropped, a
 * peer's losing tip), so that a fork can still be shown after it healed. Only blocks with a valid
 * proof on a parent the node knows get here (the caller checks), so strangers cannot fill it with
 * junk; bounded in count and bytes, the oldest going first. Off the consensus path: nothing here
 * ever becomes part of the chain. In memory only. Thread-safe; every method is O(1) but eviction.
 */
public final class SideBranches {
    private final int maxBlocks;
    private final long maxBytes;
    private final LinkedHashMap<String, Block> blocks = new LinkedHashMap<>();
    private long bytes;

    public SideBranches(int maxBlocks, long maxBytes) {
        this.maxBlocks = maxBlocks;
        this.maxBytes = maxBytes;
    }

    /** Keeps {@code block} (again the newest if it was kept already). */
    public synchronized void add(Block block) {
        if (maxBlocks == 0 || block.compactJson().length > maxBytes) {
            return;
        }
        Block before = blocks.remove(block.hash());
        if (before != null) {
            bytes -= before.compactJson().length;
        }
        blocks.put(block.hash(), block);
        bytes += block.compactJson().length;
        Iterator<Map.Entry<String, Block>> oldest = blocks.entrySet().iterator();
        while (blocks.size() > maxBlocks || bytes > maxBytes) {
            bytes -= oldest.next().getValue().compactJson().length;
            oldest.remove();
        }
    }

    public synchronized Optional<Block> get(String hash) {
        return Optional.ofNullable(blocks.get(hash));
    }

    /** The newest {@code count} blocks kept, oldest first. */
    public synchronized java.util.List<Block> newest(int count) {
        java.util.List<Block> all = new java.util.ArrayList<>(blocks.values());
        return java.util.List.copyOf(all.subList(Math.max(0, all.size() - count), all.size()));
    }

    public synchronized int size() {
        return blocks.size();
    }
}
