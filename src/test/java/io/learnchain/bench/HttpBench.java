package io.learnchain.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The node as users meet it, beside the Python node in the same run, with clients in other
 * processes: 100 {@code GET /mine} from a fresh node, a new connection each (Python's urllib, as a
 * tutorial script would), counting useful attempts (the sum of proof + 1); and durable
 * {@code POST /transactions/new} from Debian's {@code wrk} with 16 connections. Our node is the
 * WAR on a stock Jetty ({@link StockJetty}) with default settings (the pending pool's limits
 * raised so that no write is refused).
 */
final class HttpBench {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path MINE_LOOP = Path.of("src", "test", "python", "mine_loop.py");
    private static final Pattern NUMBER = Pattern.compile("\"%s\": ([0-9.e+-]+)");

    private HttpBench() {
    }

    /** One mine_loop run: useful attempts per second and the median time per block. */
    private record Mining(double attemptsPerSecond, double medianMs) {
        @Override
        public String toString() {
            return String.format("%.2f M attempts/s, median %.1f ms per block", attemptsPerSecond / 1e6, medianMs);
        }
    }

    static void run() throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            System.out.println("http: skipped (needs /usr/bin/python3)");
            return;
        }
        boolean wrk = new ProcessBuilder("sh", "-c", "command -v wrk").start().waitFor() == 0;
        Mining fresh;
        Mining warm;
        double posts = Double.NaN;
        double warmPosts = Double.NaN;
        try (StockJetty node = StockJetty.start(Path.of(System.getProperty("blockchain.war", "target/blockchain.war")),
                List.of("blockchain.maxPending=100000000", "blockchain.maxPendingBytes=4000000000"))) {
            fresh = mine(node.url(), 100);
            warm = mine(node.url(), 100);
            if (wrk) {
                posts = post(node.url());
                warmPosts = post(node.url());
            }
        }
        System.out.printf("http: GET /mine x100 from a fresh node, a connection each: %s (warm: %s)%n", fresh, warm);
        if (wrk) {
            System.out.printf("http: POST /transactions/new, wrk -t2 -c16: %.0f/s, each on disk before its 201 (warm: %.0f/s)%n",
                    posts, warmPosts);
        } else {
            System.out.println("http: wrk not installed (apt-get install wrk): no external write figures");
        }
        try (PythonSeed.Running python = PythonSeed.start()) {
            if (python == null) {
                return;
            }
            Mining theirs = mine(python.base().toString(), 100);
            System.out.printf("http: python node, GET /mine x100: %s; ours (fresh) is %.1fx, warm %.1fx%n", theirs,
                    fresh.attemptsPerSecond() / theirs.attemptsPerSecond(), warm.attemptsPerSecond() / theirs.attemptsPerSecond());
            if (wrk) {
                double theirPosts = post(python.base().toString());
                System.out.printf("http: python node, POST /transactions/new, wrk -t2 -c16: %.0f/s in memory; ours (durable) is %.1fx,"
                        + " warm %.1fx%n", theirPosts, posts / theirPosts, warmPosts / theirPosts);
            }
        }
    }

    private static Mining mine(String url, int blocks) throws Exception {
        String out = run(List.of(PYTHON.toString(), MINE_LOOP.toString(), url, Integer.toString(blocks)));
        return new Mining(field(out, "attempts_per_second"), field(out, "p50_ms"));
    }

    /** Successful POSTs a second over 8 s, after 2 s of warm-up (not enough for the JIT to finish: call twice for warm figures). */
    private static double post(String url) throws Exception {
        Path script = Files.createTempFile("post-", ".lua");
        try {
            Files.writeString(script, """
                    wrk.method = "POST"
                    wrk.body = '{"sender": "d4ee26eee15148ee92c6cd394edd974e", "recipient": "someone-other-address", "amount": 5}'
                    wrk.headers["Content-Type"] = "application/json"
                    """);
            List<String> command = List.of("wrk", "-t2", "-c16", "-d%ds", "-s", script.toString(), url + "/transactions/new");
            run(command.stream().map(a -> a.replace("%d", "2")).toList());
            String out = run(command.stream().map(a -> a.replace("%d", "8")).toList());
            Matcher total = Pattern.compile("(\\d+) requests in ([0-9.]+)s").matcher(out);
            if (!total.find()) {
                throw new IllegalStateException("wrk said: " + out);
            }
            Matcher refused = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
            long good = Long.parseLong(total.group(1)) - (refused.find() ? Long.parseLong(refused.group(1)) : 0);
            return good / Double.parseDouble(total.group(2));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static double field(String json, String name) {
        Matcher m = Pattern.compile(String.format(NUMBER.pattern(), name)).matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return Double.parseDouble(m.group(1));
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
