package io.learnchain.web;

import io.learnchain.json.Json;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonObject;
import io.learnchain.net.Consensus;
import io.learnchain.peer.PeerOutcome;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /nodes/resolve}: one consensus round, with what each peer gave. */
public final class ResolveServlet extends ApiServlet {
    public ResolveServlet() {
        super("GET");
    }

    @Override
    boolean stream(HttpServletRequest request, HttpServletResponse response, boolean withBody) throws IOException {
        Consensus.Round round = network().resolve();
        List<Json> peers = new ArrayList<>();
        for (PeerOutcome outcome : round.peers()) {
            peers.add(outcome.toJson());
        }
        ChainAnswer.write(request, response, withBody,
                Reply.message(round.replaced() ? "Our chain was replaced" : "Our chain is authoritative"),
                round.replaced() ? "new_chain" : "chain", blockchain().state().chain(),
                JsonObject.builder().put("peers", new JsonArray(peers)).build());
        return true;
    }
}
