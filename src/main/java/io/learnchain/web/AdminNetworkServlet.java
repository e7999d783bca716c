package io.learnchain.web;

import io.learnchain.net.NetworkControls;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code GET /admin/network}: whom this node talks to; {@code PUT} changes it (the fields given:
 * {@code paused}, {@code ignored}, {@code links}), kept for restarts, each change an event. The
 * operator's (see {@code web.xml}).
 */
public final class AdminNetworkServlet extends ApiServlet {
    public AdminNetworkServlet() {
        super("GET", "PUT");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        if (request.getMethod().equals("PUT")) {
            NetworkControls.State changed;
            try {
                changed = network().controls().with(JsonBody.readObject(request, settings()));
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "Network controls not changed: " + e.getMessage());
            }
            network().setControls(changed);
        }
        return Reply.ok(Answers.NetworkControls.of(network().controls(), network().withheldBlocks()));
    }
}
