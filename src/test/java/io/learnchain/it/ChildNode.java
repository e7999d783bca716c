package io.learnchain.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A node in a child JVM, so that a test can kill it with SIGKILL or run it under OS limits. */
public final class ChildNode implements AutoCloseable {
    private final Process process;
    private final String url;
    private final Deque<String> output;

    private ChildNode(Process process, String url, Deque<String> output) {
        this.process = process;
        this.url = url;
        this.output = output;
    }

    /**
     * Starts a node on {@code dataDir}; {@code shellPrefix} runs before it in the same shell
     * (e.g. {@code "ulimit -f 400; "}). Waits at most a minute for it to listen.
     */
    public static ChildNode start(Path dataDir, String shellPrefix) {
        // the exploded WAR: a child under a file-size limit must not have to unpack anything
        String war = System.getProperty("blockchain.war", "target/blockchain.war").replaceFirst("\\.war$", "");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", shellPrefix + "exec \"$@\"", "node",
                java, "-XX:-UsePerfData", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                TestNode.class.getName(), war, dataDir.toString());
        builder.redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Deque<String> output = new ArrayDeque<>();
        CompletableFuture<String> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (output) {
                        output.addLast(line);
                        if (output.size() > 200) {
                            output.removeFirst();
                        }
                    }
                    if (line.startsWith("LISTENING ")) {
                        listening.complete(line.substring("LISTENING ".length()));
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
            listening.completeExceptionally(new IllegalStateException("the child node exited"));
        }, "child-node-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ChildNode(process, listening.get(60, TimeUnit.SECONDS), output);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the child node did not start: " + e + "\n" + String.join("\n", output), e);
        }
    }

    public String url() {
        return url;
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the child node did not die");
        }
    }

    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
