package io.learnchain.web;

import io.learnchain.json.JsonObject;
import io.learnchain.node.Blockchain;
import io.learnchain.node.NodeState;
import jakarta.servlet.http.HttpServletRequest;

/** {@code GET /status}: a small summary of the node, cheap to poll. */
public final class StatusServlet extends ApiServlet {
    public StatusServlet() {
        super("GET");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        Blockchain blockchain = blockchain();
        NodeState state = blockchain.state();
        return Reply.ok(JsonObject.builder()
                .put("node_id", blockchain.nodeId())
                .put("length", state.length())
                .put("last_hash", state.tip().hash())
                .put("pending", state.pending().size())
                .put("difficulty", blockchain.difficulty())
                .put("peers", Views.peers(state.peers(), network()))
                .put("mining_threads", blockchain.miningThreads())
                .put("data_dir", blockchain.storeLocation())
                .put("started_at", blockchain.startedAt().toString())
                .put("activity", Views.activity(blockchain.activity()))
                .put("network", network().traffic().toJson())
                .put("feed", network().feed())
                .put("settings", settings().toJson())
                .build());
    }
}
