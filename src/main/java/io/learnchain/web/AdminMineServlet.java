package io.learnchain.web;

import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.net.AutoMiner;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /admin/mine} {@code {"count": n}}: mines n blocks one after another, by itself,
 * answering at once (202); each block is told on the event stream as it comes. At most
 * {@value AutoMiner#MAX_QUEUED} wait at a time. The operator's (see {@code web.xml}).
 */
public final class AdminMineServlet extends ApiServlet {
    public AdminMineServlet() {
        super("POST");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        JsonObject body = JsonBody.readObject(request, settings());
        if (!(body.get("count") instanceof JsonNumber count) || !count.isInteger() || count.bigInteger().bitLength() > 31) {
            throw new ApiException(400, "Send {\"count\": n}, n a whole number from 1 to " + AutoMiner.MAX_QUEUED);
        }
        int queued;
        try {
            queued = network().autoMiner().mine(count.bigInteger().intValue());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
        return new Reply(202, new Answers.Queued(count.bigInteger() + (count.bigInteger().intValue() == 1 ? " block" : " blocks")
                + " will be mined", queued));
    }
}
