package io.learnchain.web;

import io.learnchain.json.JsonObject;
import io.learnchain.node.NodeState;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** {@code GET /chain}: the whole chain, blocks exactly as they hash, streamed (gzip if accepted). */
public final class ChainServlet extends ApiServlet {
    public ChainServlet() {
        super("GET");
    }

    @Override
    boolean stream(HttpServletRequest request, HttpServletResponse response, boolean withBody) throws IOException {
        NodeState state = blockchain().state();
        ChainAnswer.write(request, response, withBody, JsonObject.builder().build(), "chain", state.chain(),
                JsonObject.builder().put("length", state.length()).build());
        return true;
    }
}
