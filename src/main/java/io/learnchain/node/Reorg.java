package io.learnchain.node;

import io.learnchain.chain.Block;
import io.learnchain.chain.Transaction;
import io.learnchain.json.Json;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;

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
     * canonical JSON and counts duplicates: two identical transactions need two inclusions.
     */
    static List<Transaction> pendingAfter(List<Block> oldChain, List<Block> newChain, List<Transaction> pending) {
        int common = 0;
        while (common < oldChain.size() && common < newChain.size()
                && oldChain.get(common).hash().equals(newChain.get(common).hash())) {
            common++;
        }
        List<Transaction> candidates = new ArrayList<>();
        for (Block dropped : oldChain.subList(common, oldChain.size())) {
            for (JsonObject tx : dropped.transactions()) {
                if (!isReward(tx)) {
                    candidates.add(new Transaction(tx));
                }
            }
        }
        candidates.addAll(pending);
        List<JsonObject> included = new ArrayList<>();
        for (Block adopted : newChain.subList(common, newChain.size())) {
            included.addAll(adopted.transactions());
        }
        return Transaction.without(candidates, included);
    }

    private static boolean isReward(JsonObject tx) {
        Json sender = tx.get("sender");
        return sender instanceof JsonString s && s.value().equals(Transaction.REWARD_SENDER);
    }
}
