package io.learnchain.store;

import io.learnchain.chain.Block;
import io.learnchain.chain.InvalidChainException;
import io.learnchain.chain.Transaction;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonReader;
import io.learnchain.node.Blockchain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The file store on real files: restarts, interrupted writes, damage. */
class FileStoreTest {
    @TempDir
    Path dir;

    private static Transaction tx(String sender, String amount) {
        return Transaction.of(sender, "r", JsonNumber.parse(amount));
    }

    private Blockchain open() throws InvalidChainException {
        return new Blockchain(new FileStore(dir), 1);
    }

    private Path journal() throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("journal-")).findFirst().orElseThrow();
        }
    }

    /** A node with two blocks, one pending transaction and a peer. */
    private List<Object> buildNode() throws Exception {
        try (Blockchain node = open()) {
            node.addTransaction(tx("a", "5"));
            node.addTransaction(tx("b", "5.0"));
            node.mine();
            node.addTransaction(tx("c", "1e-05"));
            node.registerPeers(List.of("http://127.0.0.1:5001"), 10);
            return List.of(node.nodeId(), node.state().chain(), node.state().pending(), node.state().peers());
        }
    }

    @Test
    void aRestartKeepsChainPendingPeersAndId() throws Exception {
        List<Object> before = buildNode();
        try (Blockchain again = open()) {
            assertEquals(before, List.of(again.nodeId(), again.state().chain(), again.state().pending(), again.state().peers()));
            // and it goes on from there
            again.mine();
            assertEquals(3, again.state().length());
        }
        try (Blockchain third = open()) {
            assertEquals(3, third.state().length());
            assertEquals(0, third.state().pending().size());
        }
    }

    @Test
    void aReplacedChainSurvivesARestart() throws Exception {
        List<Block> longer;
        try (Blockchain other = new Blockchain(new MemoryStore(), 1)) {
            other.mine();
            other.mine();
            longer = other.state().chain();
        }
        buildNode();
        List<Transaction> pending;
        try (Blockchain node = open()) {
            node.mine(); // 3 blocks: not enough
            node.addTransaction(tx("d", "2"));
            assertFalse(node.adoptIfLonger(longer));
            node.addTransaction(tx("e", "3"));
            try (Blockchain other = new Blockchain(new MemoryStore(), 1)) {
                for (int i = 0; i < 4; i++) {
                    other.mine();
                }
                longer = other.state().chain();
            }
            assertTrue(node.adoptIfLonger(longer));
            pending = node.state().pending();
            node.addTransaction(tx("f", "4"));
        }
        try (Blockchain again = open()) {
            assertEquals(longer, again.state().chain());
            List<Transaction> expected = new ArrayList<>(pending);
            expected.add(tx("f", "4"));
            assertEquals(expected, again.state().pending());
            assertEquals(List.of("http://127.0.0.1:5001"), again.state().peers());
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith("journal-")).count());
        }
    }

    @Test
    void anUnfinishedLastRecordIsDropped() throws Exception {
        List<Object> before = buildNode();
        Path journal = journal();
        byte[] whole = Files.readAllBytes(journal);
        // a record cut short by a crash: its first half, no end of line
        byte[] record = new io.learnchain.json.JsonObject.Builder().put("tx", tx("lost", "9").json()).build().toString()
                .getBytes(StandardCharsets.US_ASCII);
        Files.write(journal, ("0badc0de " + new String(record, 0, record.length / 2, StandardCharsets.US_ASCII))
                .getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        try (Blockchain again = open()) {
            assertEquals(before.get(1), again.state().chain());
            assertEquals(before.get(2), again.state().pending());
        }
        assertEquals(whole.length, Files.size(journal), "the torn tail was cut off");
    }

    @Test
    void zerosAtTheEndAreAnInterruptedWriteToo() throws Exception {
        List<Object> before = buildNode();
        Files.write(journal(), new byte[4096], StandardOpenOption.APPEND);
        try (Blockchain again = open()) {
            assertEquals(before.get(2), again.state().pending());
        }
    }

    @Test
    void damageInTheMiddleStopsTheNodeAndSaysWhere() throws Exception {
        buildNode();
        Path journal = journal();
        byte[] bytes = Files.readAllBytes(journal);
        int secondLine = indexOf(bytes, (byte) '\n') + 1;
        int target = secondLine + 30; // inside the second record's JSON
        bytes[target] = (byte) (bytes[target] == 'x' ? 'y' : 'x');
        Files.write(journal, bytes);
        CorruptStoreException e = assertThrows(CorruptStoreException.class, this::open);
        String message = e.getMessage();
        assertTrue(message.contains(journal.toString()), message);
        assertTrue(message.contains("line 2 (byte " + secondLine + ")"), message);
        assertTrue(message.contains("checksum does not match"), message);
        assertTrue(message.contains("restore"), message);
        assertEquals(bytes.length, Files.size(journal), "nothing was cut away");
    }

    @Test
    void damageInTheSnapshotStopsTheNode() throws Exception {
        buildNode();
        Path snapshot = dir.resolve("snapshot.log");
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[bytes.length - 3] ^= 1;
        Files.write(snapshot, bytes);
        CorruptStoreException e = assertThrows(CorruptStoreException.class, this::open);
        assertTrue(e.getMessage().contains("snapshot.log"), e.getMessage());
    }

    @Test
    void aTamperedBlockWithAGoodChecksumIsRefusedByValidation() throws Exception {
        try (Blockchain node = open()) {
            node.addTransaction(tx("a", "5"));
            node.mine();
            node.mine();
        }
        // rewrite the first mined block's amount and give the line a correct checksum
        Path journal = journal();
        List<String> lines = Files.readAllLines(journal, StandardCharsets.US_ASCII);
        int blockLine = 0;
        while (!lines.get(blockLine).contains("{\"block\":")) {
            blockLine++;
        }
        JsonObject record = (JsonObject) JsonReader.parse(lines.get(blockLine).substring(9).replace("\"amount\":5", "\"amount\":500")
                .getBytes(StandardCharsets.US_ASCII), 64);
        lines.set(blockLine, new String(RecordFile.encode(record), StandardCharsets.US_ASCII).strip());
        Files.write(journal, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
        InvalidChainException e = assertThrows(InvalidChainException.class, this::open);
        assertTrue(e.getMessage().contains("block 3: previous_hash"), e.getMessage());
    }

    @Test
    void twoNodesCannotShareADirectory() throws Exception {
        try (FileStore first = new FileStore(dir)) {
            first.initialize("id", Block.genesis(1.0));
            StoreException e = assertThrows(StoreException.class, () -> new FileStore(dir));
            assertTrue(e.getMessage().contains("another node"), e.getMessage());
        }
        try (FileStore again = new FileStore(dir)) {
            assertEquals("id", again.load().orElseThrow().nodeId());
        }
    }

    @Test
    void blocksAreStoredExactlyAsTheyHash() throws Exception {
        String tricky = "{\"index\":2,\"timestamp\":1e9,\"transactions\":[{\"sender\":\"Zo\\u00eb\",\"recipient\":\"\\ud800\","
                + "\"amount\":-0.0,\"memo\":[1.50,null]}],\"proof\":5,\"previous_hash\":\"x\",\"extra\":true}";
        Block block = Block.fromJson(JsonReader.parse(tricky.getBytes(StandardCharsets.US_ASCII), 64));
        try (FileStore store = new FileStore(dir)) {
            store.initialize("id", Block.genesis(1.0));
            store.awaitDurable(store.appendBlock(block));
        }
        try (FileStore store = new FileStore(dir)) {
            Block reloaded = store.load().orElseThrow().chain().get(1);
            assertEquals(block.hash(), reloaded.hash());
            assertEquals(tricky, reloaded.json().toString());
            assertArrayEquals(block.compactJson(), reloaded.compactJson());
            store.replaceChain(List.of(Block.genesis(1.0), reloaded), 0, List.of()); // now in the snapshot
        }
        try (FileStore store = new FileStore(dir)) {
            Block fromSnapshot = store.load().orElseThrow().chain().get(1);
            assertEquals(block.hash(), fromSnapshot.hash());
            assertArrayEquals(tricky.getBytes(StandardCharsets.US_ASCII), fromSnapshot.compactJson());
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A stopped node's late writer (a resolve still running at undeploy) must not touch the files
     * of the node that opened the directory after it: a closed store refuses everything.
     */
    @Test
    void aClosedStoreRefusesEverythingAndCannotHarmTheNextNode() throws Exception {
        FileStore old = new FileStore(dir);
        Blockchain first = new Blockchain(old, 1);
        List<Block> oldChain = first.state().chain();
        first.close();
        assertThrows(StoreException.class, () -> old.addPending(tx("late", "1")));
        assertThrows(StoreException.class, () -> old.appendBlock(oldChain.get(0)));
        assertThrows(StoreException.class, () -> old.addPeers(List.of("http://late:1")));
        assertThrows(StoreException.class, () -> old.removePeers(List.of("http://late:1")));

        List<Object> acknowledged;
        try (Blockchain second = open()) {
            second.addTransaction(tx("new", "1"));
            second.mine();
            second.addTransaction(tx("newer", "2"));
            acknowledged = List.of(second.state().chain(), second.state().pending());
            // the old node's round ends now and tries to swap in a chain
            assertThrows(StoreException.class, () -> old.replaceChain(oldChain, 0, List.of()));
            second.addTransaction(tx("newest", "3"));
        }
        try (Blockchain third = open()) {
            assertEquals(acknowledged.get(0), third.state().chain());
            assertEquals(List.of(tx("newer", "2"), tx("newest", "3")), third.state().pending());
        }
    }

    @Test
    void transactionsABlockHadNoRoomForAreStillPendingAfterARestart() throws Exception {
        io.learnchain.node.PoolLimits limits = new io.learnchain.node.PoolLimits(1000, 1 << 20, 64 * 1024);
        List<Transaction> left;
        try (Blockchain node = new Blockchain(new FileStore(dir), 1, limits)) {
            for (int i = 0; i < 1000; i++) {
                node.addTransaction(tx("sender-" + i + "-" + "y".repeat(60), Integer.toString(i + 1)));
            }
            node.mine();
            left = node.state().pending();
            assertTrue(!left.isEmpty() && left.size() < 1000, left.size() + " left");
        }
        try (Blockchain again = new Blockchain(new FileStore(dir), 1, limits)) {
            assertTrue(left.equals(again.state().pending()), "the same transactions wait, in the same order");
            assertEquals(left.stream().mapToLong(Transaction::encodedSize).sum(), again.state().pendingBytes());
        }
    }

    /** A short reorg is one journal line, whole or not at all; the snapshot is not rewritten. */
    @Test
    void aShortReorgIsJournaledAndSurvivesARestart() throws Exception {
        List<Block> expectedChain;
        List<Transaction> expectedPending;
        try (Blockchain theirs = new Blockchain(new io.learnchain.store.MemoryStore(), 1);
             Blockchain ours = open()) {
            theirs.mine();
            theirs.mine();
            assertTrue(ours.adoptIfLonger(theirs.state().chain()));
            byte[] snapshot = Files.readAllBytes(dir.resolve("snapshot.log"));
            ours.addTransaction(tx("dropped-with-our-block", "3"));
            ours.mine();
            ours.mine();
            ours.addTransaction(tx("still", "4"));
            for (int i = 0; i < 3; i++) {
                theirs.mine();
            }
            assertTrue(ours.adoptIfLonger(theirs.state().chain()));
            expectedChain = ours.state().chain();
            expectedPending = ours.state().pending();
            assertEquals(List.of(tx("dropped-with-our-block", "3"), tx("still", "4")), expectedPending);
            assertTrue(java.util.Arrays.equals(snapshot, Files.readAllBytes(dir.resolve("snapshot.log"))), "no new snapshot");
            assertTrue(Files.readString(journal()).contains("\"reorg\""));
        }
        try (Blockchain again = open()) {
            assertEquals(expectedChain, again.state().chain());
            assertEquals(expectedPending, again.state().pending());
        }
    }

    /**
     * A {@code kill -9} anywhere inside a snapshot rewrite (the new snapshot half written, written
     * but not renamed, renamed before the new journal exists, or before the old one is deleted)
     * leaves files that open as one whole generation, the old or the new, never a mix and never an
     * error. Each crash point is laid out from the files of a real rewrite.
     */
    @Test
    void aCrashAnywhereInASnapshotRewriteOpensOneWholeGeneration() throws Exception {
        Path before = dir.resolve("before");
        Path after = dir.resolve("after");
        List<Block> oldChain;
        List<Block> newChain = new ArrayList<>();
        try (FileStore store = new FileStore(before)) {
            Block genesis = Block.genesis(1764000000.5);
            store.awaitDurable(store.initialize("0ld1d", genesis));
            Block second = Block.create(2, 1764000001.5, List.of(tx("a", "1")), 7, genesis.hash());
            store.awaitDurable(store.appendBlock(second));
            oldChain = List.of(genesis, second);
            newChain.add(genesis);
            for (int i = 2; i <= 1_002; i++) { // more than a journal line holds: a rewrite
                newChain.add(Block.create(i, 1764000100.5 + i, List.of(tx("n" + i, "2")), i, newChain.get(i - 2).hash()));
            }
        }
        copyTree(before, after);
        try (FileStore store = new FileStore(after)) {
            store.awaitDurable(store.replaceChain(newChain, 1, List.of(tx("p", "3"))));
        }
        byte[] newSnapshot = Files.readAllBytes(after.resolve("snapshot.log"));
        byte[] oldSnapshot = Files.readAllBytes(before.resolve("snapshot.log"));
        byte[] oldJournal = Files.readAllBytes(before.resolve("journal-000001.log"));

        Map<String, Map<String, byte[]>> crashes = new java.util.LinkedHashMap<>();
        crashes.put("the new snapshot half written", Map.of("snapshot.log", oldSnapshot, "journal-000001.log", oldJournal,
                "snapshot.log.tmp", java.util.Arrays.copyOf(newSnapshot, newSnapshot.length / 2)));
        crashes.put("written, not renamed", Map.of("snapshot.log", oldSnapshot, "journal-000001.log", oldJournal,
                "snapshot.log.tmp", newSnapshot));
        crashes.put("renamed, no new journal yet", Map.of("snapshot.log", newSnapshot, "journal-000001.log", oldJournal));
        crashes.put("the old journal not deleted yet", Map.of("snapshot.log", newSnapshot, "journal-000001.log", oldJournal,
                "journal-000002.log", new byte[0]));
        for (var crash : crashes.entrySet()) {
            Path at = Files.createDirectories(dir.resolve("crash-" + crash.getKey().replace(' ', '-').replace(",", "")));
            for (var file : crash.getValue().entrySet()) {
                Files.write(at.resolve(file.getKey()), file.getValue());
            }
            boolean renamed = crash.getValue().get("snapshot.log") == newSnapshot;
            try (FileStore store = new FileStore(at)) {
                NodeStore.Contents contents = store.load().orElseThrow();
                assertEquals(renamed ? newChain : oldChain, contents.chain(), crash.getKey());
                assertEquals(renamed ? List.of(tx("p", "3")) : List.of(), contents.pending(), crash.getKey());
            }
            try (var files = Files.list(at)) {
                assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith("journal-")
                        || p.getFileName().toString().endsWith(".tmp")).count(), crash.getKey() + ": what the crash left is cleared");
            }
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (!file.getFileName().toString().equals("lock")) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        }
    }
}
