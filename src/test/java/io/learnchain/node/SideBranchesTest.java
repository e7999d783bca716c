package io.learnchain.node;

import io.learnchain.chain.Block;
import io.learnchain.chain.ProofOfWork;
import io.learnchain.chain.Transaction;
import io.learnchain.store.MemoryStore;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SideBranchesTest {
    /** A block after {@code parent} with the smallest valid proof (or {@code proof} when given), holding one reward. */
    private static Block after(Block parent, String recipient, Long proof) {
        long found = proof != null ? proof
                : new ProofOfWork(parent.proof().canonical(), parent.hash()).search(0, Long.MAX_VALUE, () -> false);
        return Block.create(parent.index() + 1, 1_700_000_000.5, List.of(Transaction.reward(recipient)), found, parent.hash());
    }

    @Test
    void aForksTipOnAKnownParentWithAValidProofIsKeptJunkIsNot() throws Exception {
        try (Blockchain node = new Blockchain(new MemoryStore(), 1)) {
            Block genesis = node.state().chain().get(0);
            node.mine();
            node.mine();
            Block fork = after(genesis, "someone-else", null);
            assertEquals(Blockchain.Arrival.BEHIND, node.acceptBlock(fork));
            Blockchain.Held held = node.find(fork.hash()).orElseThrow();
            assertFalse(held.main());
            assertEquals(2, held.block().index());
            assertTrue(node.find(node.state().tip().hash()).orElseThrow().main());

            Block badProof = after(genesis, "junk", 1L);
            node.acceptBlock(badProof);
            assertTrue(node.find(badProof.hash()).isEmpty(), "an invalid proof is not kept");
            Block orphan = after(after(after(genesis, "x", null), "y", null), "z", null); // its parent is known nowhere
            node.acceptBlock(orphan);
            assertTrue(node.find(orphan.hash()).isEmpty(), "a block on an unknown parent is not kept");
        }
    }

    @Test
    void theOldestGoFirstPastTheCountOrTheBytes() {
        Block genesis = Block.genesis(1_700_000_000.0);
        Block a = after(genesis, "a", 1L);
        Block b = after(genesis, "b", 2L);
        Block c = after(genesis, "c", 3L);
        SideBranches byCount = new SideBranches(2, 1 << 20);
        byCount.add(a);
        byCount.add(b);
        byCount.add(c);
        assertTrue(byCount.get(a.hash()).isEmpty());
        assertEquals(2, byCount.size());
        SideBranches byBytes = new SideBranches(100, a.compactJson().length + b.compactJson().length);
        byBytes.add(a);
        byBytes.add(b);
        byBytes.add(c);
        assertTrue(byBytes.get(a.hash()).isEmpty() && byBytes.get(c.hash()).isPresent());
    }
}
