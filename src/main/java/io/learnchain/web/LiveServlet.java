package io.learnchain.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code GET /health/live}: 200 {@code {"status": "live"}} while the web application answers at
 * all (a liveness probe: restart the node when it fails), even when the node did not start: a
 * restart would not help then, {@code /health/ready} says why.
 */
public final class LiveServlet extends ApiServlet {
    public LiveServlet() {
        super("GET");
    }

    @Override
    boolean needsNode() {
        return false;
    }

    @Override
    Reply handle(HttpServletRequest request) {
        return Reply.ok(new Answers.Live("live"));
    }
}
