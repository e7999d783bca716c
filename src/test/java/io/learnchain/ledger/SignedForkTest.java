package io.learnchain.ledger;

import io.learnchain.chain.Block;
import io.learnchain.node.Blockchain;
import io.learnchain.node.PoolLimits;
import io.learnchain.store.MemoryStore;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fork on a signed chain costs its depth: the ledger where the chains part is the node's own
 * with the blocks after that point undone, and only the fork's own signatures are verified, once.
 */
class SignedForkTest {
    private static final String BOB = "b".repeat(64);

    /** A node at difficulty 1 whose wallet mined {@code rewards} blocks and then sent {@code transfers}, 50 a block. */
    private static Blockchain nodeWithTransfers(KeyPair wallet, SignedRules rules, int rewards, int transfers, long firstNonce) {
        try {
            Blockchain node = new Blockchain(new MemoryStore(), 1, PoolLimits.DEFAULTS, 1, rules);
            String address = Signatures.address(wallet.getPublic());
            for (int i = 0; i < rewards; i++) {
                node.mine(address);
            }
            for (int i = 0; i < transfers; i++) {
                node.addTransaction(LedgerTest.transfer(wallet, BOB, 1, firstNonce + i));
                if ((i + 1) % 50 == 0) {
                    node.mine(address);
                }
            }
            return node;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aOneBlockForkVerifiesOnlyTheForksSignatures() throws Exception {
        KeyPair wallet = Signatures.newKeyPair();
        String address = Signatures.address(wallet.getPublic());
        SignedRules bRules = new SignedRules(address);
        try (Blockchain a = nodeWithTransfers(wallet, new SignedRules(address), 220, 200, 1);
             Blockchain b = new Blockchain(new MemoryStore(), 1, PoolLimits.DEFAULTS, 1, bRules);
             Blockchain c = new Blockchain(new MemoryStore(), 1, PoolLimits.DEFAULTS, 1, new SignedRules(address))) {
            List<Block> shared = a.state().chain();
            assertEquals(shared.size(), b.validate(shared, 0, Long.MAX_VALUE));
            assertTrue(b.adoptIfLonger(shared));
            long afterJoining = bRules.signatureVerifications();
            assertEquals(200, afterJoining, "each of the chain's transfers verified once, checking and adopting together");

            // c parts from b one block before b's tip (whose 50 transfers it lacks), and grows longer
            List<Block> parent = shared.subList(0, shared.size() - 1);
            c.validate(parent, 0, Long.MAX_VALUE);
            assertTrue(c.adoptIfLonger(parent));
            for (int nonce = 151; nonce <= 160; nonce++) {
                c.addTransaction(LedgerTest.transfer(wallet, BOB, 2, nonce)); // not a's: those b has verified already
            }
            c.mine(address);
            c.mine(address);
            List<Block> fork = c.state().chain();
            assertEquals(shared.size() + 1, fork.size());

            long blocksBefore = bRules.blocksApplied();
            assertEquals(fork.size(), b.validate(fork, 0, Long.MAX_VALUE));
            assertTrue(b.adoptIfLonger(fork));
            assertEquals(2, bRules.blocksApplied() - blocksBefore, "only the fork's own blocks: b's last one undone, c's two applied");
            assertEquals(10, bRules.signatureVerifications() - afterJoining, "only the fork's own transfers");
            assertEquals(BigInteger.valueOf(150 + 20), b.balance(BOB).balance());
            assertEquals(40, b.state().pending().size(), "of b's dropped block, the transfers that still fit (nonces 161-200) wait again");
            assertEquals(201, b.balance(address).nextNonce());
        }
    }

    /** A check stopped at its deadline says how far it got; asked again, it goes on without verifying anything twice. */
    @Test
    void aCheckStoppedAtItsDeadlineGoesOnFromWhereItStopped() throws Exception {
        KeyPair wallet = Signatures.newKeyPair();
        String address = Signatures.address(wallet.getPublic());
        SignedRules bRules = new SignedRules(address);
        try (Blockchain a = nodeWithTransfers(wallet, new SignedRules(address), 120, 100, 1);
             Blockchain b = new Blockchain(new MemoryStore(), 1, PoolLimits.DEFAULTS, 1, bRules)) {
            List<Block> chain = a.state().chain();
            assertEquals(0, b.validate(chain, 0, System.nanoTime()), "the deadline has passed: nothing checked");
            assertEquals(chain.size(), b.validate(chain, 0, Long.MAX_VALUE));
            assertEquals(chain.size(), b.validate(chain, 0, Long.MAX_VALUE), "checked before: nothing to do");
            assertEquals(100, bRules.signatureVerifications());
        }
    }

    /** Blocks undone and applied again give the ledger a fresh build gives. */
    @Test
    void undoingBlocksGivesTheLedgerBeforeThem() throws Exception {
        KeyPair wallet = Signatures.newKeyPair();
        try (Blockchain a = nodeWithTransfers(wallet, new SignedRules(Signatures.address(wallet.getPublic())), 60, 50, 1)) {
            List<Block> chain = a.state().chain();
            Ledger ledger = Ledger.empty();
            List<Ledger.Undo> undos = new ArrayList<>();
            for (Block block : chain) {
                Ledger.Undo undo = new Ledger.Undo(block);
                ledger.applyBlock(block, Ledger::formRefusal, undo);
                undos.add(0, undo);
            }
            for (int back = 1; back <= chain.size() - 1; back++) {
                Ledger undone = ledger.copy();
                for (Ledger.Undo undo : undos.subList(0, back)) {
                    undone.undo(undo);
                }
                Ledger built = Ledger.of(chain.subList(0, chain.size() - back));
                String who = Signatures.address(wallet.getPublic());
                assertEquals(built.balance(who), undone.balance(who), back + " blocks back");
                assertEquals(built.balance(BOB), undone.balance(BOB), back + " blocks back");
                assertEquals(built.nextNonce(who), undone.nextNonce(who), back + " blocks back");
            }
        }
    }
}
