package io.learnchain.web;

import io.learnchain.net.NetworkView;
import io.learnchain.node.Blockchain;
import io.learnchain.node.NodeState;
import jakarta.servlet.http.HttpServletRequest;

/** {@code GET /status}: a small summary of the node, cheap to poll. */
public final class StatusServlet extends ApiServlet {
    public StatusServlet() {
        super("GET");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        Blockchain blockchain = blockchain();
        NodeState state = blockchain.state();
        String name = nodeName(request);
        return Reply.ok(new Answers.Status(name, NetworkView.colour(name), blockchain.nodeId(), state.length(), state.tip().hash(), state.pending().size(),
                blockchain.difficulty(), Answers.Peer.of(state.peers(), network()), blockchain.miningThreads(),
                blockchain.storeLocation(), blockchain.startedAt().toString(), blockchain.activity(), network().traffic(),
                network().feed().stream().map(Answers.Event::of).toList(), settings().shown(),
                Answers.Mining.of(network().autoMiner().plan(), network().autoMiner().queued()),
                Answers.NetworkControls.of(network().controls(), network().withheldBlocks())));
    }
}
