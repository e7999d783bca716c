package io.learnchain.node;

import io.learnchain.chain.Block;
import io.learnchain.chain.Transaction;
import io.learnchain.json.JsonNumber;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReorgTest {
    private static final Block GENESIS = Block.genesis(1.5);

    private static Transaction tx(String s, long amount) {
        return Transaction.of(s, "r", JsonNumber.of(amount));
    }

    private static Block block(Block parent, Transaction... txs) {
        return Block.create(parent.index() + 1, 2.5, List.of(txs), 0, parent.hash());
    }

    @Test
    void identicalTransactionsCountAsAMultiset() {
        Block ours = block(GENESIS, tx("a", 1), tx("a", 1), Transaction.reward("me"));
        Block theirs = block(GENESIS, tx("a", 1), Transaction.reward("them"));
        List<Transaction> pending = Reorg.pendingAfter(List.of(GENESIS, ours), List.of(GENESIS, theirs, block(theirs)),
                List.of(tx("a", 1), tx("b", 2)));
        // three copies of a (two mined by us, one pending) less one in their chain: two remain
        assertEquals(List.of(tx("a", 1), tx("a", 1), tx("b", 2)), pending);
    }

    @Test
    void aLongerChainOnTopOfOursChangesNothingPending() {
        Block ours = block(GENESIS, tx("a", 1));
        List<Transaction> pending = Reorg.pendingAfter(List.of(GENESIS, ours), List.of(GENESIS, ours, block(ours, tx("c", 3))),
                List.of(tx("b", 2), tx("c", 3)));
        assertEquals(List.of(tx("b", 2)), pending);
    }

    @Test
    void amountsOfDifferentKindAreDifferentTransactions() {
        Transaction five = tx("a", 5);
        Transaction fivePointZero = Transaction.of("a", "r", JsonNumber.parse("5.0"));
        Block theirs = block(GENESIS, fivePointZero);
        assertEquals(List.of(five), Reorg.pendingAfter(List.of(GENESIS), List.of(GENESIS, theirs), List.of(five)));
    }
}
