package io.learnchain.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A scripted peer on a loopback port: each path answers as the test says. */
final class FakePeer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads;

    FakePeer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-peer");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.start();
    }

    /** Serves {@code handler} at {@code <url>/<name>/chain}; returns the peer address {@code <url>/<name>}. */
    String serve(String name, HttpHandler handler) {
        server.createContext("/" + name + "/chain", handler);
        return url() + "/" + name;
    }

    /** Serves {@code handler} at {@code <url><path>}. */
    void serveAt(String path, HttpHandler handler) {
        server.createContext(path, handler);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static void send(HttpExchange e, String json) throws IOException {
        send(e, 200, "application/json", json);
    }

    static void send(HttpExchange e, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().add("Content-Type", type);
        e.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(bytes);
        } catch (IOException gone) {
            // the node hung up
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
