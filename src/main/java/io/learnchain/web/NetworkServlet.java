package io.learnchain.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code GET /network}: this node, its registered peers and the recent blocks of all of them, as
 * one picture (see {@link io.learnchain.net.NetworkView}: one round at a time, kept a second).
 */
public final class NetworkServlet extends ApiServlet {
    public NetworkServlet() {
        super("GET");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        String self = settings().publicUrl() != null ? settings().publicUrl() : arrivalUrl(request);
        return Reply.ok(network().view(self, nodeName(request)));
    }
}
