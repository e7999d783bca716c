package io.learnchain.web;

import io.learnchain.node.BlockJournal;
import io.learnchain.node.Blockchain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * {@code GET /blocks/<hash>}: any block this node holds, on its chain or on a side branch it left
 * or saw (see {@link io.learnchain.node.SideBranches}): {@code {"hash", "height", "main", "block"}},
 * the block as stored, and {@code "journal"}: when and how this node took it, when it dropped it
 * (see {@link BlockJournal}), when it remembers; 404 otherwise.
 */
public final class BlockServlet extends ApiServlet {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    public BlockServlet() {
        super("GET");
    }

    @Override
    boolean stream(HttpServletRequest request, HttpServletResponse response, boolean withBody) throws IOException {
        String hash = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        if (!HASH.matcher(hash).matches()) {
            throw new ApiException(404, "No block " + hash + ": a block's hash is 64 lowercase hex characters");
        }
        Blockchain.Held held = blockchain().find(hash)
                .orElseThrow(() -> new ApiException(404, "This node holds no block " + hash + ", on its chain or a side branch"));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("{\"hash\":\"" + hash + "\",\"height\":" + held.block().index() + ",\"main\":" + held.main() + ",\"block\":")
                .getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(held.block().compactJson());
        String journal = Answers.journalField(blockchain().journal().get(hash));
        if (!journal.isEmpty()) {
            body.writeBytes(("," + journal).getBytes(StandardCharsets.UTF_8));
        }
        body.write('}');
        writeJson(response, withBody, body.toByteArray());
        return true;
    }
}
