package io.learnchain.web;

import io.learnchain.json.JsonObject;
import io.learnchain.node.NodeState;
import jakarta.servlet.http.HttpServletRequest;

/** {@code GET /chain}: the whole chain, blocks exactly as they hash. */
public final class ChainServlet extends ApiServlet {
    public ChainServlet() {
        super("GET");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        NodeState state = blockchain().state();
        return Reply.ok(JsonObject.builder()
                .put("chain", Views.blocks(state.chain()))
                .put("length", state.length())
                .build());
    }
}
