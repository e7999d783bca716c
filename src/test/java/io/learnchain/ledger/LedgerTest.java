package io.learnchain.ledger;

import io.learnchain.Vectors;
import io.learnchain.chain.Block;
import io.learnchain.chain.InvalidChainException;
import io.learnchain.chain.ProofOfWork;
import io.learnchain.chain.Transaction;
import io.learnchain.json.Json;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;
import io.learnchain.node.Blockchain;
import io.learnchain.node.PoolLimits;
import io.learnchain.node.TransactionRefusedException;
import io.learnchain.store.MemoryStore;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ledger's rules, and signatures made by Python's cryptography verified by the JDK. */
class LedgerTest {
    private static final JsonObject VECTORS = (JsonObject) Vectors.read("project/signed-vectors.json");
    private static final String ALICE = Vectors.string((JsonObject) VECTORS.get("keys"), "alice");
    private static final String BOB = Vectors.string((JsonObject) VECTORS.get("keys"), "bob");

    private static List<JsonObject> list(String name) {
        List<JsonObject> out = new ArrayList<>();
        for (Json item : ((JsonArray) VECTORS.get(name)).items()) {
            out.add((JsonObject) item);
        }
        return out;
    }

    /** The transaction a block holds: the five fields, as a wallet sends them. */
    private static JsonObject tx(JsonObject vector) {
        return JsonObject.builder().put("sender", vector.get("sender")).put("recipient", vector.get("recipient"))
                .put("amount", vector.get("amount")).put("nonce", vector.get("nonce")).put("signature", vector.get("signature"))
                .build();
    }

    private static Block block(long index, JsonObject... transactions) {
        List<Transaction> txs = new ArrayList<>();
        for (JsonObject t : transactions) {
            txs.add(new Transaction(t));
        }
        return Block.create(index, 1764000000.5 + index, txs, 100, "0".repeat(64));
    }

    private static JsonObject reward(String to, String amount) {
        return JsonObject.builder().put("sender", "0").put("recipient", to).put("amount", JsonNumber.parse(amount)).build();
    }

    @Test
    void pythonsSignaturesVerifyOverTheSameMessage() {
        for (JsonObject v : list("valid")) {
            byte[] message = Signatures.message(Vectors.string(v, "sender"), Vectors.string(v, "recipient"),
                    (JsonNumber) v.get("amount"), (JsonNumber) v.get("nonce"));
            assertEquals(Vectors.string(v, "message"), new String(message, StandardCharsets.UTF_8), "the signed bytes, as Python's");
            assertTrue(Signatures.verify(Vectors.string(v, "sender"), message, Vectors.string(v, "signature")));
        }
        for (JsonObject v : list("invalid")) {
            byte[] message = Signatures.message(Vectors.string(v, "sender"), Vectors.string(v, "recipient"),
                    (JsonNumber) v.get("amount"), (JsonNumber) v.get("nonce"));
            assertFalse(Signatures.verify(Vectors.string(v, "sender"), message, Vectors.string(v, "signature")));
        }
    }

    @Test
    void ourSignaturesVerifyAndAnAddressIsTheRawKey() {
        KeyPair pair = Signatures.newKeyPair();
        String address = Signatures.address(pair.getPublic());
        assertTrue(Signatures.isAddress(address));
        byte[] message = Signatures.message(address, BOB, JsonNumber.of(3), JsonNumber.of(1));
        String signature = Signatures.sign(pair.getPrivate(), message);
        assertTrue(Signatures.verify(address, message, signature));
        assertFalse(Signatures.verify(BOB, message, signature), "another key");
        assertFalse(Signatures.verify("ff".repeat(32), message, signature), "not a key at all");
    }

    @Test
    void transfersNeedTheSignatureTheNextNonceAndTheFunds() throws InvalidChainException {
        List<JsonObject> valid = list("valid");
        Ledger ledger = Ledger.of(List.of(block(1), block(2, reward(ALICE, "1"))));
        assertEquals(BigInteger.ONE, ledger.balance(ALICE));
        assertEquals(1, ledger.nextNonce(ALICE));

        assertTrue(ledger.refusal(tx(list("invalid").get(0))).startsWith("the signature does not verify"), "a tampered amount");
        assertTrue(ledger.refusal(tx(list("invalid").get(1))).startsWith("the signature does not verify"), "signed by another key");
        assertEquals("nonce must be 1", ledger.refusal(tx(valid.get(1))), "a gap: nonce 2 first");
        assertNull(ledger.refusal(tx(valid.get(0))));
        ledger.apply(tx(valid.get(0)));
        assertEquals(BigInteger.ZERO, ledger.balance(ALICE));
        assertEquals(BigInteger.ONE, ledger.balance(BOB));
        assertEquals("nonce must be 2", ledger.refusal(tx(valid.get(0))), "a replay");
        assertEquals("insufficient funds: 0 available", ledger.refusal(tx(valid.get(1))));

        JsonObject notAnAddress = JsonObject.builder().put("sender", "alice").put("recipient", BOB).put("amount", 1)
                .put("nonce", 1).put("signature", "00".repeat(64)).build();
        assertTrue(ledger.refusal(notAnAddress).startsWith("sender must be an address"));
    }

    /** A node opening its own stored chain checks it against the ledger too: a tampered amount with a good proof does not start. */
    @Test
    void aStoredChainIsCheckedWhenTheNodeOpensIt() throws Exception {
        JsonObject signed = tx(list("valid").get(0));
        JsonObject raised = JsonObject.builder().put("sender", signed.get("sender")).put("recipient", signed.get("recipient"))
                .put("amount", 7).put("nonce", signed.get("nonce")).put("signature", signed.get("signature")).build();
        for (JsonObject last : List.of(signed, raised)) {
            MemoryStore store = new MemoryStore();
            Block genesis = Block.genesis(1764000000.5);
            store.initialize("n0de", genesis);
            Block second = mined(genesis, new Transaction(reward(ALICE, "1")));
            store.appendBlock(second);
            store.appendBlock(mined(second, new Transaction(last), new Transaction(reward(ALICE, "1"))));
            if (last == signed) {
                try (Blockchain node = new Blockchain(store, 1,
                        PoolLimits.DEFAULTS, 1, new SignedRules(ALICE))) {
                    assertEquals(BigInteger.ONE, node.balance(BOB).balance());
                }
            } else {
                assertThrows(InvalidChainException.class, () -> new Blockchain(store, 1,
                        PoolLimits.DEFAULTS, 1, new SignedRules(ALICE)));
            }
        }
    }

    /** A block after {@code parent} with a valid proof at difficulty 1 (proofs do not cover transactions). */
    private static Block mined(Block parent, Transaction... txs) {
        long proof = new ProofOfWork(parent.proof().canonical(), parent.hash(), 1).findSmallest();
        return Block.create(parent.index() + 1, 1764000000.5 + parent.index(), List.of(txs), proof, parent.hash());
    }

    @Test
    void aChainBreakingARuleIsInvalid() {
        JsonObject first = tx(list("valid").get(0));
        assertEquals(InvalidChainException.BALANCE, assertThrows(InvalidChainException.class,
                () -> Ledger.of(List.of(block(1), block(2, first))), "spends what alice lacks").rule());
        assertEquals(InvalidChainException.REWARD, assertThrows(InvalidChainException.class,
                () -> Ledger.of(List.of(block(1), block(2, reward(ALICE, "2")))), "a reward of 2").rule());
        assertThrows(InvalidChainException.class, () -> Ledger.of(List.of(block(1), block(2, reward(ALICE, "1"), reward(BOB, "1")))),
                "two rewards");
        JsonObject tampered = JsonObject.builder().put("sender", first.get("sender")).put("recipient", first.get("recipient"))
                .put("amount", 2).put("nonce", first.get("nonce")).put("signature", first.get("signature")).build();
        InvalidChainException changed = assertThrows(InvalidChainException.class, () -> Ledger.of(List.of(block(1),
                block(2, reward(ALICE, "1")), block(3, reward(ALICE, "1")), block(4, tampered, reward(ALICE, "1")))),
                "an amount changed after signing");
        assertEquals(List.of(InvalidChainException.SIGNATURE, 4L), List.of(changed.rule(), changed.index()));
        assertEquals(InvalidChainException.NONCE, assertThrows(InvalidChainException.class, () -> Ledger.of(List.of(block(1),
                block(2, reward(ALICE, "1")), block(3, first, first))), "the same transaction twice").rule());
        assertEquals(new JsonString(ALICE), first.get("sender"));
    }

    /**
     * The pool's spending is kept and moved on as transactions join, read in between by balance
     * lookups, and counted again after a block empties the pool: each answer is the one a count
     * of the whole pool gives.
     */
    @Test
    void aNodesPoolIsCountedRightAsItGrowsIsReadAndIsMined() throws Exception {
        KeyPair wallet = Signatures.newKeyPair();
        String address = Signatures.address(wallet.getPublic());
        try (Blockchain node = new Blockchain(new MemoryStore(), 1, PoolLimits.DEFAULTS, 1, new SignedRules(address))) {
            for (int i = 0; i < 3; i++) {
                node.mine();
            }
            for (int nonce = 1; nonce <= 3; nonce++) {
                node.addTransaction(transfer(wallet, BOB, 1, nonce));
                assertEquals(3 - nonce, node.balance(address).available().intValueExact());
                assertEquals(nonce + 1, node.balance(address).nextNonce());
            }
            assertEquals("insufficient funds: 0 available", refusal(node, transfer(wallet, BOB, 1, 4)));
            assertEquals("nonce must be 4", refusal(node, transfer(wallet, BOB, 1, 3)), "a replay of a pending one");

            node.mine(); // the three transfers and a new reward of 1
            assertEquals(List.of(), node.state().pending());
            assertEquals(BigInteger.ONE, node.balance(address).available());
            assertEquals(BigInteger.valueOf(3), node.balance(BOB).balance());
            node.addTransaction(transfer(wallet, BOB, 1, 4));
            assertEquals("insufficient funds: 0 available", refusal(node, transfer(wallet, BOB, 1, 5)));
        }
    }

    /** A transfer {@code from} signed. */
    static Transaction transfer(KeyPair from, String to, long amount, long nonce) {
        String sender = Signatures.address(from.getPublic());
        String signature = Signatures.sign(from.getPrivate(),
                Signatures.message(sender, to, JsonNumber.of(amount), JsonNumber.of(nonce)));
        return new Transaction(JsonObject.builder().put("sender", sender).put("recipient", to).put("amount", amount)
                .put("nonce", nonce).put("signature", signature).build());
    }

    private static String refusal(Blockchain node, Transaction tx) {
        return assertThrows(TransactionRefusedException.class, () -> node.addTransaction(tx)).getMessage();
    }
}
