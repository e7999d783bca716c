package io.learnchain.node;

import io.learnchain.chain.Block;
import io.learnchain.chain.Transaction;
import io.learnchain.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** What happens to transactions when a node switches to another chain. Pure functions. */
final class Reorg {
    private Reorg() {
    }

    /**
     * The pending pool after replacing {@code oldChain} by {@code newChain}: the transactions of
     * the old chain's blocks past the common prefix (rewards excepted) and the current pool, in
     * that order, less those the new chain's blocks past the prefix already hold. Matching is by
     * {@link Transaction#id} (canonical JSON) and counts duplicates: two identical transactions
     * need two inclusions.
     */
    static List<Transaction> pendingAfter(List<Block> oldChain, List<Block> newChain, List<Transaction> pending) {
        int common = commonPrefix(oldChain, newChain);
        List<Transaction> candidates = transfersIn(oldChain.subList(common, oldChain.size()));
        candidates.addAll(pending);
        List<JsonObject> included = new ArrayList<>();
        for (Block adopted : newChain.subList(common, newChain.size())) {
            included.addAll(adopted.transactions());
        }
        return Transaction.without(candidates, included);
    }

    /**
     * The transactions the new chain's blocks past the shared prefix hold that were neither
     * pending nor in the old chain's dropped blocks: payments this node learns of only now, mined
     * elsewhere (rewards excepted).
     */
    static List<Transaction> arrivedMined(List<Block> oldChain, List<Block> newChain, List<Transaction> pending) {
        int common = commonPrefix(oldChain, newChain);
        List<Transaction> included = transfersIn(newChain.subList(common, newChain.size()));
        List<String> known = new ArrayList<>();
        for (Block dropped : oldChain.subList(common, oldChain.size())) {
            dropped.transactions().forEach(tx -> known.add(Transaction.idOf(tx)));
        }
        pending.forEach(tx -> known.add(tx.id()));
        return Transaction.withoutIds(included, known);
    }

    /**
     * How many first blocks two chains share. Blocks are linked by hashes, so once two chains
     * differ at a height they differ above it too: a binary search finds the fork.
     */
    static int commonPrefix(List<Block> a, List<Block> b) {
        int low = 0; // shared: [0, low)
        int high = Math.min(a.size(), b.size()); // not shared beyond high
        while (low < high) {
            int mid = (low + high + 1) >>> 1; // is block mid - 1 shared?
            if (a.get(mid - 1).hash().equals(b.get(mid - 1).hash())) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /**
     * The transactions of the old chain's blocks past the common prefix that the new chain's
     * blocks past it do not hold: what a switch puts back in the pool (rewards excepted).
     */
    static List<Transaction> returned(List<Block> oldChain, List<Block> newChain) {
        int common = commonPrefix(oldChain, newChain);
        List<JsonObject> included = new ArrayList<>();
        for (Block adopted : newChain.subList(common, newChain.size())) {
            included.addAll(adopted.transactions());
        }
        return Transaction.without(transfersIn(oldChain.subList(common, oldChain.size())), included);
    }

    /** The transactions {@code blocks} hold, mining rewards excepted, in order. */
    private static List<Transaction> transfersIn(List<Block> blocks) {
        List<Transaction> transfers = new ArrayList<>();
        for (Block block : blocks) {
            for (JsonObject tx : block.transactions()) {
                if (!Transaction.isReward(tx)) {
                    transfers.add(new Transaction(tx));
                }
            }
        }
        return transfers;
    }
}
