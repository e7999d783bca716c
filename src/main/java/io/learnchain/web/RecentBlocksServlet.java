package io.learnchain.web;

import io.learnchain.chain.Block;
import io.learnchain.node.BlockJournal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /blocks/recent?limit=N}: the newest blocks first, each with its hash and what this
 * node's journal says of it (when and how it took it), for the status page and the network view
 * (the whole chain would be too much to poll); then the newest side-branch blocks this node holds,
 * with when it dropped them.
 */
public final class RecentBlocksServlet extends ApiServlet {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    /** Side-branch blocks listed: enough for the forks a class sees at once. */
    static final int SIDE_BLOCKS = 10;

    public RecentBlocksServlet() {
        super("GET");
    }

    /** Streamed from the blocks' stored encodings: a peer's block may be large, and the page polls this. */
    @Override
    boolean stream(HttpServletRequest request, HttpServletResponse response, boolean withBody) throws IOException {
        int limit = limit(request, DEFAULT_LIMIT, MAX_LIMIT);
        List<Block> chain = blockchain().state().chain();
        List<Block> newest = new ArrayList<>(Math.min(limit, chain.size()));
        for (int i = chain.size() - 1; i >= 0 && newest.size() < limit; i--) {
            newest.add(chain.get(i));
        }
        BlockJournal journal = blockchain().journal();
        List<Answers.SideBlock> side = new ArrayList<>();
        List<Block> sideBlocks = blockchain().sideBlocks(SIDE_BLOCKS);
        for (int i = sideBlocks.size() - 1; i >= 0; i--) {
            Block block = sideBlocks.get(i);
            side.add(new Answers.SideBlock(block.hash(), block.previousHash(), block.index(), journal.get(block.hash())));
        }
        ChainAnswer.write(request, response, withBody, null, "blocks", newest,
                ChainAnswer.Items.withHashes(block -> Answers.journalField(journal.get(block.hash()))), new Answers.RecentTail(chain.size(), side));
        return true;
    }
}
