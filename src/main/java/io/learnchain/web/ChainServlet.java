package io.learnchain.web;

import io.learnchain.chain.Block;
import io.learnchain.node.NodeState;
import io.learnchain.peer.PeerClient;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;

/**
 * {@code GET /chain}: the whole chain, blocks exactly as they hash, streamed (gzip if accepted).
 * {@code ?from=N} gives the blocks from index N on, with {@code "from": N} beside the whole
 * chain's {@code length}: how peers fetch only what they miss.
 */
public final class ChainServlet extends ApiServlet {
    public ChainServlet() {
        super("GET");
    }

    @Override
    boolean stream(HttpServletRequest request, HttpServletResponse response, boolean withBody) throws IOException {
        NodeState state = blockchain().state();
        response.setHeader(PeerClient.NODE_ID_HEADER, blockchain().nodeId());
        String from = request.getParameter("from");
        if (from == null) {
            ChainAnswer.write(request, response, withBody, null, "chain", state.chain(), new Answers.ChainTail(state.length(), null));
            return true;
        }
        long first = from(from);
        List<Block> blocks = state.chain().subList((int) Math.min(first - 1, state.length()), state.length());
        ChainAnswer.write(request, response, withBody, null, "chain", blocks, new Answers.ChainTail(state.length(), first));
        return true;
    }

    private static long from(String text) {
        try {
            long from = Long.parseLong(text.strip());
            if (from >= 1) {
                return from;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(400, "from must be a block index, a whole number from 1, not '" + text + "'");
    }
}
