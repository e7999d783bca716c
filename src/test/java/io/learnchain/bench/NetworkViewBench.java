package io.learnchain.bench;

import io.learnchain.it.Http;
import io.learnchain.it.TestNode;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code GET /network} as a class meets it: the asked node is the WAR on a stock Jetty in a JVM of
 * its own, its {@code peers} registered peers nodes in this process. Prints the time the call takes
 * cold (a new round asking every peer) and cached (within the second), the bytes a round moves,
 * and what {@code pages} pages cost the asked node, polling it every second or holding the event
 * stream open and asking after each block: requests, rounds (the fan-out) and CPU seconds.
 */
final class NetworkViewBench {
    private NetworkViewBench() {
    }

    static void run(int peers, int pages) throws Exception {
        Path war = Path.of(System.getProperty("blockchain.war", "target/blockchain.war"));
        List<TestNode> nodes = new ArrayList<>();
        try (StockJetty asked = StockJetty.start(war, List.of("blockchain.maxEventStreamsPerAddress=" + pages), List.of("-Xmx256m"))) {
            for (int i = 0; i < peers; i++) {
                TestNode node = TestNode.start("/", Map.of("blockchain.name", "node-" + (i + 2)));
                nodes.add(node);
                Http.postJson(node.url() + "/nodes/register", "{\"nodes\": [\"" + asked.url() + "\"]}");
                Http.postJson(asked.url() + "/nodes/register", "{\"nodes\": [\"" + node.url() + "\"]}");
            }
            for (int i = 0; i < 10; i++) {
                Http.get(asked.url() + "/mine");
            }
            String tip = tip(asked.url());
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (nodes.stream().anyMatch(n -> !tip.equals(tip(n.url()))) && System.nanoTime() < until) {
                Thread.sleep(50);
            }

            List<Double> cold = new ArrayList<>();
            int answerBytes = 0;
            for (int i = 0; i < 10; i++) {
                Thread.sleep(1100); // past the second the answer is kept
                long t0 = System.nanoTime();
                Http.Answer answer = Http.get(asked.url() + "/network");
                cold.add((System.nanoTime() - t0) / 1e6);
                answerBytes = answer.body().length();
            }
            List<Double> cached = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                long t0 = System.nanoTime();
                Http.get(asked.url() + "/network");
                cached.add((System.nanoTime() - t0) / 1e6);
            }
            long roundBytes = 0;
            for (TestNode node : nodes) { // what one round fetches: each peer's /status and ten recent blocks
                roundBytes += Http.get(node.url() + "/status").body().length() + Http.get(node.url() + "/blocks/recent?limit=10").body().length();
            }
            System.out.printf("network view: GET /network with %d peers: cold (a new round) median %.1f ms, max %.1f ms;"
                            + " cached median %.2f ms, p99 %.2f ms; the answer %,d bytes; a round fetches %,d bytes from the peers"
                            + " (%,d a peer)%n", peers, median(cold), Collections.max(cold), median(cached), percentile(cached, 99),
                    answerBytes, roundBytes, roundBytes / peers);

            double idle = cpuSeconds(asked, Duration.ofSeconds(10), () -> { });
            Load polling = new Load();
            double pollingCpu = cpuSeconds(asked, Duration.ofSeconds(10), () -> polling.poll(asked.url(), pages, Duration.ofSeconds(10)));
            Load streaming = new Load();
            double streamingCpu = cpuSeconds(asked, Duration.ofSeconds(10), () -> streaming.stream(asked.url(), pages, 10));
            System.out.printf("network view: the asked node idle (its peers syncing): %.2f CPU s in 10 s%n", idle);
            System.out.printf("network view: %d pages polling every second for 10 s: %,d requests (median %.1f ms, p99 %.1f ms),"
                            + " %d rounds asking the %d peers; %.2f CPU s%n", pages, polling.requests.get(), median(polling.times),
                    percentile(polling.times, 99), polling.rounds.size(), peers, pollingCpu);
            System.out.printf("network view: %d pages streaming /events, a block a second for 10 s, each page asking after each block:"
                            + " %,d requests (median %.1f ms, p99 %.1f ms), %d rounds; %.2f CPU s%n", pages, streaming.requests.get(),
                    median(streaming.times), percentile(streaming.times, 99), streaming.rounds.size(), streamingCpu);
        } finally {
            nodes.forEach(TestNode::close);
        }
    }

    /** What pages asked of the node: requests, their times (ms), and the rounds their answers came from (by "at"). */
    private static final class Load {
        final AtomicLong requests = new AtomicLong();
        final List<Double> times = Collections.synchronizedList(new ArrayList<>());
        final Set<String> rounds = ConcurrentHashMap.newKeySet();

        void ask(String url) {
            long t0 = System.nanoTime();
            Http.Answer answer = Http.get(url + "/network");
            times.add((System.nanoTime() - t0) / 1e6);
            requests.incrementAndGet();
            rounds.add(String.valueOf(answer.json().get("at")));
        }

        /** Each page asks once a second, the pages spread over the second. */
        void poll(String url, int pages, Duration length) {
            ExecutorService pool = Executors.newFixedThreadPool(pages);
            long end = System.nanoTime() + length.toNanos();
            for (int p = 0; p < pages; p++) {
                long offset = TimeUnit.MILLISECONDS.toNanos(1000L * p / pages);
                pool.execute(() -> {
                    for (long next = System.nanoTime() + offset; next < end; next += TimeUnit.SECONDS.toNanos(1)) {
                        sleepUntil(next);
                        ask(url);
                    }
                });
            }
            awaitEnd(pool);
        }

        /** Each page holds a stream open and asks after each block event; a block is mined every second. */
        void stream(String url, int pages, int blocks) {
            ExecutorService pool = Executors.newFixedThreadPool(pages);
            try (RawStreams streams = new RawStreams(URI.create(url), pages, line -> {
                if (line.startsWith("data: ") && line.contains("\"type\":\"block\"")) {
                    pool.execute(() -> ask(url));
                }
            })) {
                Thread.sleep(1000); // all connected
                for (int i = 0; i < blocks; i++) {
                    long next = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                    Http.get(url + "/mine");
                    sleepUntil(next);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            awaitEnd(pool);
        }
    }

    /** The CPU time the node's process used while {@code load} ran (at least {@code length}). */
    private static double cpuSeconds(StockJetty node, Duration length, Runnable load) throws InterruptedException {
        Duration before = node.process().info().totalCpuDuration().orElse(Duration.ZERO);
        long end = System.nanoTime() + length.toNanos();
        load.run();
        sleepUntil(end);
        return (node.process().info().totalCpuDuration().orElse(Duration.ZERO).minus(before)).toMillis() / 1000.0;
    }

    private static void sleepUntil(long nanoTime) {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void awaitEnd(ExecutorService pool) {
        pool.shutdown();
        try {
            pool.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tip(String url) {
        return (String) Http.get(url + "/status").json().get("last_hash");
    }

    private static double median(List<Double> values) {
        return percentile(values, 50);
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }
}
