package io.learnchain.web;

import io.learnchain.chain.InvalidChainException;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;
import io.learnchain.node.Blockchain;
import io.learnchain.node.NodeState;
import io.learnchain.store.Snapshots;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The operator's snapshots: {@code POST /admin/snapshots {"name"}} takes one (201), {@code GET
 * /admin/snapshots} lists them, {@code POST /admin/snapshots/<name>/restore} swaps the node's
 * chain, pool and peers back to it (an override of the longest-chain rule that says what it
 * discarded), {@code DELETE /admin/snapshots/<name>} deletes it. The operator's (see {@code web.xml}).
 */
public final class AdminSnapshotsServlet extends ApiServlet {
    public AdminSnapshotsServlet() {
        super("GET", "POST", "DELETE");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        Snapshots snapshots = NodeListener.snapshots(getServletContext());
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String method = request.getMethod();
        if (path.equals("/")) {
            if (method.equals("POST")) {
                JsonObject body = JsonBody.readObject(request, settings());
                if (!(body.get("name") instanceof JsonString name)) {
                    throw new ApiException(400, "Send {\"name\": \"lesson-2\"}: 1 to 40 characters of a-z, 0-9 and -");
                }
                NodeState state = blockchain().state();
                try {
                    return Reply.created(snapshots.save(name.value(), new Snapshots.Contents(state.chain(), state.pending(), state.peers())));
                } catch (IllegalArgumentException e) {
                    throw new ApiException(400, "Snapshot not taken: " + e.getMessage());
                }
            }
            if (method.equals("GET") || method.equals("HEAD")) {
                return Reply.ok(new Answers.SnapshotList(snapshots.list()));
            }
            throw new ApiException(405, "Use GET to list snapshots, POST to take one");
        }
        String[] parts = path.substring(1).split("/", -1);
        String name = parts[0];
        try {
            Snapshots.checkName(name);
        } catch (IllegalArgumentException e) {
            throw new ApiException(404, "No snapshot " + name + ": " + e.getMessage());
        }
        if (parts.length == 1 && method.equals("DELETE")) {
            if (!snapshots.delete(name)) {
                throw new ApiException(404, "No snapshot called " + name);
            }
            return Reply.ok(Reply.message("Snapshot " + name + " deleted"));
        }
        if (parts.length == 2 && parts[1].equals("restore") && method.equals("POST")) {
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
        throw new ApiException(404, "Snapshots answer GET and POST /admin/snapshots, POST /admin/snapshots/<name>/restore and"
                + " DELETE /admin/snapshots/<name>");
    }
}
