package io.learnchain.web;

import io.learnchain.chain.Block;
import io.learnchain.chain.ChainValidator;
import io.learnchain.chain.InvalidChainException;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonObject;
import io.learnchain.node.Settings;
import jakarta.servlet.http.HttpServletRequest;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /chain/validate}: the node's verdict on a chain, {@code {"chain": [...]}}, from the
 * very validator consensus uses (the ledger's rules too, on a signed node): 200
 * {@code {"valid": true, "length": n}}, or {@code {"valid": false, "index", "rule", "message"}}
 * for the first block that breaks a rule, a wrong type inside a block included. A body that is not
 * a chain at all is 400. It changes nothing and takes no lock a writer needs.
 *
 * <p>Bounded: its own body limit (setting {@code maxValidateBytes}), {@value #SECONDS} s of checking
 * (503 with {@code Retry-After} past it), and {@value #AT_ONCE} checks at a time (503 beyond).
 */
public final class ValidateServlet extends ApiServlet {
    static final int SECONDS = 5;
    static final int AT_ONCE = 2;
    private final Semaphore running = new Semaphore(AT_ONCE);

    public ValidateServlet() {
        super("POST");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        Settings settings = settings();
        JsonObject body = JsonBody.readObject(request, settings.maxValidateBytes(), settings.peers().maxJsonDepth(), true);
        if (!(body.get("chain") instanceof JsonArray chain)) {
            throw new ApiException(400, "Send {\"chain\": [...]}: a list of blocks, as GET /chain gives");
        }
        if (!running.tryAcquire()) {
            throw new ApiException(503, "Other chains are being checked; try again in a moment");
        }
        try {
            List<Block> blocks = ChainValidator.blocks(chain);
            long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
            int valid = blockchain().validate(blocks, 0, stopAt);
            if (valid < blocks.size()) {
                throw new ApiException(503, "Checking this chain takes longer than " + SECONDS + " s; " + valid + " of its "
                        + blocks.size() + " blocks were checked and are valid");
            }
            return Reply.ok(new Answers.Valid(true, blocks.size()));
        } catch (InvalidChainException e) {
            return Reply.ok(new Answers.Invalid(false, e.index(), e.rule(), e.getMessage()));
        } finally {
            running.release();
        }
    }
}
