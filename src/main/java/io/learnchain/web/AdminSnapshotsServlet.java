package io.learnchain.web;

import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;
import io.learnchain.node.NodeState;
import io.learnchain.store.Snapshots;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The operator's snapshots: {@code POST /admin/snapshots {"name"}} takes one (201), {@code GET
 * /admin/snapshots} lists them; one snapshot is {@link AdminSnapshotServlet}'s. The operator's
 * (see {@code web.xml}).
 */
public final class AdminSnapshotsServlet extends ApiServlet {
    public AdminSnapshotsServlet() {
        super("GET", "POST");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        Snapshots snapshots = NodeListener.snapshots(getServletContext());
        if (request.getMethod().equals("POST")) {
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
        return Reply.ok(new Answers.SnapshotList(snapshots.list()));
    }
}
