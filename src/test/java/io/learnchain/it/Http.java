package io.learnchain.it;

import io.learnchain.json.Json;
import io.learnchain.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A client for the tests: plain JDK HTTP, answers read by JSON-B as a standard client would. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Jsonb JSONB = JsonbBuilder.create();

    private Http() {
    }

    /** An answer: status, headers and body. */
    public record Answer(int status, String body, Map<String, List<String>> headers) {
        /** The body read by JSON-B into maps, lists, strings and BigDecimals. */
        @SuppressWarnings("unchecked")
        public Map<String, Object> json() {
            return JSONB.fromJson(body, Map.class);
        }

        /** The body read by the node's own exact reader (number literals kept; Python's NaN and Infinity allowed). */
        public Json exact() {
            try {
                byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                return JsonReader.parse(bytes, bytes.length, 512, true);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String message() {
            Json message = ((io.learnchain.json.JsonObject) exact()).get("message");
            return message instanceof io.learnchain.json.JsonString text ? text.value() : null;
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    public static Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** A GET that accepts gzip; the body is returned decompressed, the headers as sent. */
    public static Answer getGzip(String url) {
        try {
            HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).header("Accept-Encoding", "gzip").GET()
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = r.body();
            if ("gzip".equals(r.headers().firstValue("Content-Encoding").orElse(null))) {
                body = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
            }
            return new Answer(r.statusCode(), new String(body, java.nio.charset.StandardCharsets.UTF_8), r.headers().map());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static Answer postJson(String url, String json) {
        return post(url, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static Answer post(String url, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    public static Answer send(String method, String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r.headers().map());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
