package io.learnchain.it;

import io.learnchain.chain.Block;
import io.learnchain.chain.ChainValidator;
import io.learnchain.chain.Transaction;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a node holds of the transactions clients sent it: each {@code "sender->recipient"},
 * counted over its chain (validated on the way) and its pending pool; mining rewards left out.
 */
public final class Ledger {
    private Ledger() {
    }

    public static Map<String, Integer> count(String url) throws Exception {
        JsonObject chainAnswer = (JsonObject) Http.get(url + "/chain").exact();
        List<Block> chain = ChainValidator.validate((JsonArray) chainAnswer.get("chain"));
        List<JsonObject> all = new ArrayList<>();
        chain.forEach(block -> all.addAll(block.transactions()));
        JsonObject pending = (JsonObject) Http.get(url + "/transactions/pending").exact();
        ((JsonArray) pending.get("transactions")).items().forEach(tx -> all.add((JsonObject) tx));
        Map<String, Integer> seen = new HashMap<>();
        for (JsonObject tx : all) {
            String sender = ((JsonString) tx.get("sender")).value();
            if (!sender.equals(Transaction.REWARD_SENDER)) {
                seen.merge(sender + "->" + ((JsonString) tx.get("recipient")).value(), 1, Integer::sum);
            }
        }
        return seen;
    }
}
