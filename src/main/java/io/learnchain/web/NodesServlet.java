package io.learnchain.web;

import io.learnchain.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;

/** {@code GET /nodes}: the registered peers. */
public final class NodesServlet extends ApiServlet {
    public NodesServlet() {
        super("GET");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        return Reply.ok(JsonObject.builder()
                .put("total_nodes", Views.strings(blockchain().state().peers()))
                .build());
    }
}
