package io.learnchain.node;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Transactions that reached our chain in blocks from peers without having passed through our
 * pending pool, counted by {@link io.learnchain.chain.Transaction#id}. A copy relayed to us afterwards (gossip can be slower
 * than a block) is one of these payments, not a new one: each mined copy absorbs one late
 * arrival. Bounded: past {@code capacity} the oldest are forgotten. Not thread-safe (the node's
 * writer lock guards it).
 */
final class MinedElsewhere {
    private final int capacity;
    private final LinkedHashMap<String, Integer> counts = new LinkedHashMap<>();
    private int total;

    MinedElsewhere(int capacity) {
        this.capacity = capacity;
    }

    void add(String id) {
        counts.merge(id, 1, Integer::sum);
        total++;
        Iterator<Map.Entry<String, Integer>> oldest = counts.entrySet().iterator();
        while (total > capacity && oldest.hasNext()) {
            total -= oldest.next().getValue();
            oldest.remove();
        }
    }

    /** True, and one fewer, if a mined copy of this transaction has not yet absorbed a late arrival. */
    boolean consume(String id) {
        Integer count = counts.get(id);
        if (count == null) {
            return false;
        }
        if (count == 1) {
            counts.remove(id);
        } else {
            counts.put(id, count - 1);
        }
        total--;
        return true;
    }
}
