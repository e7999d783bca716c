package io.learnchain.web;

import io.learnchain.json.Json;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;
import io.learnchain.node.NodeState;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /peer/locate}: where a peer's chain and ours part. The peer sends a locator,
 * {@code {"locator": [{"index": n, "hash": "..."}, ...]}} (its newest blocks first, then ever
 * further apart); the answer is {@code {"index": k, "length": n}}: the highest of them our chain
 * holds (0 if none) and our length. The peer then asks for {@code GET /chain?from=k+1}.
 */
public final class LocateServlet extends ApiServlet {
    static final int MAX_ENTRIES = 256;

    public LocateServlet() {
        super("POST");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        String paused = network().refusal(null);
        if (paused != null) {
            throw new ApiException(503, paused);
        }
        JsonObject body = JsonBody.readObject(request, settings());
        if (!(body.get("locator") instanceof JsonArray locator) || locator.size() > MAX_ENTRIES) {
            throw new ApiException(400, "locator must be a list of at most " + MAX_ENTRIES + " {\"index\", \"hash\"} objects");
        }
        NodeState state = blockchain().state();
        long held = 0;
        for (Json entry : locator.items()) {
            if (!(entry instanceof JsonObject item) || !(item.get("index") instanceof JsonNumber index) || !index.isInteger()
                    || !(item.get("hash") instanceof JsonString hash)) {
                throw new ApiException(400, "each locator entry must be {\"index\": <integer>, \"hash\": <string>}");
            }
            long at = index.bigInteger().min(java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValue();
            if (at > held && state.holds(at, hash.value())) {
                held = at;
            }
        }
        return Reply.ok(new Answers.Located(held, state.length()));
    }
}
