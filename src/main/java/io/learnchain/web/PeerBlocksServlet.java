package io.learnchain.web;

import io.learnchain.chain.Block;
import io.learnchain.chain.InvalidChainException;
import io.learnchain.json.Json;
import io.learnchain.json.JsonObject;
import io.learnchain.node.Settings;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /peer/blocks}: a peer pushes a block, {@code {"block": {...}, "from": "<its address>"}}.
 * Answers 202 {@code {"message": "accepted" | "known" | "syncing" | "ignored"}}, 429 when the
 * sender pushes too fast, or 400 for a block that breaks the rules.
 */
public final class PeerBlocksServlet extends ApiServlet {
    public PeerBlocksServlet() {
        super("POST");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        Settings settings = settings();
        JsonObject body = JsonBody.readObject(request, settings.maxBlockBytes() + 64 * 1024, settings.peers().maxJsonDepth(), true);
        Json json = body.get("block");
        if (json == null) {
            throw new ApiException(400, "Missing values: block");
        }
        Block block;
        try {
            block = Block.fromJson(json);
        } catch (InvalidChainException e) {
            throw new ApiException(400, "Invalid block: " + e.getMessage());
        }
        if (block.compactJson().length > settings.maxBlockBytes()) {
            throw new ApiException(400, "Invalid block: it is " + block.compactJson().length + " bytes, more than the limit of "
                    + settings.maxBlockBytes());
        }
        try {
            return PeerMessages.reply(network().receiveBlock(block, PeerMessages.sender(body)));
        } catch (InvalidChainException e) {
            throw new ApiException(400, "Invalid block: " + e.getMessage());
        }
    }
}
