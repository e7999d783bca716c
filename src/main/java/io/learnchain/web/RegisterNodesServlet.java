package io.learnchain.web;

import io.learnchain.json.Json;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;
import io.learnchain.net.Network;
import io.learnchain.node.PeerLimitException;
import io.learnchain.node.Settings;
import io.learnchain.peer.AddressPolicy;
import io.learnchain.peer.PeerAddress;
import io.learnchain.peer.PeerClient;
import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /nodes/register}: {@code {"nodes": [url, ...]}}; all entries valid, or nothing
 * registered. The answer keeps the tutorial's message and code, and says of each address what
 * became of it ({@code "nodes"}): added, added but not answering now, known, or this node itself.
 */
public final class RegisterNodesServlet extends ApiServlet {
    static final String INVALID_LIST = "Error: Please supply a valid list of nodes";

    public RegisterNodesServlet() {
        super("POST");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        Settings settings = settings();
        JsonObject body = JsonBody.readObject(request, settings);
        List<String> given = parse(body, settings.peers().addressPolicy());
        List<String> entries = new ArrayList<>(given);
        entries.removeIf(url -> PeerAddress.isThisNode(url, ownAddresses(request)));
        Network.Registration registration;
        try {
            registration = network().register(entries, settings.maxPeers(),
                    request.getHeader(PeerClient.INTRODUCTION_HEADER) != null, arrivalUrl(request));
        } catch (PeerLimitException e) {
            throw new ApiException(400, INVALID_LIST + ": " + e.getMessage());
        }
        Map<String, String> results = new HashMap<>();
        registration.each().forEach(r -> results.put(r.node(), r.result()));
        List<Answers.Registered> each = new ArrayList<>();
        for (String node : new LinkedHashSet<>(given)) {
            each.add(Answers.Registered.of(node, results.getOrDefault(node, Network.Registered.SELF)));
        }
        return Reply.created(new Answers.NodesRegistered("New nodes have been added", registration.peers(), each));
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
