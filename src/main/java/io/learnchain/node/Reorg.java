package io.learnchain.node;

import io.learnchain.chain.Block;
import io.learnchain.chain.Transaction;
import io.learnchain.json.Json;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        if (candidates.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> included = new HashMap<>();
        for (Block adopted : newChain.subList(common, newChain.size())) {
            for (JsonObject tx : adopted.transactions()) {
                included.merge(new Transaction(tx).canonical(), 1, Integer::sum);
            }
        }
        List<Transaction> result = new ArrayList<>(candidates.size());
        for (Transaction tx : candidates) {
            String key = tx.canonical();
            Integer count = included.get(key);
            if (count == null) {
                result.add(tx);
            } else if (count == 1) {
                included.remove(key);
            } else {
                included.put(key, count - 1);
            }
        }
        return result;
    }

    private static boolean isReward(JsonObject tx) {
        Json sender = tx.get("sender");
        return sender instanceof JsonString s && s.value().equals(Transaction.REWARD_SENDER);
    }
}
