package io.learnchain.bench;

import io.learnchain.it.Http;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live stream as a class meets it: {@code subscribers} idle {@code /events} streams on one
 * node (the WAR on a stock Jetty, another process), then blocks mined one after another. Prints
 * the events delivered a second to all of them, the delay from each block's append (the event's
 * own time) to the last subscriber that got it, and what the streams cost the node in threads and
 * heap (from its /metrics). The streams are read as raw sockets by one selector thread, the least
 * a reader can cost (a browser reads its one stream on its own), so that the figures are the node's.
 */
final class EventsBench {
    private static final Pattern AT = Pattern.compile("\"at\":\"([^\"]+)\"");
    private static final Pattern INDEX = Pattern.compile("\"index\":(\\d+)");

    private EventsBench() {
    }

    static void run(int subscribers, int blocks) throws Exception {
        Path war = Path.of(System.getProperty("blockchain.war", "target/blockchain.war"));
        try (StockJetty node = StockJetty.start(war, List.of("blockchain.difficulty=1", "blockchain.network=manual",
                "blockchain.maxEventStreamsPerAddress=" + subscribers), List.of("-Xmx512m"))) {
            Http.get(node.url() + "/mine"); // warm
            double threadsBefore = metric(node.url(), "jvm_threads_current");
            double heapBefore = metric(node.url(), "jvm_memory_used_bytes{area=\"heap\"}");
            AtomicLong delivered = new AtomicLong();
            AtomicLong slowest = new AtomicLong(); // the latest arrival after a block's append, in nanoseconds
            java.util.concurrent.ConcurrentHashMap<Integer, Long> lastArrival = new java.util.concurrent.ConcurrentHashMap<>(); // by block
            RawStreams streams = new RawStreams(URI.create(node.url()), subscribers, line -> {
                if (line.startsWith("data: ") && line.contains("\"type\":\"block\"")) {
                    Instant now = Instant.now();
                    Matcher at = AT.matcher(line);
                    if (at.find()) {
                        long nanos = java.time.Duration.between(Instant.parse(at.group(1)), now).toNanos();
                        slowest.accumulateAndGet(nanos, Math::max);
                        Matcher index = INDEX.matcher(line);
                        if (index.find()) {
                            lastArrival.merge(Integer.parseInt(index.group(1)), nanos, Math::max);
                        }
                        delivered.incrementAndGet();
                    }
                }
            });
            Thread.sleep(2000); // all connected
            double threadsOpen = metric(node.url(), "jvm_threads_current");
            double heapOpen = metric(node.url(), "jvm_memory_used_bytes{area=\"heap\"}");
            // a class's pace: a block every half second; the delay each block's event takes to reach every stream
            for (int i = 0; i < 10; i++) {
                Http.get(node.url() + "/mine");
                Thread.sleep(500);
            }
            slowest.set(0);
            List<Long> perBlock = new ArrayList<>(lastArrival.values());
            java.util.Collections.sort(perBlock);
            long pacedDelivered = delivered.getAndSet(0);
            // as fast as one client can mine: what the streams take in a second
            long started = System.nanoTime();
            for (int i = 0; i < blocks; i++) {
                Http.get(node.url() + "/mine");
            }
            long expected = (long) subscribers * blocks;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (delivered.get() < expected && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("events: %d idle subscribers, a block every 0.5 s: %,d of %,d block events delivered; from a block's"
                    + " append to the last subscriber (read by one selector thread in another process, so this includes it):"
                    + " median %.1f ms, at most %.1f ms over %d blocks%n", subscribers, pacedDelivered, subscribers * 10L,
                    perBlock.get(perBlock.size() / 2) / 1e6, perBlock.get(perBlock.size() - 1) / 1e6, perBlock.size());
            System.out.printf("events: %d idle subscribers, %d blocks mined in a row: %,d of %,d block events delivered in %.2f s"
                            + " (%,.0f a second); the slowest arrived %.0f ms after its block%n", subscribers, blocks,
                    delivered.get(), expected, seconds, delivered.get() / seconds, slowest.get() / 1e6);
            System.out.printf("events: %d open streams cost the node %+.0f threads (%.0f -> %.0f) and about %+.1f MB of heap%n",
                    subscribers, threadsOpen - threadsBefore, threadsBefore, threadsOpen, (heapOpen - heapBefore) / 1e6);
            streams.close();
        }
    }

    private static double metric(String url, String name) {
        for (String line : Http.get(url + "/metrics").body().split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        return Double.NaN;
    }
}
