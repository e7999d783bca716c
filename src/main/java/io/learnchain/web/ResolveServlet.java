package io.learnchain.web;

import io.learnchain.net.Consensus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** {@code GET /nodes/resolve}: one consensus round, with what each peer gave. */
public final class ResolveServlet extends ApiServlet {
    public ResolveServlet() {
        super("GET");
    }

    @Override
    boolean stream(HttpServletRequest request, HttpServletResponse response, boolean withBody) throws IOException {
        if (network().controls().paused()) {
            throw new ApiException(503, "The network is paused on this node by its operator: resolve asks no peers until it"
                    + " resumes (PUT /admin/network {\"paused\": false})");
        }
        Consensus.Round round = network().resolve();
        ChainAnswer.write(request, response, withBody,
                Reply.message(round.replaced() ? "Our chain was replaced" : "Our chain is authoritative"),
                round.replaced() ? "new_chain" : "chain", blockchain().state().chain(),
                new Answers.PeerReports(Answers.PeerReport.of(round.peers())));
        return true;
    }
}
