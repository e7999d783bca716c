package io.learnchain.web;

import io.learnchain.peer.AddressPolicy;
import jakarta.servlet.http.HttpServletRequest;

import java.util.List;

/**
 * {@code POST /nodes/remove}: {@code {"nodes": [url, ...]}}, as {@code /nodes/register} takes;
 * those peers are forgotten (unknown ones are ignored), so a full peer list can be made room in.
 */
public final class RemoveNodesServlet extends ApiServlet {
    public RemoveNodesServlet() {
        super("POST");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        List<String> entries = RegisterNodesServlet.parse(JsonBody.readObject(request, settings()), AddressPolicy.NONE);
        List<String> peers = network().remove(entries);
        return Reply.ok(new Answers.NodesChanged("Nodes have been removed", peers));
    }
}
