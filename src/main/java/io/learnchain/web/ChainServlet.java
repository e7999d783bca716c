package io.learnchain.web;

import io.learnchain.json.JsonObject;
import io.learnchain.node.NodeState;
import io.learnchain.peer.PeerClient;
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
        response.setHeader(PeerClient.NODE_ID_HEADER, blockchain().nodeId());
        ChainAnswer.write(request, response, withBody, JsonObject.builder().build(), "chain", state.chain(),
                JsonObject.builder().put("length", state.length()).build());
        return true;
    }
}
