package io.learnchain.bench;

import io.learnchain.chain.Block;
import io.learnchain.it.Http;
import io.learnchain.it.ChainFiles;
import io.learnchain.it.TestNode;
import io.learnchain.node.Blockchain;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * The live network's figures: on {@code nodes} nodes on loopback, how long a block and a
 * transaction take to reach every node, how many messages a block costs per link, and how many
 * bytes a sync moves for one missing block against {@code GET /chain}.
 */
final class NetworkBench {
    private NetworkBench() {
    }

    static void run(int count, int rounds) throws Exception {
        Random random = new Random(42);
        List<TestNode> nodes = new ArrayList<>();
        int links = 0;
        try {
            for (int i = 0; i < count; i++) {
                nodes.add(TestNode.start());
            }
            // each node registers the one before it and, from the third on, a random earlier one
            for (int i = 1; i < count; i++) {
                List<String> peers = new ArrayList<>(List.of(nodes.get(i - 1).url()));
                if (i >= 2) {
                    String other = nodes.get(random.nextInt(i - 1)).url();
                    peers.add(other);
                }
                links += peers.size();
                Http.postJson(nodes.get(i).url() + "/nodes/register", "{\"nodes\": [\"" + String.join("\", \"", peers) + "\"]}");
            }
            Http.get(nodes.get(0).url() + "/mine"); // every node made its own genesis: this makes one chain
            awaitAll(nodes, n -> tipOf(n).equals(tipOf(nodes.get(0))));

            long[] blockTimes = new long[rounds];
            long[] transactionTimes = new long[rounds];
            long messagesForBlocks = 0;
            for (int r = 0; r < rounds; r++) {
                TestNode poster = nodes.get(random.nextInt(count));
                long t0 = System.nanoTime();
                Http.postJson(poster.url() + "/transactions/new", "{\"sender\": \"bench\", \"recipient\": \"r" + r + "\", \"amount\": 1}");
                awaitAll(nodes, n -> pendingOf(n) == 1);
                transactionTimes[r] = System.nanoTime() - t0;
                Thread.sleep(200); // relays still under way finish
                long before = messagesSent(nodes);
                TestNode miner = nodes.get(random.nextInt(count));
                String hash = minedHash(miner);
                t0 = System.nanoTime(); // from the block's existence: the proof search is not the network's time
                awaitAll(nodes, n -> tipOf(n).equals(hash) && pendingOf(n) == 0);
                blockTimes[r] = System.nanoTime() - t0;
                Thread.sleep(200);
                messagesForBlocks += messagesSent(nodes) - before;
            }
            Arrays.sort(blockTimes);
            Arrays.sort(transactionTimes);
            System.out.printf("network of %d nodes, %d links: a block reaches every node in median %.0f ms, max %.0f ms"
                            + " (%d rounds); a transaction in median %.0f ms, max %.0f ms; %.2f messages per block per link%n",
                    count, links, blockTimes[rounds / 2] / 1e6, blockTimes[rounds - 1] / 1e6, rounds,
                    transactionTimes[rounds / 2] / 1e6, transactionTimes[rounds - 1] / 1e6,
                    messagesForBlocks / (double) rounds / links);
        } finally {
            nodes.forEach(TestNode::close);
        }
    }

    /** The bytes a sync moves for one missing block of {@code chain}, against a whole GET /chain. */
    static void oneBlockSync(List<Block> chain) throws Exception {
        Path dir = ChainFiles.dataDir(chain);
        try (TestNode peer = TestNode.start("/", Map.of("blockchain.dataDir", dir.toString()))) {
            List<Block> behind = chain.subList(0, chain.size() - 1);
            StringBuilder locator = new StringBuilder("{\"locator\": [");
            List<Block> entries = Blockchain.locator(behind);
            for (int i = 0; i < entries.size(); i++) {
                locator.append(i > 0 ? ", " : "").append("{\"index\": ").append(entries.get(i).index())
                        .append(", \"hash\": \"").append(entries.get(i).hash()).append("\"}");
            }
            String request = locator.append("]}").toString();
            Http.Answer located = Http.postJson(peer.url() + "/peer/locate", request);
            long index = ((Number) located.json().get("index")).longValue();
            Http.Answer range = Http.get(peer.url() + "/chain?from=" + (index + 1));
            long syncBytes = request.getBytes(StandardCharsets.UTF_8).length + located.body().length() + range.body().length();
            long chainBytes = Http.get(peer.url() + "/chain").body().length();
            System.out.printf("sync of 1 missing block of %d: %d bytes (locate %d + %d, range %d) against GET /chain %d bytes: %.3f%%%n",
                    chain.size(), syncBytes, request.length(), located.body().length(), range.body().length(), chainBytes,
                    100.0 * syncBytes / chainBytes);
        } finally {
            TestNode.deleteRecursively(dir);
        }
    }

    private static String minedHash(TestNode node) {
        Http.get(node.url() + "/mine");
        return tipOf(node);
    }

    private static String tipOf(TestNode node) {
        return (String) Http.get(node.url() + "/status").json().get("last_hash");
    }

    private static int pendingOf(TestNode node) {
        return ((Number) Http.get(node.url() + "/status").json().get("pending")).intValue();
    }

    private static long messagesSent(List<TestNode> nodes) {
        long sent = 0;
        for (TestNode node : nodes) {
            Map<?, ?> network = (Map<?, ?>) Http.get(node.url() + "/status").json().get("network");
            sent += ((Number) network.get("messages_sent")).longValue();
        }
        return sent;
    }

    private static void awaitAll(List<TestNode> nodes, Predicate<TestNode> condition) throws InterruptedException {
        long until = System.nanoTime() + 60_000_000_000L;
        for (TestNode node : nodes) {
            while (!condition.test(node)) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("the network did not converge within a minute");
                }
                Thread.sleep(2);
            }
        }
    }
}
