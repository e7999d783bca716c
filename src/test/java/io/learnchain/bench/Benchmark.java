package io.learnchain.bench;

import io.learnchain.chain.Block;
import io.learnchain.chain.ChainValidator;
import io.learnchain.chain.ProofOfWork;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonReader;
import io.learnchain.chain.Sha256;
import io.learnchain.it.ChainFiles;
import io.learnchain.it.TestNode;
import io.learnchain.node.Miner;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints the node's speed figures. Run with {@code mvn -B -Pbench verify}; choose sections with
 * {@code -Dbench.args=pow,post} (default {@code all}). Not a test: it asserts nothing, it measures.
 */
public final class Benchmark {
    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.WARNING);
        for (var handler : root.getHandlers()) {
            handler.setLevel(java.util.logging.Level.WARNING);
        }
        Set<String> sections = Set.of((args.length == 0 ? "all" : args[0]).split(","));
        boolean all = sections.contains("all");
        System.out.printf("machine: %d cores, Java %s, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.arch"));
        Map<String, Double> ours = new java.util.HashMap<>();
        if (all || sections.contains("pow")) {
            proofSearch(ours);
        }
        if (all || sections.contains("post")) {
            ours.put("post", durableWrites(16, Duration.ofSeconds(10)));
        }
        if (all || sections.contains("python")) {
            PythonSeed.measure(ours);
        }
        if (all || sections.contains("http")) {
            HttpBench.run();
        }
        if (all || sections.contains("start")) {
            startUp(100_000);
            resolvingInSmallHeap(100_000, 8);
        }
        if (sections.contains("soak")) { // not in "all": a minute by default
            Soak.run(Integer.getInteger("bench.soak.seconds", 60), 16, 2, 4);
        }
        if (sections.contains("big")) { // not in "all": mines 100,000 blocks once (~8 minutes here)
            big(100_000);
        }
        if (all || sections.contains("events")) {
            EventsBench.run(500, 50);
        }
        if (all || sections.contains("signed")) {
            SignedBench.run(20_000);
            SignedBench.run(100_000);
        }
        if (all || sections.contains("network")) {
            NetworkBench.run(20, 20);
        }
        if (all || sections.contains("view")) {
            NetworkViewBench.run(19, 50);
        }
        if (all || sections.contains("chain")) {
            List<Block> chain = BenchChains.chain(10_000);
            NetworkBench.oneBlockSync(chain);
            validation(chain);
            serving(chain.subList(0, 1_000));
            serving(chain);
            resolving(chain);
            memory(chain);
        }
    }

    /**
     * How long a node holding {@code length} blocks takes to start: the WAR on a stock Jetty in a
     * new JVM, from launch to its first {@code /status} (the chain loaded and validated). The chain
     * is mined at difficulty 1 so that making it takes seconds; validating it costs the same as at 4.
     */
    static void startUp(int length) throws Exception {
        List<Block> chain = BenchChains.chain(length, 1);
        Path dir = ChainFiles.dataDir(chain);
        long bytes;
        try (var files = Files.walk(dir)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        Path war = Path.of(System.getProperty("blockchain.war", "target/blockchain.war"));
        try (StockJetty empty = StockJetty.start(war, List.of(), List.of("-Xmx512m"))) {
            System.out.printf("start: a new node (genesis only), -Xmx512m: serves /status %.2f s after its JVM was launched"
                    + " (the node's own start: %.2f s)%n", empty.startSeconds(), empty.nodeStartSeconds());
        }
        for (String heap : List.of("512m", "1g")) {
            try (StockJetty node = StockJetty.start(war, List.of("blockchain.dataDir=" + dir, "blockchain.difficulty=1"),
                    List.of("-Xmx" + heap))) {
                double seconds = node.startSeconds();
                System.out.printf("start: a node holding %,d blocks (%.0f MB on disk), -Xmx%s: serves /status %.2f s after its JVM was launched"
                        + " (the node's own start, reading and checking the chain: %.2f s)%n",
                        length, bytes / 1e6, heap, seconds, node.nodeStartSeconds());
            }
        }
        TestNode.deleteRecursively(dir);
    }

    /**
     * {@code clients} resolves at once, on a new node with a 512 MB heap, against a peer holding
     * {@code length} blocks: the peer's chain is read from the socket a block at a time.
     */
    static void resolvingInSmallHeap(int length, int clients) throws Exception {
        Path dir = ChainFiles.dataDir(BenchChains.chain(length, 1));
        Path war = Path.of(System.getProperty("blockchain.war", "target/blockchain.war"));
        List<String> settings = List.of("blockchain.difficulty=1", "blockchain.network=manual");
        try (StockJetty peer = StockJetty.start(war, List.of("blockchain.dataDir=" + dir, "blockchain.difficulty=1",
                "blockchain.network=manual"), List.of("-Xmx1g"));
             StockJetty node = StockJetty.start(war, settings, List.of("-Xmx512m"))) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            http.send(java.net.http.HttpRequest.newBuilder(URI.create(node.url() + "/nodes/register"))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"nodes\": [\"" + peer.url() + "\"]}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long t0 = System.nanoTime();
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> http.send(java.net.http.HttpRequest.newBuilder(URI.create(node.url() + "/nodes/resolve"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            String metrics = http.send(java.net.http.HttpRequest.newBuilder(URI.create(node.url() + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            System.out.printf("resolve: %d at once against a peer holding %,d blocks, node -Xmx512m: answers %s in %.1f s; "
                            + "chain now %s blocks, heap used %s MB%n", clients, length, statuses, seconds,
                    metric(metrics, "blockchain_chain_length"), Math.round(Double.parseDouble(metric(metrics,
                            "jvm_memory_used_bytes{area=\"heap\"}")) / (1 << 20)));
        } finally {
            TestNode.deleteRecursively(dir);
        }
    }

    private static String metric(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ")) {
                return line.substring(name.length() + 1).strip();
            }
        }
        return "?";
    }

    /** Heap a node needs per block: a node holding {@code chain}, against one holding only genesis. */
    static void memory(List<Block> chain) throws Exception {
        Path dir = ChainFiles.dataDir(chain);
        try (TestNode empty = TestNode.start()) {
            long before = usedHeapAfterGc();
            try (TestNode node = TestNode.start("/", Map.of("blockchain.dataDir", dir.toString()));
                 RawHttpClient http = new RawHttpClient(URI.create(node.url()))) {
                http.send("GET", "/chain", null); // with every block's encoding cached, as a serving node has
                long after = usedHeapAfterGc();
                double perBlock = (after - before) / (double) chain.size();
                System.out.printf("memory: %.1f KB of heap per block (4 transactions each, encoding cached); "
                        + "100,000 such blocks: about %.0f MB%n", perBlock / 1024, perBlock * 100_000 / (1 << 20));
            }
        } finally {
            TestNode.deleteRecursively(dir);
        }
    }

    /** A node holding {@code length} blocks in this JVM (run it with -Dbench.heap=512m): heap used and /chain. */
    static void big(int length) throws Exception {
        Path dir = ChainFiles.dataDir(BenchChains.chain(length)); // the chain itself is garbage after this
        try (TestNode node = TestNode.start("/", Map.of("blockchain.dataDir", dir.toString()));
             RawHttpClient http = new RawHttpClient(URI.create(node.url()))) {
            long[] times = new long[10];
            for (int i = -3; i < times.length; i++) {
                long t0 = System.nanoTime();
                http.send("GET", "/chain", null);
                if (i >= 0) {
                    times[i] = System.nanoTime() - t0;
                }
            }
            Arrays.sort(times);
            System.out.printf("a node holding %d blocks, max heap %d MB: %d MB used after GC, GET /chain median %.0f ms (%.1f MB)%n",
                    length, Runtime.getRuntime().maxMemory() >> 20, usedHeapAfterGc() >> 20, percentile(times, 0.5),
                    http.lastBodyLength / 1e6);
        } finally {
            TestNode.deleteRecursively(dir);
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Validating a chain received as JSON: parse each block, hash it once, check links and proofs. */
    static void validation(List<Block> chain) throws Exception {
        byte[] json = chainJson(chain);
        double first = 0;
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            long t0 = System.nanoTime();
            JsonArray parsed = (JsonArray) JsonReader.parse(json, 64);
            ChainValidator.validate(parsed);
            double ms = (System.nanoTime() - t0) / 1e6;
            first = i == 0 ? ms : first;
            best = Math.min(best, ms);
        }
        System.out.printf("parse and validate a %d-block chain from JSON (%.1f MB): warm %.0f ms (%.1f ms per 1,000 blocks, "
                        + "best of 20), first run %.0f ms%n", chain.size(), json.length / 1e6, best, best * 1000 / chain.size(), first);
    }

    /** GET /chain on a node holding {@code chain}: median latency and size. */
    static void serving(List<Block> chain) throws Exception {
        Path dir = ChainFiles.dataDir(chain);
        try (TestNode node = TestNode.start("/", Map.of("blockchain.dataDir", dir.toString()));
             RawHttpClient http = new RawHttpClient(URI.create(node.url()))) {
            for (boolean gzip : new boolean[] {false, true}) {
                long[] times = new long[30];
                for (int i = -10; i < times.length; i++) {
                    long t0 = System.nanoTime();
                    http.send("GET", "/chain", null, gzip ? "Accept-Encoding: gzip" : null);
                    if (i >= 0) {
                        times[i] = System.nanoTime() - t0;
                    }
                }
                Arrays.sort(times);
                System.out.printf("GET /chain at %d blocks%s: median %.1f ms, p90 %.1f ms, %.2f MB%n", chain.size(),
                        gzip ? " (gzip)" : "", percentile(times, 0.5), percentile(times, 0.9), http.lastBodyLength / 1e6);
            }
        } finally {
            TestNode.deleteRecursively(dir);
        }
    }

    /** GET /nodes/resolve on a new node whose one peer holds {@code chain}. */
    static void resolving(List<Block> chain) throws Exception {
        Path dir = ChainFiles.dataDir(chain);
        try (TestNode peer = TestNode.start("/", Map.of("blockchain.dataDir", dir.toString()))) {
            long[] times = new long[5];
            for (int i = -1; i < times.length; i++) {
                try (TestNode fresh = TestNode.start("/", TestNode.MANUAL); // resolve does the work, not a sync
                     RawHttpClient http = new RawHttpClient(URI.create(fresh.url()))) {
                    http.send("POST", "/nodes/register", ("{\"nodes\": [\"" + peer.url() + "\"]}").getBytes(StandardCharsets.UTF_8));
                    long t0 = System.nanoTime();
                    http.send("GET", "/nodes/resolve", null);
                    if (i >= 0) {
                        times[i] = System.nanoTime() - t0;
                    }
                }
            }
            Arrays.sort(times);
            System.out.printf("GET /nodes/resolve adopting a %d-block chain from a peer: median %.0f ms (of %d)%n",
                    chain.size(), percentile(times, 0.5), times.length);
        } finally {
            TestNode.deleteRecursively(dir);
        }
    }

    /** {@code [block,block,...]} from the blocks' encodings. */
    static byte[] chainJson(List<Block> chain) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write('[');
        for (int i = 0; i < chain.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(chain.get(i).compactJson());
        }
        out.write(']');
        return out.toByteArray();
    }

    /** Proof attempts a second: useful attempts (smallest proof + 1) over many different parents. */
    static void proofSearch(Map<String, Double> ours) {
        int threadsMax = Runtime.getRuntime().availableProcessors();
        for (int threads : threadsMax > 1 ? new int[] {1, threadsMax} : new int[] {1}) {
            try (Miner miner = new Miner(threads)) {
                // warm up the JIT
                for (int i = 0; i < 5; i++) {
                    miner.search("100", Sha256.hex(("warm" + i).getBytes()), () -> false);
                }
                long attempts = 0;
                long blocks = 0;
                long start = System.nanoTime();
                while (System.nanoTime() - start < 5_000_000_000L) {
                    long proof = miner.search(Long.toString(blocks * 7919), Sha256.hex(("parent" + blocks).getBytes()), () -> false);
                    attempts += proof + 1;
                    blocks++;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                ours.put("attempts-" + threads, attempts / seconds);
                System.out.printf("proof search, %d thread(s): %.2f million attempts/s, %.1f blocks/s at difficulty %d (%d blocks)%n",
                        threads, attempts / seconds / 1e6, blocks / seconds, ProofOfWork.DIFFICULTY, blocks);
            }
        }
    }

    /** Acknowledged (durable) POST /transactions/new a second with {@code clients} concurrent clients. */
    static double durableWrites(int clients, Duration duration) throws Exception {
        Path dir = Files.createTempDirectory("bench-node-");
        try (TestNode node = TestNode.start("/", Map.of("blockchain.dataDir", dir.toString()))) {
            URI base = URI.create(node.url());
            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong acknowledged = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            List<long[]> latencies = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<long[]>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                results.add(pool.submit(() -> {
                    long[] samples = new long[1 << 20];
                    int n = 0;
                    try (RawHttpClient http = new RawHttpClient(base)) {
                    for (long i = 0; running.get(); i++) {
                        String body = "{\"sender\": \"client-" + client + "\", \"recipient\": \"r-" + i + "\", \"amount\": 1}";
                        long t0 = System.nanoTime();
                        int status = http.send("POST", base.getPath() + "/transactions/new", body.getBytes(StandardCharsets.UTF_8));
                        if (measuring.get()) {
                            if (status == 201) {
                                acknowledged.incrementAndGet();
                                if (n < samples.length) {
                                    samples[n++] = System.nanoTime() - t0;
                                }
                            } else {
                                failed.incrementAndGet();
                            }
                        }
                    }
                    }
                    return Arrays.copyOf(samples, n);
                }));
            }
            Thread.sleep(2000); // warm-up
            measuring.set(true);
            long start = System.nanoTime();
            Thread.sleep(duration.toMillis());
            measuring.set(false);
            double seconds = (System.nanoTime() - start) / 1e9;
            running.set(false);
            for (Future<long[]> f : results) {
                latencies.add(f.get());
            }
            pool.shutdown();
            long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            System.out.printf("POST /transactions/new, %d clients, durable (fsync before 201): %.0f acknowledged/s, "
                            + "p50 %.2f ms, p99 %.2f ms, %d failed (%d s, journal in %s)%n",
                    clients, acknowledged.get() / seconds, percentile(all, 0.50), percentile(all, 0.99), failed.get(),
                    duration.toSeconds(), dir);
            return acknowledged.get() / seconds;
        } finally {
            TestNode.deleteRecursively(dir);
        }
    }

    static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        return sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.round(p * (sortedNanos.length - 1)))] / 1e6;
    }
}
