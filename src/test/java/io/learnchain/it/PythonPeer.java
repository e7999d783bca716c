package io.learnchain.it;

import io.learnchain.Python3;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Python node running on a loopback port: the tutorial's (src/main/python/tutorial_peer.py), or
 * another script that prints {@code LISTENING <port>} once ready (the lying peer).
 */
final class PythonPeer implements AutoCloseable {
    private static final Path SCRIPT = Path.of("src/main/python/tutorial_peer.py");
    private final Process process;
    private final String url;

    private PythonPeer(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** True where python3 and the script are there to run. */
    static boolean available() {
        return Files.exists(SCRIPT) && Python3.available();
    }

    static PythonPeer start() throws Exception {
        return start(SCRIPT);
    }

    static PythonPeer start(Path script, String... arguments) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("python3", script.toString()));
        command.addAll(java.util.List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("LISTENING ")) {
                        port.complete(line.substring(10).strip());
                    }
                }
            } catch (IOException ignored) {
                // the peer stopped
            }
            port.completeExceptionally(new IllegalStateException("the Python peer exited"));
        });
        reader.setDaemon(true);
        reader.start();
        try {
            return new PythonPeer(process, "http://127.0.0.1:" + port.get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    String url() {
        return url;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
