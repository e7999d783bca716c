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

    /** Nodes given one genesis time share one genesis block (a class); a reset makes that same block again. */
    @Test
    void nodesGivenOneGenesisTimeShareOneGenesisBlock() throws Exception {
        PoolLimits limits = PoolLimits.DEFAULTS;
        try (Blockchain a = new Blockchain(new MemoryStore(), 1, limits, 4, Rules.OPEN, new SideBranches(10, 1 << 20), 1_700_000_000L);
             Blockchain b = new Blockchain(new MemoryStore(), 1, limits, 4, Rules.OPEN, new SideBranches(10, 1 << 20), 1_700_000_000L);
             Blockchain own = new Blockchain(new MemoryStore(), 1)) {
            assertEquals(a.state().tip().hash(), b.state().tip().hash());
            assertEquals("1700000000.0", a.state().tip().json().get("timestamp").toString(), "a float, as Python's time() gives");
            assertEquals(a.state().tip().hash(), a.newGenesis().hash(), "starting afresh makes the same first block");
            assertNotEquals(a.state().tip().hash(), own.state().tip().hash(), "a node without one makes its own");
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
        try (Blockchain again = new Blockchain(store.reopen(), 1)) {
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

    @Test
    void aBlockHoldsWhatFitsAndTheRestWaitsForTheNextOneEvenAfterARestart() throws Exception {
        MemoryStore store = new MemoryStore();
        // a 64 KiB block has room for about 600 of these ~100-byte transactions
        PoolLimits limits = new PoolLimits(100_000, 1L << 30, 64 * 1024);
        List<Transaction> posted = new ArrayList<>();
        try (Blockchain node = new Blockchain(store, 1, limits)) {
            for (int i = 0; i < 1500; i++) {
                Transaction t = tx("sender-" + "x".repeat(40), "recipient-" + i, i + 1);
                node.addTransaction(t);
                posted.add(t);
            }
            Block first = node.mine();
            assertTrue(first.compactJson().length <= limits.maxBlockBytes(), first.compactJson().length + " bytes");
            int held = first.transactionCount() - 1;
            assertTrue(held > 100 && held < 1500, held + " transactions");
            assertTrue(posted.subList(held, posted.size()).equals(node.state().pending()), "the oldest go first, the rest wait in order");
            assertEquals(bytes(node.state().pending()), node.state().pendingBytes());
        }
        try (Blockchain again = new Blockchain(store.reopen(), 1, limits)) {
            assertEquals(1500 - (again.state().chain().get(1).transactionCount() - 1), again.state().pending().size());
            while (!again.state().pending().isEmpty()) {
                again.mine();
            }
            List<JsonObject> mined = new ArrayList<>();
            again.state().chain().forEach(b -> b.transactions().stream()
                    .filter(t -> !t.get("sender").equals(new io.learnchain.json.JsonString("0"))).forEach(mined::add));
            assertEquals(posted.size(), mined.size());
            assertTrue(posted.stream().map(Transaction::json).toList().equals(mined), "every transaction mined once, in order");
        }
    }

    @Test
    void thePoolIsBoundedInBytesAndRefusesATransactionNoBlockCouldHold() throws Exception {
        Transaction big = Transaction.of("s", "r", JsonNumber.parse("1." + "0".repeat(70_000)));
        try (Blockchain node = new Blockchain(new MemoryStore(), 1, new PoolLimits(1000, 1000, 64 * 1024))) {
            IllegalArgumentException tooLarge = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> node.addTransaction(big));
            assertTrue(tooLarge.getMessage().contains("a block holds at most"), tooLarge.getMessage());
            int accepted = 0;
            try {
                while (true) {
                    node.addTransaction(tx("sender", "recipient", accepted + 1));
                    accepted++;
                }
            } catch (PoolFullException e) {
                assertTrue(e.getMessage().contains("1000 bytes"), e.getMessage());
            }
            assertTrue(node.state().pendingBytes() <= 1000 && accepted > 10, accepted + " accepted");
            node.mine();
            assertEquals(0, node.state().pendingBytes());
            node.addTransaction(tx("after", "the block", 1));
        }
    }

    @Test
    void removedPeersStayRemoved() throws Exception {
        MemoryStore store = new MemoryStore();
        try (Blockchain node = new Blockchain(store, 1)) {
            node.registerPeers(List.of("http://a:1", "http://b:2", "http://c:3"), 3);
            assertEquals(List.of("http://a:1", "http://c:3"), node.removePeers(List.of("http://b:2", "http://unknown:4")));
            assertEquals(List.of("http://a:1", "http://c:3", "http://d:4"), node.registerPeers(List.of("http://d:4"), 3));
        }
        try (Blockchain again = new Blockchain(store.reopen(), 1)) {
            assertEquals(List.of("http://a:1", "http://c:3", "http://d:4"), again.state().peers());
        }
    }

    /** Requests reaching a node while it is undeployed get "stopping", whatever they ask. */
    @Test
    void aStoppedNodeRefusesWorkButStillReads() throws Exception {
        Blockchain node = new Blockchain(new MemoryStore(), 2);
        assertEquals(null, node.problem(), "ready");
        node.close();
        assertEquals("the node is stopping", node.problem(), "what /health/ready says while the node stops");
        org.junit.jupiter.api.Assertions.assertThrows(NodeStoppedException.class, node::mine);
        org.junit.jupiter.api.Assertions.assertThrows(NodeStoppedException.class, () -> node.addTransaction(tx("a", "b", 1)));
        org.junit.jupiter.api.Assertions.assertThrows(NodeStoppedException.class, () -> node.removePeers(List.of("http://a:1")));
        assertEquals(1, node.state().length());
    }

    @Test
    void aPeersBlockIsAppendedWhenItFollowsOurTipAndPlacedOtherwise() throws Exception {
        try (Blockchain theirs = new Blockchain(new MemoryStore(), 1);
             Blockchain ours = new Blockchain(new MemoryStore(), 1)) {
            theirs.mine();
            Block second = theirs.state().tip();
            assertEquals(Blockchain.Arrival.AHEAD, ours.acceptBlock(second), "same height, another branch: theirs is longer");
            assertTrue(ours.adoptIfLonger(theirs.state().chain()));
            assertEquals(Blockchain.Arrival.KNOWN, ours.acceptBlock(second));

            Transaction both = tx("in", "both pools", 7);
            theirs.addTransaction(both);
            ours.addTransaction(both);
            ours.addTransaction(tx("only", "ours", 8));
            Block third = theirs.mine();
            assertEquals(Blockchain.Arrival.APPENDED, ours.acceptBlock(third));
            assertEquals(theirs.state().chain(), ours.state().chain());
            assertEquals(List.of(tx("only", "ours", 8)), ours.state().pending(), "what the block holds leaves the pool");
            assertEquals(bytes(ours.state().pending()), ours.state().pendingBytes());

            Block fifth = mineTwice(theirs);
            assertEquals(Blockchain.Arrival.AHEAD, ours.acceptBlock(fifth), "a gap: the blocks between are missing");
            assertEquals(Blockchain.Arrival.BEHIND, ours.acceptBlock(Block.genesis(1.5)));

            JsonObject forged = theirs.state().tip().json();
            Block wrongProof = Block.fromJson(JsonObject.builder().put("index", 4).put("timestamp", forged.get("timestamp"))
                    .put("transactions", forged.get("transactions")).put("proof", 1)
                    .put("previous_hash", ours.state().tip().hash()).build());
            org.junit.jupiter.api.Assertions.assertThrows(io.learnchain.chain.InvalidChainException.class,
                    () -> ours.acceptBlock(wrongProof));
            assertEquals(3, ours.state().length());
        }
    }

    /** Gossip can be slower than a block: a relayed copy of a payment our chain got from a peer is not a new payment. */
    @Test
    void aRelayedCopyOfAPaymentAlreadyMinedElsewhereIsNotPooledAgain() throws Exception {
        try (Blockchain theirs = new Blockchain(new MemoryStore(), 1);
             Blockchain ours = new Blockchain(new MemoryStore(), 1)) {
            theirs.mine();
            assertTrue(ours.adoptIfLonger(theirs.state().chain()));
            Transaction pay = tx("alice", "bob", 5);
            theirs.addTransaction(pay);
            theirs.addTransaction(pay); // two identical payments: two payments
            theirs.addTransaction(tx("carol", "dan", 1));
            assertEquals(Blockchain.Arrival.APPENDED, ours.acceptBlock(theirs.mine()));
            assertEquals(-1, ours.addRelayedTransaction(pay), "the block brought it first");
            assertEquals(-1, ours.addRelayedTransaction(pay), "and its identical twin");
            assertTrue(ours.addRelayedTransaction(pay) > 0, "a third identical payment is new");
            assertEquals(List.of(pay), ours.state().pending());

            theirs.addTransaction(tx("erin", "frank", 2));
            theirs.mine();
            theirs.mine();
            assertTrue(ours.adoptIfLonger(theirs.state().chain()));
            assertEquals(-1, ours.addRelayedTransaction(tx("erin", "frank", 2)), "also when it came in an adopted chain");
            assertTrue(ours.addTransaction(tx("carol", "dan", 1)) > 0, "a client's transaction is always a new payment");
        }
    }

    /**
     * A chain that loses to one adopted meanwhile answers only once the winner is durable: a
     * resolve must not answer from a state still on its way to disk.
     */
    @Test
    void aLosingCandidateReturnsOnlyOnceTheWinnerIsDurable() throws Exception {
        GatedStore store = new GatedStore();
        try (Blockchain theirs = new Blockchain(new MemoryStore(), 1);
             Blockchain ours = new Blockchain(store, 1)) {
            theirs.mine();
            List<Block> winner = theirs.state().chain();
            store.close(true);
            Thread first = new Thread(() -> ours.adoptIfLonger(winner));
            first.start();
            awaitWaiting(first);
            java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
            Thread second = new Thread(() -> {
                ours.adoptIfLonger(winner);
                seen.set(ours.state().length());
            });
            second.start();
            awaitWaiting(second);
            store.close(false);
            first.join();
            second.join();
            assertEquals(2, seen.get(), "the second caller answered from a state that was not yet durable");
        }
    }

    /** Waits until {@code thread} blocks (the gated disk) or ends. */
    private static void awaitWaiting(Thread thread) throws InterruptedException {
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TERMINATED) {
            Thread.sleep(1);
        }
    }

    /** A memory store whose disk can be held: while the gate is shut, nothing becomes durable. */
    private static final class GatedStore implements io.learnchain.store.NodeStore {
        private final MemoryStore inner = new MemoryStore();
        private boolean shut;

        synchronized void close(boolean shut) {
            this.shut = shut;
            notifyAll();
        }

        @Override
        public void awaitDurable(long position) {
            synchronized (this) {
                while (shut) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            inner.awaitDurable(position);
        }

        @Override
        public java.util.Optional<Contents> load() {
            return inner.load();
        }

        @Override
        public long initialize(String nodeId, Block genesis) {
            return inner.initialize(nodeId, genesis);
        }

        @Override
        public long addPending(Transaction transaction) {
            return inner.addPending(transaction);
        }

        @Override
        public long appendBlock(Block block) {
            return inner.appendBlock(block);
        }

        @Override
        public long replaceChain(List<Block> chain, int kept, List<Transaction> pending) {
            return inner.replaceChain(chain, kept, pending);
        }

        @Override
        public long addPeers(List<String> peers) {
            return inner.addPeers(peers);
        }

        @Override
        public long removePeers(List<String> peers) {
            return inner.removePeers(peers);
        }

        @Override
        public String problem() {
            return inner.problem();
        }

        @Override
        public String location() {
            return "memory, gated";
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    private static Block mineTwice(Blockchain node) {
        node.mine();
        return node.mine();
    }

    @Test
    void aLocatorNamesTheLastBlocksThenEverFewerDownToTheFirst() throws Exception {
        try (Blockchain node = new Blockchain(new MemoryStore(), 2)) {
            for (int i = 0; i < 99; i++) {
                node.mine();
            }
            List<Block> chain = node.state().chain();
            List<Block> locator = Blockchain.locator(chain);
            List<Block> lastTen = new ArrayList<>(chain.subList(90, 100));
            java.util.Collections.reverse(lastTen);
            assertEquals(lastTen, locator.subList(0, 10));
            assertEquals(chain.get(0), locator.get(locator.size() - 1));
            assertTrue(locator.size() < 20, locator.size() + " entries");
        }
    }

    private static long bytes(List<Transaction> transactions) {
        return transactions.stream().mapToLong(Transaction::encodedSize).sum();
    }

    /**
     * What a node learnt in memory of payments already mined is gone after a restart: a relayed
     * copy of one mined in the last minute is still recognised, not mined a second time; a copy of
     * an older one is a new payment.
     */
    @Test
    void aRelayedCopyOfAPaymentMinedJustBeforeARestartIsNotMinedAgain(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        try (Blockchain node = new Blockchain(new io.learnchain.store.FileStore(dir), 1, PoolLimits.DEFAULTS, 1)) {
            node.addTransaction(tx("alice", "bob", 5));
            node.mine();
            Block parent = node.state().tip();
            long proof = new io.learnchain.chain.ProofOfWork(parent.proof().canonical(), parent.hash(), 1).findSmallest();
            // a peer's block holding a payment, mined two minutes ago by its clock
            Block old = Block.create(parent.index() + 1, System.currentTimeMillis() / 1000.0 - 120, List.of(tx("carol", "dave", 1)),
                    proof, parent.hash());
            assertEquals(Blockchain.Arrival.APPENDED, node.acceptBlock(old));
        }
        try (Blockchain restarted = new Blockchain(new io.learnchain.store.FileStore(dir), 1, PoolLimits.DEFAULTS, 1)) {
            assertEquals(-1, restarted.addRelayedTransaction(tx("alice", "bob", 5)), "mined a moment ago: the same payment");
            assertEquals(4, restarted.addRelayedTransaction(tx("alice", "bob", 5)), "a second copy is a second payment");
            assertEquals(4, restarted.addRelayedTransaction(tx("carol", "dave", 1)), "mined before the last minute: a new payment");
        }
    }
}
