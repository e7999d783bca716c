package io.learnchain.web;

import io.learnchain.json.Json;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;
import io.learnchain.node.PeerLimitException;
import io.learnchain.node.Settings;
import io.learnchain.peer.AddressPolicy;
import io.learnchain.peer.PeerAddress;
import io.learnchain.peer.PeerClient;
import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code POST /nodes/register}: {@code {"nodes": [url, ...]}}; all entries valid, or nothing registered. */
public final class RegisterNodesServlet extends ApiServlet {
    static final String INVALID_LIST = "Error: Please supply a valid list of nodes";

    public RegisterNodesServlet() {
        super("POST");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        Settings settings = settings();
        JsonObject body = JsonBody.readObject(request, settings);
        List<String> entries = parse(body, settings.peers().addressPolicy());
        entries.removeIf(url -> PeerAddress.isThisNode(url, ownAddresses(request)));
        List<String> peers;
        try {
            peers = network().register(entries, settings.maxPeers(), request.getHeader(PeerClient.INTRODUCTION_HEADER) != null);
        } catch (PeerLimitException e) {
            throw new ApiException(400, INVALID_LIST + ": " + e.getMessage());
        }
        return Reply.created(new Answers.NodesChanged("New nodes have been added", peers));
    }

    /** The names this node answers to, as seen from the request: a node does not register itself. */
    private static PeerAddress.Self ownAddresses(HttpServletRequest request) {
        Set<String> hosts = new HashSet<>(List.of(request.getServerName().toLowerCase(Locale.ROOT), request.getLocalAddr(),
                request.getLocalName().toLowerCase(Locale.ROOT)));
        return new PeerAddress.Self(hosts, new HashSet<>(List.of(request.getServerPort(), request.getLocalPort())),
                request.getContextPath());
    }

    static List<String> parse(JsonObject body, AddressPolicy policy) {
        Json nodes = body.get("nodes");
        if (nodes == null) {
            throw new ApiException(400, INVALID_LIST);
        }
        if (!(nodes instanceof JsonArray list)) {
            throw new ApiException(400, INVALID_LIST + ": \"nodes\" must be a list, not " + nodes.typeName());
        }
        if (list.size() == 0) {
            throw new ApiException(400, INVALID_LIST + ": the list is empty");
        }
        List<String> baseUrls = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof JsonString entry)) {
                throw new ApiException(400, INVALID_LIST + ": entry " + (i + 1) + " must be a string, not "
                        + list.get(i).typeName());
            }
            try {
                String peer = PeerAddress.baseUrl(entry.value());
                policy.check(peer);
                baseUrls.add(peer);
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, INVALID_LIST + ": '" + entry.value() + "' is not a node address: " + e.getMessage());
            }
        }
        return baseUrls;
    }
}
