package io.learnchain.web;

import io.learnchain.json.Json;
import io.learnchain.json.JsonObject;

/** An answer: an HTTP status and a JSON body. */
record Reply(int status, Json body) {
    static Reply ok(Json body) {
        return new Reply(200, body);
    }

    static Reply created(Json body) {
        return new Reply(201, body);
    }

    static JsonObject message(String message) {
        return JsonObject.builder().put("message", message).build();
    }
}
