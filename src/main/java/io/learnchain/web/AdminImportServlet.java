package io.learnchain.web;

import io.learnchain.chain.InvalidChainException;
import io.learnchain.chain.Transaction;
import io.learnchain.json.JsonWriter;
import io.learnchain.node.Blockchain;
import io.learnchain.node.NodeState;
import io.learnchain.peer.PeerAddress;
import io.learnchain.store.Snapshots;
import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /admin/import}: what {@code GET /admin/export} gave, into a node afresh (only its
 * first block, nothing pending: {@code POST /admin/reset} first), which keeps its own id and key.
 * Its body has its own limit (setting {@code maxImportBytes}). The operator's (see {@code web.xml}).
 */
public final class AdminImportServlet extends ApiServlet {
    public AdminImportServlet() {
        super("POST");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        NodeState state = blockchain().state();
        if (state.length() > 1 || !state.pending().isEmpty()) {
            throw new ApiException(409, "Import goes into a node afresh, and this one has " + state.length() + " blocks and "
                    + state.pending().size() + " pending transactions: POST /admin/reset first");
        }
        byte[] body = JsonWriter.compact(JsonBody.readObject(request, settings().maxImportBytes(), settings().peers().maxJsonDepth(), true));
        Snapshots.Contents contents;
        List<Transaction> pending = new ArrayList<>();
        List<String> peers = new ArrayList<>();
        try {
            contents = Snapshots.decode(body, settings().peers().maxJsonDepth());
            for (Transaction tx : contents.pending()) {
                pending.add(NewTransactionServlet.parse(tx.json(), settings().signedLedger()));
            }
            for (String peer : contents.peers()) {
                peers.add(PeerAddress.baseUrl(peer));
            }
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "Nothing imported: " + e.getMessage());
        }
        if (peers.size() > settings().maxPeers()) {
            throw new ApiException(400, "Nothing imported: " + peers.size() + " peers, more than this node keeps (setting maxPeers)");
        }
        Blockchain.Discarded discarded;
        try {
            discarded = blockchain().override(contents.chain(), pending, peers, "imported", "imported a chain of " + contents.chain().size()
                    + " blocks");
        } catch (InvalidChainException e) {
            throw new ApiException(400, "Nothing imported: the chain breaks this node's rules: " + e.getMessage());
        }
        return Reply.ok(Answers.Overridden.of("Imported", blockchain().state(), discarded));
    }
}
