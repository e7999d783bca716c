package io.learnchain.node;

import io.learnchain.chain.Block;
import io.learnchain.chain.ProofOfWork;
import io.learnchain.chain.Transaction;
import io.learnchain.json.JsonNumber;
import io.learnchain.store.MemoryStore;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A block's journey as one node tells it: how it took each block, and which it dropped with what going back to the pool. */
class BlockJournalTest {
    private static Block after(Block parent, String recipient) {
        long proof = new ProofOfWork(parent.proof().canonical(), parent.hash()).search(0, Long.MAX_VALUE, () -> false);
        return Block.create(parent.index() + 1, 1_700_000_000.5, List.of(Transaction.reward(recipient)), proof, parent.hash());
    }

    @Test
    void minedPushedAdoptedAndDroppedWithItsTransactionBackInThePool() throws Exception {
        try (Blockchain node = new Blockchain(new MemoryStore(), 1)) {
            Block genesis = node.state().chain().get(0);
            node.addTransaction(Transaction.of("alice", "bob", JsonNumber.of(5)));
            Block ours = node.mine();
            BlockJournal.Entry mined = node.journal().get(ours.hash());
            assertEquals("mined", mined.taken().how());
            assertNull(mined.taken().from());
            assertNull(mined.dropped());

            Block theirs2 = after(genesis, "b");
            Block theirs3 = after(theirs2, "b");
            node.adoptIfLonger(List.of(genesis, theirs2, theirs3), "http://127.0.0.1:5002");
            BlockJournal.Entry dropped = node.journal().get(ours.hash());
            assertEquals("mined", dropped.taken().how(), "how it was taken is kept");
            assertNotNull(dropped.dropped());
            assertEquals(1, dropped.dropped().returned(), "alice's payment went back to the pool");
            for (Block block : List.of(theirs2, theirs3)) {
                BlockJournal.Taken taken = node.journal().get(block.hash()).taken();
                assertEquals("adopted", taken.how());
                assertEquals("http://127.0.0.1:5002", taken.from());
            }

            Block pushed = after(theirs3, "c");
            assertEquals(Blockchain.Arrival.APPENDED, node.acceptBlock(pushed, "http://127.0.0.1:5003"));
            assertEquals(new BlockJournal.Taken(node.journal().get(pushed.hash()).taken().at(), "pushed", "http://127.0.0.1:5003"),
                    node.journal().get(pushed.hash()).taken());
            Block synced = after(pushed, "d");
            node.adoptIfLonger(List.of(genesis, theirs2, theirs3, pushed, synced), "http://127.0.0.1:5004");
            assertEquals("synced", node.journal().get(synced.hash()).taken().how(), "it extended ours");
            assertEquals(BlockJournal.Entry.NONE, node.journal().get(genesis.hash()), "nothing said of what it never took");
        }
    }

    @Test
    void theOldestAreForgottenPastTheCapacity() {
        BlockJournal journal = new BlockJournal();
        for (int i = 0; i <= BlockJournal.CAPACITY; i++) {
            journal.taken("block-" + i, "mined", null);
        }
        assertEquals(BlockJournal.Entry.NONE, journal.get("block-0"));
        assertEquals("mined", journal.get("block-" + BlockJournal.CAPACITY).taken().how());
        journal.dropped("block-1", 2);
        journal.taken("block-" + (BlockJournal.CAPACITY + 1), "pushed", null);
        assertEquals(2, journal.get("block-1").dropped().returned(), "a block dropped is news: kept as the newest");
    }
}
