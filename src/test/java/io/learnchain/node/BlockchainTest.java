package io.learnchain.node;

import io.learnchain.chain.Block;
import io.learnchain.chain.ChainValidator;
import io.learnchain.chain.Transaction;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.store.MemoryStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockchainTest {

    private static Transaction tx(String sender, String recipient, long amount) {
        return Transaction.of(sender, recipient, JsonNumber.of(amount));
    }

    @Test
    void startsWithAGenesisBlockAndANodeId() throws Exception {
        try (Blockchain node = new Blockchain(new MemoryStore(), 1)) {
            NodeState state = node.state();
            assertEquals(1, state.length());
            assertEquals("1", state.tip().previousHash());
            assertEquals("100", state.tip().proof().literal());
            assertTrue(node.nodeId().matches("[0-9a-f]{32}"), node.nodeId());
        }
    }

    @Test
    void minesPendingTransactionsThenTheReward() throws Exception {
        try (Blockchain node = new Blockchain(new MemoryStore(), 2)) {
            assertEquals(2, node.addTransaction(tx("alice", "bob", 5)));
            assertEquals(2, node.addTransaction(tx("bob", "carol", 2)));
            assertEquals(2, node.state().pending().size());
            Block block = node.mine();
            assertEquals(2, block.index());
            assertEquals(List.of(tx("alice", "bob", 5).json(), tx("bob", "carol", 2).json(),
                    Transaction.reward(node.nodeId()).json()), block.transactions());
            assertEquals(0, node.state().pending().size());
            assertEquals(3, node.addTransaction(tx("carol", "dave", 1)));
            ChainValidator.validate(node.state().chain());
        }
    }

    @Test
    void aNewNodeOnTheSameStoreKeepsEverything() throws Exception {
        MemoryStore store = new MemoryStore();
        String id;
        List<Block> chain;
        try (Blockchain node = new Blockchain(store, 1)) {
            node.addTransaction(tx("a", "b", 1));
            node.mine();
            node.addTransaction(tx("c", "d", 2));
            node.registerPeers(List.of("http://127.0.0.1:5001"), 10);
            id = node.nodeId();
            chain = node.state().chain();
        }
        try (Blockchain again = new Blockchain(store, 1)) {
            assertEquals(id, again.nodeId());
            assertEquals(chain, again.state().chain());
            assertEquals(List.of(tx("c", "d", 2)), again.state().pending());
            assertEquals(List.of("http://127.0.0.1:5001"), again.state().peers());
        }
    }

    @Test
    void concurrentWritersAndMinersLoseAndDuplicateNothing() throws Exception {
        int writers = 6;
        int perWriter = 150;
        ConcurrentLinkedQueue<Transaction> acknowledged = new ConcurrentLinkedQueue<>();
        try (Blockchain node = new Blockchain(new MemoryStore(), 2)) {
            ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        Transaction t = tx("writer-" + writer, "item-" + i, i + 1);
                        node.addTransaction(t);
                        acknowledged.add(t);
                    }
                }));
            }
            for (int m = 0; m < 2; m++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        node.mine();
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();

            NodeState state = node.state();
            assertEquals(11, state.length(), "10 mined blocks after genesis");
            ChainValidator.validate(state.chain());
            Map<JsonObject, Integer> seen = new HashMap<>();
            for (Block block : state.chain()) {
                for (JsonObject t : block.transactions()) {
                    seen.merge(t, 1, Integer::sum);
                }
            }
            for (Transaction t : state.pending()) {
                seen.merge(t.json(), 1, Integer::sum);
            }
            assertEquals(writers * perWriter, acknowledged.size());
            for (Transaction t : acknowledged) {
                assertEquals(1, seen.getOrDefault(t.json(), 0), "exactly once: " + t);
            }
        }
    }

    @Test
    void adoptsOnlyAStrictlyLongerChainAndKeepsEveryAcknowledgedTransaction() throws Exception {
        try (Blockchain ours = new Blockchain(new MemoryStore(), 1);
             Blockchain theirs = new Blockchain(new MemoryStore(), 1)) {
            ours.addTransaction(tx("only", "ours", 1));
            ours.addTransaction(tx("both", "sides", 2));
            ours.mine();
            ours.addTransaction(tx("still", "pending", 3));

            theirs.addTransaction(tx("both", "sides", 2));
            theirs.mine();
            assertFalse(ours.adoptIfLonger(theirs.state().chain()), "a tie keeps our chain");
            theirs.mine();
            assertTrue(ours.adoptIfLonger(theirs.state().chain()));

            assertEquals(theirs.state().chain(), ours.state().chain());
            // our block's transactions come back unless the new chain holds them; the reward does not
            assertEquals(List.of(tx("only", "ours", 1), tx("still", "pending", 3)), ours.state().pending());
            assertNotEquals(ours.nodeId(), theirs.nodeId());
        }
    }
}
