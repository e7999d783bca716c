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

    /** A POST whose body is sent chunked, with no length announced. */
    public static Answer postChunked(String url, String json) {
        byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))));
    }

    /**
     * A GET of {@code target} (path and query, sent byte for byte, even where it is not a valid
     * URI, which the JDK client would refuse to send) on the server of {@code baseUrl}.
     */
    public static Answer rawGet(String baseUrl, String target) {
        return rawGet(baseUrl, target, URI.create(baseUrl).getHost());
    }

    /** As {@link #rawGet(String, String)}, with the {@code Host} header a client would send for {@code host}. */
    public static Answer rawGet(String baseUrl, String target, String host) {
        URI base = URI.create(baseUrl);
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            java.util.Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            int end = response.indexOf("\r\n\r\n");
            for (String line : response.substring(0, end).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).strip(), List.of(line.substring(colon + 1).strip()));
                }
            }
            String body = response.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.getOrDefault("Transfer-Encoding", List.of("")).get(0))) {
                StringBuilder unchunked = new StringBuilder();
                int at = 0;
                while (true) {
                    int lineEnd = body.indexOf("\r\n", at);
                    int size = Integer.parseInt(body.substring(at, lineEnd).strip(), 16);
                    if (size == 0) {
                        break;
                    }
                    unchunked.append(body, lineEnd + 2, lineEnd + 2 + size);
                    at = lineEnd + 2 + size + 2;
                }
                body = unchunked.toString();
            }
            return new Answer(status, body, headers);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A request with a JSON body (null: none) and headers given as name, value, name, value... */
    public static Answer request(String method, String url, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, json == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
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
