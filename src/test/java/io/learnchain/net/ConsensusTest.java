package io.learnchain.net;

import com.sun.net.httpserver.HttpServer;
import io.learnchain.chain.Block;
import io.learnchain.node.Blockchain;
import io.learnchain.node.NodeStoppedException;
import io.learnchain.peer.PeerClient;
import io.learnchain.peer.PeerSettings;
import io.learnchain.store.MemoryStore;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsensusTest {
    private static final PeerSettings SETTINGS = new PeerSettings(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(10), 1 << 20, 1 << 24, 1 << 20, 64, 10, 1000, io.learnchain.peer.AddressPolicy.DEFAULT);

    /** A stopping node waits for the round under way, which ends without touching the chain. */
    @Test
    void closingStopsTheRoundUnderWayAndWaitsForIt() throws Exception {
        List<String> blocks = new ArrayList<>();
        try (Blockchain other = new Blockchain(new MemoryStore(), 1)) {
            other.mine();
            other.mine();
            for (Block block : other.state().chain()) {
                blocks.add(new String(block.compactJson(), StandardCharsets.UTF_8));
            }
        }
        byte[] longer = ("{\"chain\":[" + String.join(",", blocks) + "],\"length\":3}").getBytes(StandardCharsets.UTF_8);
        CountDownLatch asked = new CountDownLatch(1);
        HttpServer peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        peer.createContext("/chain", e -> {
            asked.countDown();
            try {
                Thread.sleep(3000);
                e.sendResponseHeaders(200, longer.length);
                try (OutputStream out = e.getResponseBody()) {
                    out.write(longer);
                }
            } catch (Exception gone) {
                // the node hung up
            }
        });
        peer.start();
        try (Blockchain node = new Blockchain(new MemoryStore(), 1)) {
            node.registerPeers(List.of("http://127.0.0.1:" + peer.getAddress().getPort()), 10);
            PeerClient client = new PeerClient(SETTINGS, node.nodeId());
            Consensus consensus = new Consensus(node, SETTINGS, client);
            CompletableFuture<Consensus.Round> round = CompletableFuture.supplyAsync(consensus::resolve);
            assertTrue(asked.await(10, TimeUnit.SECONDS));
            consensus.close();
            assertFalse(round.get(10, TimeUnit.SECONDS).replaced());
            assertEquals(1, node.state().length());
            assertThrows(NodeStoppedException.class, consensus::resolve);
            client.close();
        } finally {
            peer.stop(0);
        }
    }
}
