package io.learnchain.web;

import io.learnchain.node.NodeState;
import io.learnchain.store.Snapshots;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code GET /admin/export}: the node's chain, pending pool and peers in the tutorial's shapes,
 * {@code {"chain": [...], "pending": [...], "peers": [...], "length": n}}, for
 * {@code POST /admin/import} on another node; never its key or id. The operator's (see {@code web.xml}).
 */
public final class AdminExportServlet extends ApiServlet {
    public AdminExportServlet() {
        super("GET");
    }

    @Override
    boolean stream(HttpServletRequest request, HttpServletResponse response, boolean withBody) throws IOException {
        NodeState state = blockchain().state();
        byte[] body = Snapshots.encode(new Snapshots.Contents(state.chain(), state.pending(), state.peers()), null);
        writeJson(response, withBody, body);
        return true;
    }
}
