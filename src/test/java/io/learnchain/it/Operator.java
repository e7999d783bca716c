package io.learnchain.it;

/** The operator's side in tests: nodes started with {@link #TOKEN} as their operator's token, and requests that carry it. */
final class Operator {
    static final String TOKEN = "class-token";

    private Operator() {
    }

    /** A request with the operator's token ({@code json} null: no body). */
    static Http.Answer steer(String method, String url, String json) {
        return Http.request(method, url, json, "Authorization", "Bearer " + TOKEN);
    }
}
