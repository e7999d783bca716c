package io.learnchain.web;

import jakarta.servlet.http.HttpServletRequest;

import java.util.List;

/** {@code GET /nodes}: the registered peers, and what the last resolve round said of each. */
public final class NodesServlet extends ApiServlet {
    public NodesServlet() {
        super("GET");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        List<String> peers = blockchain().state().peers();
        return Reply.ok(new Answers.Nodes(peers, Answers.Peer.of(peers, network())));
    }
}
