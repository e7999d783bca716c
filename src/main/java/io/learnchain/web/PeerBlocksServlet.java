package io.learnchain.web;

import io.learnchain.chain.Block;
import io.learnchain.chain.InvalidChainException;
import io.learnchain.json.Json;
import io.learnchain.json.JsonObject;
import io.learnchain.node.Settings;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /peer/blocks}: a peer pushes a block, {@code {"block": {...}, "from": "<its address>"}}.
 * Answers 202 {@code {"message": "accepted" | "known" | "syncing" | "ignored"}}, 400 for a block
 * that breaks the rules, or 429 while such pushes, from anyone, have used up their allowance.
 */
public final class PeerBlocksServlet extends ApiServlet {
    public PeerBlocksServlet() {
        super("POST");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        return PeerMessages.receive(network(), () -> {
            Settings settings = settings();
            JsonObject body = JsonBody.readObject(request, settings.maxBlockBytes() + 64 * 1024, settings.peers().maxJsonDepth(), true);
            String from = PeerMessages.takenFrom(network(), body);
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
            return () -> {
                try {
                    return network().receiveBlock(block, from);
                } catch (InvalidChainException e) {
                    throw new ApiException(400, "Invalid block: " + e.getMessage());
                }
            };
        });
    }
}
