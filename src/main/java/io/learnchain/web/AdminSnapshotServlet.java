package io.learnchain.web;

import io.learnchain.chain.InvalidChainException;
import io.learnchain.node.Blockchain;
import io.learnchain.store.Snapshots;
import jakarta.servlet.http.HttpServletRequest;

/**
 * One of the operator's snapshots: {@code POST /admin/snapshots/<name>/restore} swaps the node's
 * chain, pool and peers back to it (an override of the longest-chain rule that says what it
 * discarded), {@code DELETE /admin/snapshots/<name>} deletes it. The operator's (see {@code web.xml}).
 */
public final class AdminSnapshotServlet extends ApiServlet {
    public AdminSnapshotServlet() {
        super("POST", "DELETE");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        Snapshots snapshots = NodeListener.snapshots(getServletContext());
        String[] parts = request.getPathInfo().substring(1).split("/", -1);
        String name = parts[0];
        try {
            Snapshots.checkName(name);
        } catch (IllegalArgumentException e) {
            throw new ApiException(404, "No snapshot " + name + ": " + e.getMessage());
        }
        if (parts.length == 1 && request.getMethod().equals("DELETE")) {
            if (!snapshots.delete(name)) {
                throw new ApiException(404, "No snapshot called " + name);
            }
            return Reply.ok(Reply.message("Snapshot " + name + " deleted"));
        }
        if (parts.length == 2 && parts[1].equals("restore") && request.getMethod().equals("POST")) {
            Snapshots.Contents contents = snapshots.read(name)
                    .orElseThrow(() -> new ApiException(404, "No snapshot called " + name));
            Blockchain.Discarded discarded;
            try {
                discarded = blockchain().override(contents.chain(), contents.pending(), contents.peers(), "restored",
                        "restored snapshot " + name);
            } catch (InvalidChainException e) {
                throw new ApiException(409, "Snapshot " + name + " breaks this node's rules, so it was not restored: " + e.getMessage());
            }
            return Reply.ok(Answers.Overridden.of("Restored snapshot " + name, blockchain().state(), discarded));
        }
        throw new ApiException(404, "A snapshot answers POST /admin/snapshots/<name>/restore and DELETE /admin/snapshots/<name>");
    }
}
