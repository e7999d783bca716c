package io.learnchain.web;

import io.learnchain.chain.Transaction;
import io.learnchain.json.Json;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonString;
import io.learnchain.json.JsonObject;
import io.learnchain.net.Network;
import io.learnchain.node.Blockchain;
import io.learnchain.peer.PeerStatus;

import java.util.ArrayList;
import java.util.List;

/** The JSON shapes the API shares between endpoints. */
final class Views {
    private Views() {
    }

    static JsonArray transactions(List<Transaction> transactions) {
        List<Json> items = new ArrayList<>(transactions.size());
        for (Transaction tx : transactions) {
            items.add(tx.json());
        }
        return new JsonArray(items);
    }

    /** Each peer with what the last resolve round said of it, and what this node last heard from it. */
    static JsonArray peers(List<String> peers, Network network) {
        List<Json> items = new ArrayList<>(peers.size());
        for (String peer : peers) {
            JsonObject.Builder item = JsonObject.builder();
            PeerStatus.toJson(peer, network.status(peer)).members().forEach(item::put);
            network.heard(peer).members().forEach(item::put);
            items.add(item.build());
        }
        return new JsonArray(items);
    }

    static JsonObject activity(Blockchain.Activity activity) {
        return JsonObject.builder()
                .put("blocks_mined", activity.blocksMined())
                .put("blocks_received", activity.blocksReceived())
                .put("chains_adopted", activity.chainsAdopted())
                .put("proof_attempts", activity.proofAttempts())
                .build();
    }

    static JsonArray strings(List<String> values) {
        List<Json> items = new ArrayList<>(values.size());
        for (String value : values) {
            items.add(new JsonString(value));
        }
        return new JsonArray(items);
    }
}
