package io.learnchain.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code GET /health/ready}: 200 {@code {"status": "ready"}} once the node's data is loaded and its
 * store takes changes; 503 with the reason otherwise (its disk failed, it is stopping). For a
 * readiness probe or a load balancer: send no traffic while it fails.
 */
public final class ReadyServlet extends ApiServlet {
    public ReadyServlet() {
        super("GET");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        String problem = blockchain().problem();
        if (problem != null) {
            return new Reply(503, Reply.message("Not ready: " + problem));
        }
        return Reply.ok(new Answers.Ready("ready", blockchain().state().length()));
    }
}
