package io.learnchain.web;

import io.learnchain.net.AutoMiner;
import io.learnchain.node.MiningPlan;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code GET /admin/mining}: how this node mines by itself; {@code PUT} changes it (the fields
 * given: {@code mode}, {@code interval_ms}, {@code threads}, {@code duty}), kept for restarts.
 * {@code {"mode": "manual"}} stops it all, blocks waiting to be mined on request included.
 * The operator's (see {@code web.xml}).
 */
public final class AdminMiningServlet extends ApiServlet {
    public AdminMiningServlet() {
        super("GET", "PUT");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        AutoMiner miner = network().autoMiner();
        if (request.getMethod().equals("PUT")) {
            MiningPlan changed;
            try {
                changed = miner.plan().with(JsonBody.readObject(request, settings()), blockchain().miningThreads());
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "Mining plan not changed: " + e.getMessage());
            }
            miner.apply(changed);
        }
        return Reply.ok(Answers.Mining.of(miner.plan(), miner.queued()));
    }
}
