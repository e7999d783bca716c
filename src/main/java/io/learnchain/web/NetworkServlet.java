package io.learnchain.web;

import io.learnchain.net.NetworkView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code GET /network}: this node, its registered peers and the recent blocks of all of them, as
 * one picture (see {@link io.learnchain.net.NetworkView}: one round at a time, kept a second).
 * The picture is written once: the pages of a class asking within its second get the same bytes.
 */
public final class NetworkServlet extends ApiServlet {
    private record Written(NetworkView.View view, byte[] json) {
    }

    private volatile Written last;

    public NetworkServlet() {
        super("GET");
    }

    @Override
    boolean stream(HttpServletRequest request, HttpServletResponse response, boolean withBody) throws IOException {
        String self = settings().publicUrl() != null ? settings().publicUrl() : arrivalUrl(request);
        NetworkView.View view = network().view(self, nodeName(request));
        Written written = last;
        if (written == null || written.view() != view) {
            written = new Written(view, Answers.bytes(view));
            last = written;
        }
        writeJson(response, withBody, written.json());
        return true;
    }
}
