package io.learnchain.bench;

import io.learnchain.it.Ledger;
import io.learnchain.it.TestNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bounded soak: writers, miners, readers of the whole chain and a resolver against a second
 * node, all at once for a fixed time; then every acknowledged transaction must be in the chain or
 * the pending pool exactly once, and the chain valid.
 */
final class Soak {
    private Soak() {
    }

    /** What one kind of client saw. */
    private record Kind(String name, List<long[]> latencies, long[] errors) {
        Kind(String name) {
            this(name, new ArrayList<>(), new long[1]);
        }
    }

    static void run(int seconds, int writers, int miners, int readers) throws Exception {
        Path dataA = Files.createTempDirectory("soak-a-");
        Path dataB = Files.createTempDirectory("soak-b-");
        try (TestNode node = TestNode.start("/", Map.of("blockchain.dataDir", dataA.toString()));
             TestNode rival = TestNode.start("/", Map.of("blockchain.dataDir", dataB.toString()))) {
            URI base = URI.create(node.url());
            new RawHttpClient(base).send("POST", "/nodes/register",
                    ("{\"nodes\": [\"" + rival.url() + "\"]}").getBytes(StandardCharsets.UTF_8));
            AtomicBoolean running = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
            Kind write = new Kind("POST /transactions/new");
            Kind mine = new Kind("GET /mine");
            Kind read = new Kind("GET /chain");
            Kind resolve = new Kind("GET /nodes/resolve");
            ExecutorService pool = Executors.newFixedThreadPool(writers + miners + readers + 2);
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String sender = "soak-" + w;
                work.add(pool.submit(() -> loop(base, running, write, 0, (http, i) -> {
                    String recipient = "r" + i;
                    int status = http.send("POST", "/transactions/new", ("{\"sender\": \"" + sender + "\", \"recipient\": \""
                            + recipient + "\", \"amount\": 1}").getBytes(StandardCharsets.UTF_8));
                    if (status == 201) {
                        acknowledged.add(sender + "->" + recipient);
                    }
                    return status;
                })));
            }
            for (int m = 0; m < miners; m++) {
                work.add(pool.submit(() -> loop(base, running, mine, 0, (http, i) -> http.send("GET", "/mine", null))));
            }
            for (int r = 0; r < readers; r++) {
                work.add(pool.submit(() -> loop(base, running, read, 0, (http, i) -> http.send("GET", "/chain", null))));
            }
            work.add(pool.submit(() -> loop(base, running, resolve, 200, (http, i) -> http.send("GET", "/nodes/resolve", null))));
            // the rival mines steadily, so that resolving sometimes swaps chains under load
            work.add(pool.submit(() -> loop(URI.create(rival.url()), running, new Kind("rival"), 100,
                    (http, i) -> http.send("GET", "/mine", null))));
            Thread.sleep(seconds * 1000L);
            running.set(false);
            for (Future<?> f : work) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();

            System.out.printf("soak, %d s: %d writers, %d miners, %d readers of /chain, 1 resolver (plus a rival node mining)%n",
                    seconds, writers, miners, readers);
            for (Kind kind : List.of(write, mine, read, resolve)) {
                long[] all = kind.latencies().stream().flatMapToLong(Arrays::stream).sorted().toArray();
                System.out.printf("  %-24s %8d served, %d errors, p50 %.1f ms, p99 %.1f ms%n", kind.name(), all.length,
                        kind.errors()[0], Benchmark.percentile(all, 0.5), Benchmark.percentile(all, 0.99));
            }
            System.out.println("  final check: " + check(node.url(), acknowledged));
        } finally {
            TestNode.deleteRecursively(dataA);
            TestNode.deleteRecursively(dataB);
        }
    }

    private interface Call {
        int send(RawHttpClient http, long i) throws Exception;
    }

    /** Calls until told to stop, {@code pauseMs} apart (the pause is not counted in the latency). */
    private static Void loop(URI base, AtomicBoolean running, Kind kind, long pauseMs, Call call) throws Exception {
        long[] samples = new long[1 << 20];
        int n = 0;
        long errors = 0;
        try (RawHttpClient http = new RawHttpClient(base)) {
            for (long i = 0; running.get(); i++) {
                if (pauseMs > 0) {
                    Thread.sleep(pauseMs);
                }
                long t0 = System.nanoTime();
                int status = call.send(http, i);
                if (status >= 200 && status < 300) {
                    if (n < samples.length) {
                        samples[n++] = System.nanoTime() - t0;
                    }
                } else {
                    errors++;
                }
            }
        }
        synchronized (kind) {
            kind.latencies().add(Arrays.copyOf(samples, n));
            kind.errors()[0] += errors;
        }
        return null;
    }

    /** Every acknowledged transaction once in chain + pending, nothing else, and the chain valid. */
    private static String check(String url, ConcurrentLinkedQueue<String> acknowledged) throws Exception {
        Map<String, Integer> seen = Ledger.count(url); // validates the chain on the way
        long missing = acknowledged.stream().filter(t -> seen.getOrDefault(t, 0) == 0).count();
        long duplicated = seen.values().stream().filter(c -> c > 1).count();
        long unacknowledged = seen.size() - acknowledged.size() + missing;
        boolean ok = missing == 0 && duplicated == 0 && unacknowledged == 0;
        return String.format("%s: %d acknowledged, %d missing, %d duplicated, %d never acknowledged; the chain is valid",
                ok ? "PASSED" : "FAILED", acknowledged.size(), missing, duplicated, unacknowledged);
    }
}
