package io.learnchain.web;

import io.learnchain.json.Json;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonObject;
import io.learnchain.peer.Consensus;
import io.learnchain.peer.PeerOutcome;
import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.List;

/** {@code GET /nodes/resolve}: one consensus round, with what each peer gave. */
public final class ResolveServlet extends ApiServlet {
    public ResolveServlet() {
        super("GET");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        Consensus.Round round = NodeListener.consensus(context()).resolve();
        JsonArray chain = Views.blocks(blockchain().state().chain());
        List<Json> peers = new ArrayList<>();
        for (PeerOutcome outcome : round.peers()) {
            peers.add(outcome.toJson());
        }
        JsonObject.Builder body = JsonObject.builder();
        if (round.replaced()) {
            body.put("message", "Our chain was replaced").put("new_chain", chain);
        } else {
            body.put("message", "Our chain is authoritative").put("chain", chain);
        }
        return Reply.ok(body.put("peers", new JsonArray(peers)).build());
    }
}
