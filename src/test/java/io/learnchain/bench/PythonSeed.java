package io.learnchain.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The original Python node, measured the same way, where it can run: its code is taken from the
 * seed text beside the project ({@code ../shared/seed/}) and run with the system Python and
 * Debian's Flask. Skipped, with a line saying why, where either is missing.
 */
final class PythonSeed {
    private PythonSeed() {
    }

    /** A running Python node; closing it stops it. */
    record Running(Process process, URI base) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts the seed's node on a free port, or returns null (saying why) where it cannot run. */
    static Running start() throws Exception {
        Path seedDir = Path.of("..", "shared", "seed");
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isDirectory(seedDir) || !Files.isExecutable(python)
                || new ProcessBuilder(python.toString(), "-c", "import flask, requests").start().waitFor() != 0) {
            System.out.println("python node: skipped (needs ../shared/seed and /usr/bin/python3 with python3-flask, python3-requests)");
            return null;
        }
        Path script = Path.of("target", "bench", "seed_node.py");
        Files.createDirectories(script.getParent());
        Files.writeString(script, seedCode(seedDir));
        Process node = new ProcessBuilder(python.toString(), script.toString(), "-p", "0").redirectErrorStream(true).start();
        return new Running(node, URI.create("http://127.0.0.1:" + awaitPort(node)));
    }

    static void measure(Map<String, Double> ours) throws Exception {
        try (Running node = start()) {
            if (node == null) {
                return;
            }
            URI base = node.base();
            double attempts = mining(base);
            double posts = writes(base, 16, 10);
            System.out.printf("python node, proof search (1 thread, via /mine): %.2f million attempts/s; Java is %.1fx with 1 thread, %.1fx with all%n",
                    attempts / 1e6, ratio(ours.get("attempts-1"), attempts),
                    ratio(ours.get("attempts-" + Runtime.getRuntime().availableProcessors()), attempts));
            System.out.printf("python node, POST /transactions/new, 16 clients (in memory, nothing on disk): %.0f/s; Java (durable) is %.1fx%n",
                    posts, ratio(ours.get("post"), posts));
        }
    }

    private static double ratio(Double ours, double theirs) {
        return ours == null ? Double.NaN : ours / theirs;
    }

    /** The seed's Python program, cut from its text, listening on 127.0.0.1 on the port it is given (0: any). */
    private static String seedCode(Path seedDir) throws Exception {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(seedDir)) {
            for (Path file : files) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                int start = text.indexOf("import hashlib");
                Matcher run = Pattern.compile("\\n\\s*app\\.run\\(host='0\\.0\\.0\\.0', port=port\\)").matcher(text);
                if (start >= 0 && run.find(start)) {
                    return text.substring(start, run.start()) + "\n"
                            + "    from werkzeug.serving import make_server\n"
                            + "    server = make_server('127.0.0.1', port, app, threaded=True)\n"
                            + "    print('LISTENING', server.server_port, flush=True)\n"
                            + "    server.serve_forever()\n";
                }
            }
        }
        throw new IllegalStateException("no Python node found in " + seedDir);
    }

    private static int awaitPort(Process node) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + 30_000_000_000L;
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            if (line.startsWith("LISTENING ")) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // Flask's request log
                        }
                    } catch (Exception ignored) {
                        // the node stopped
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(line.substring(10).strip());
            }
        }
        throw new IllegalStateException("the Python node did not start");
    }

    /** Attempts/s of the Python miner: (proof + 1) per /mine, over 20 blocks. */
    private static double mining(URI base) throws Exception {
        long attempts = 0;
        long start = System.nanoTime();
        try (RawHttpClient http = new RawHttpClient(base)) {
            for (int i = 0; i < 20; i++) {
                http.send("GET", "/mine", null);
                attempts += http.lastProof + 1;
            }
        }
        return attempts / ((System.nanoTime() - start) / 1e9);
    }

    private static double writes(URI base, int clients, int seconds) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong count = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            work.add(pool.submit(() -> {
                try (RawHttpClient http = new RawHttpClient(base)) {
                    for (long i = 0; running.get(); i++) {
                        byte[] body = ("{\"sender\": \"c" + client + "\", \"recipient\": \"r" + i + "\", \"amount\": 1}").getBytes(StandardCharsets.UTF_8);
                        if (http.send("POST", "/transactions/new", body) == 201) {
                            count.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        Thread.sleep(1000);
        long before = count.get();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double rate = (count.get() - before) / ((System.nanoTime() - start) / 1e9);
        running.set(false);
        for (Future<?> f : work) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        return rate;
    }
}
