package io.learnchain.it;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A client of a node's {@code /events}, as a browser's EventSource reads it: frames of id, event and data lines. */
final class EventStream implements AutoCloseable {
    private static final Jsonb JSONB = JsonbBuilder.create();

    /** One frame: its own id (null when it has none), event type, and data. */
    record Frame(String id, String event, String data) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return JSONB.fromJson(data, Map.class);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> params() {
            return (Map<String, Object>) json().get("params");
        }

        String code() {
            return (String) json().get("code");
        }
    }

    private final HttpClient client = HttpClient.newHttpClient();
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile Stream<String> lines;
    final int status;
    final String contentType;
    /** The whole body of an answer that is not a stream (status other than 200), else null. */
    final String refusal;

    /** Opens the stream, sending {@code lastEventId} as a reconnecting EventSource does (null: a first connection). */
    EventStream(String nodeUrl, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(nodeUrl + "/events")).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = client.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        status = response.statusCode();
        contentType = response.headers().firstValue("Content-Type").orElse("");
        lines = response.body();
        if (status != 200) { // a refusal: a short JSON body, read at once
            refusal = String.join("\n", (Iterable<String>) lines::iterator);
            reader = new Thread(() -> { });
            return;
        }
        refusal = null;
        reader = new Thread(this::read, "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        String id = null;
        String event = "message";
        StringBuilder data = null;
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data != null) {
                        frames.add(new Frame(id, event, data.toString()));
                    }
                    id = null; // a frame's own id, null when it has none
                    event = "message";
                    data = null;
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
                }
            }
        } catch (RuntimeException closed) {
            // the stream was closed
        }
    }

    /** The next frame that matches, waiting at most 30 s; frames before it are passed over. */
    Frame await(String what, Predicate<Frame> matches) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Frame frame = frames.poll(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new AssertionError("no event within 30 s: " + what);
            }
            if (matches.test(frame)) {
                return frame;
            }
        }
    }

    /** The next frame, waiting at most 30 s. */
    Frame next() throws InterruptedException {
        return await("any event", f -> true);
    }

    @Override
    public void close() throws IOException {
        if (lines != null) {
            lines.close();
        }
        reader.interrupt();
    }
}
