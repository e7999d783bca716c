package io.learnchain.it;

import io.learnchain.Vectors;
import io.learnchain.chain.Block;
import io.learnchain.chain.ProofOfWork;
import io.learnchain.chain.Transaction;
import io.learnchain.json.Json;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonWriter;
import io.learnchain.ledger.Signatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The signed ledger mode through the WAR: who may send what, balances, and chains that break the rules. */
class LedgerIT {
    private static final KeyPair ALICE = Signatures.newKeyPair();
    private static final KeyPair BOB = Signatures.newKeyPair();
    private static final String ALICE_ADDRESS = Signatures.address(ALICE.getPublic());
    private static final String BOB_ADDRESS = Signatures.address(BOB.getPublic());
    private static final String CAROL = "c".repeat(64);
    private static final String DAVE = "d".repeat(64);

    @TempDir
    Path dataDir;

    /** A signed-mode node, resolving by hand, at difficulty 1 so that the test can mine competing blocks quickly. */
    private static Map<String, String> signed(Path dataDir) {
        Map<String, String> settings = new HashMap<>(TestNode.MANUAL);
        settings.put("blockchain.ledger", "signed");
        settings.put("blockchain.difficulty", "1");
        settings.put("blockchain.dataDir", dataDir.toString());
        return settings;
    }

    /** A transfer signed by {@code from}'s key (or, to forge, another's), as a wallet makes it. */
    private static JsonObject transfer(KeyPair signer, String sender, String recipient, long amount, long nonce) {
        byte[] message = Signatures.message(sender, recipient, JsonNumber.of(amount), JsonNumber.of(nonce));
        return JsonObject.builder().put("sender", sender).put("recipient", recipient).put("amount", amount).put("nonce", nonce)
                .put("signature", Signatures.sign(signer.getPrivate(), message)).build();
    }

    private static Http.Answer post(TestNode node, JsonObject tx) {
        return Http.postJson(node.url() + "/transactions/new", JsonWriter.compactString(tx));
    }

    private static Map<String, Object> balance(TestNode node, String address) {
        Http.Answer answer = Http.get(node.url() + "/balances/" + address);
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }

    private static void assertBalance(TestNode node, String address, long balance, long available, long nextNonce) {
        Map<String, Object> b = balance(node, address);
        assertEquals(address, b.get("address"));
        assertEquals(List.of(balance, available, nextNonce), List.of(((Number) b.get("balance")).longValue(),
                ((Number) b.get("available")).longValue(), ((Number) b.get("next_nonce")).longValue()), b.toString());
    }

    private static String refusal(Http.Answer answer) {
        assertEquals(400, answer.status(), answer.body());
        return answer.message();
    }

    @Test
    void onlyTheOwnerSpendsOnlyWhatItHasOnceInOrder() {
        try (TestNode node = TestNode.start("/", signed(dataDir))) {
            assertEquals(200, Http.get(node.url() + "/mine?to=" + ALICE_ADDRESS).status());
            assertBalance(node, ALICE_ADDRESS, 1, 1, 1);

            JsonObject first = transfer(ALICE, ALICE_ADDRESS, BOB_ADDRESS, 1, 1);
            assertEquals(201, post(node, first).status());
            assertBalance(node, ALICE_ADDRESS, 1, 0, 2);

            assertEquals("nonce must be 2", refusal(post(node, first)), "a replay");
            assertEquals("nonce must be 2", refusal(post(node, transfer(ALICE, ALICE_ADDRESS, BOB_ADDRESS, 1, 3))), "a gap");
            assertEquals("insufficient funds: 0 available", refusal(post(node, transfer(ALICE, ALICE_ADDRESS, BOB_ADDRESS, 1, 2))));
            JsonObject tampered = transfer(ALICE, ALICE_ADDRESS, BOB_ADDRESS, 1, 2);
            tampered = JsonObject.builder().put("sender", tampered.get("sender")).put("recipient", CAROL).put("amount", 1)
                    .put("nonce", 2).put("signature", tampered.get("signature")).build();
            assertTrue(refusal(post(node, tampered)).startsWith("the signature does not verify"), "a changed recipient");
            assertTrue(refusal(post(node, transfer(BOB, ALICE_ADDRESS, BOB_ADDRESS, 1, 2))).startsWith("the signature does not verify"),
                    "signed by another key");
            assertEquals("Missing values: nonce, signature", refusal(Http.postJson(node.url() + "/transactions/new",
                    "{\"sender\": \"" + ALICE_ADDRESS + "\", \"recipient\": \"" + BOB_ADDRESS + "\", \"amount\": 1}")));
            assertTrue(refusal(post(node, transfer(ALICE, "alice", BOB_ADDRESS, 1, 1))).startsWith("sender must be an address"));
            assertTrue(refusal(Http.get(node.url() + "/mine?to=alice")).startsWith("to must be an address"));

            Map<String, Object> mined = Http.get(node.url() + "/mine").json();
            List<?> transactions = (List<?>) mined.get("transactions");
            assertEquals(2, transactions.size(), "the transfer, then the node's reward");
            String nodeAddress = (String) ((Map<?, ?>) transactions.get(1)).get("recipient");
            assertTrue(Signatures.isAddress(nodeAddress), "the node's reward goes to its own key's address");
            assertBalance(node, ALICE_ADDRESS, 0, 0, 2);
            assertBalance(node, BOB_ADDRESS, 1, 1, 1);
            assertBalance(node, nodeAddress, 1, 1, 1);
            assertEquals(400, Http.get(node.url() + "/balances/" + "0".repeat(63)).status(), "a malformed address");
        }
        try (TestNode again = TestNode.start("/", signed(dataDir))) {
            assertBalance(again, ALICE_ADDRESS, 0, 0, 2);
            assertBalance(again, BOB_ADDRESS, 1, 1, 1);
            assertEquals(201, post(again, transfer(BOB, BOB_ADDRESS, ALICE_ADDRESS, 1, 1)).status(), "after a restart, as before");
        }
    }

    @Test
    void anOpenNodeKeepsNoBalancesAndPaysRewardsWhereAsked() {
        try (TestNode node = TestNode.start("/", TestNode.MANUAL)) {
            Http.Answer none = Http.get(node.url() + "/balances/" + ALICE_ADDRESS);
            assertEquals(404, none.status());
            assertTrue(none.message().contains("blockchain.ledger=signed"), none.message());
            Map<String, Object> mined = Http.get(node.url() + "/mine?to=alice").json();
            assertEquals("alice", ((Map<?, ?>) ((List<?>) mined.get("transactions")).get(0)).get("recipient"));
        }
    }

    /** On a live network of signed nodes, a signed transaction and the blocks holding it spread with their fields. */
    @Test
    void signedTransactionsAndBlocksSpreadBetweenSignedNodes(@TempDir Path other) {
        Map<String, String> live = signed(dataDir);
        live.remove("blockchain.network");
        Map<String, String> liveOther = signed(other);
        liveOther.remove("blockchain.network");
        try (TestNode a = TestNode.start("/", live); TestNode b = TestNode.start("/", liveOther)) {
            assertEquals(201, Http.postJson(b.url() + "/nodes/register", "{\"nodes\": [\"" + a.url() + "\"]}").status());
            NetworkIT.await("a learns b", () -> Http.get(a.url() + "/nodes").body().contains(b.url()));
            assertEquals(200, Http.get(a.url() + "/mine?to=" + ALICE_ADDRESS).status());
            NetworkIT.await("b takes a's chain", () -> ((Number) Http.get(b.url() + "/chain").json().get("length")).intValue() == 2);

            assertEquals(201, post(a, transfer(ALICE, ALICE_ADDRESS, BOB_ADDRESS, 1, 1)).status());
            NetworkIT.await("the transfer reaches b's pool", () -> Http.get(b.url() + "/transactions/pending").body().contains(BOB_ADDRESS));
            assertTrue(Http.get(b.url() + "/transactions/pending").body().contains("\"signature\""), "relayed with its signature");
            assertBalance(b, ALICE_ADDRESS, 1, 0, 2);

            assertEquals(200, Http.get(b.url() + "/mine").status());
            NetworkIT.await("b's block reaches a", () -> ((Number) Http.get(a.url() + "/chain").json().get("length")).intValue() == 3);
            assertBalance(a, BOB_ADDRESS, 1, 1, 1);
            assertBalance(a, ALICE_ADDRESS, 0, 0, 2);
            assertFalse(Http.get(a.url() + "/transactions/pending").body().contains(BOB_ADDRESS), "mined elsewhere, gone from a's pool");
        }
    }

    /** The node's signed chain checked independently, by Python's cryptography. */
    @Test
    void theNodesChainVerifiesInPython() throws Exception {
        assumeTrue(new ProcessBuilder("/usr/bin/python3", "-c", "import cryptography").start().waitFor() == 0,
                "needs /usr/bin/python3 with python3-cryptography (.ci/run installs it)");
        try (TestNode node = TestNode.start("/", signed(dataDir))) {
            assertEquals(200, Http.get(node.url() + "/mine?to=" + ALICE_ADDRESS).status());
            assertEquals(200, Http.get(node.url() + "/mine?to=" + ALICE_ADDRESS).status());
            assertEquals(201, post(node, transfer(ALICE, ALICE_ADDRESS, BOB_ADDRESS, 2, 1)).status());
            assertEquals(200, Http.get(node.url() + "/mine").status());
            assertEquals(201, post(node, transfer(BOB, BOB_ADDRESS, CAROL, 1, 1)).status());
            assertEquals(201, post(node, transfer(BOB, BOB_ADDRESS, DAVE, 1, 2)).status());
            assertEquals(200, Http.get(node.url() + "/mine").status());
            String chain = Http.get(node.url() + "/chain").body();
            assertEquals("ok 5 blocks, 3 transfers", python(chain));
            String tampered = chain.replaceFirst("\"amount\":2,", "\"amount\":1,");
            assertTrue(python(tampered).contains("does not verify") || python(tampered).contains("previous_hash"),
                    "and the script is not a yes-machine");
        }
    }

    private static String python(String chain) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "src/test/python/verify_signed_chain.py").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(chain.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), out);
        return out;
    }

    @Test
    void aSignatureMadeByPythonIsAccepted() {
        JsonObject vector = (JsonObject) ((JsonArray) ((JsonObject) Vectors.read("project/signed-vectors.json")).get("valid")).get(0);
        String alice = Vectors.string(vector, "sender");
        try (TestNode node = TestNode.start("/", signed(dataDir))) {
            assertEquals(200, Http.get(node.url() + "/mine?to=" + alice).status());
            JsonObject tx = JsonObject.builder().put("sender", alice).put("recipient", vector.get("recipient"))
                    .put("amount", vector.get("amount")).put("nonce", vector.get("nonce")).put("signature", vector.get("signature")).build();
            Http.Answer answer = post(node, tx);
            assertEquals(201, answer.status(), answer.body());
            assertBalance(node, alice, 1, 0, 2);
        }
    }

    @Test
    void aChainWithATamperedAmountIsRefusedAndADoubleSpendNeverEntersThePool() throws Exception {
        try (TestNode node = TestNode.start("/", signed(dataDir)); FakePeer fake = new FakePeer()) {
            assertEquals(200, Http.get(node.url() + "/mine?to=" + ALICE_ADDRESS).status());
            assertEquals(200, Http.get(node.url() + "/mine?to=" + ALICE_ADDRESS).status());
            List<Block> ours = chain(node);

            // a longer chain whose new block holds alice's transfer with its amount raised after signing
            JsonObject signedForOne = transfer(ALICE, ALICE_ADDRESS, DAVE, 1, 1);
            JsonObject raised = JsonObject.builder().put("sender", ALICE_ADDRESS).put("recipient", DAVE).put("amount", 2)
                    .put("nonce", 1).put("signature", signedForOne.get("signature")).build();
            List<Block> tampered = extend(ours, List.of(raised), List.of());
            String liar = fake.serve("liar", e -> FakePeer.send(e, answer(tampered)));
            // a longer chain where alice already spent both coins on dave
            List<Block> spent = extend(ours, List.of(transfer(ALICE, ALICE_ADDRESS, DAVE, 2, 1)), List.of());

            // alice's pending payment to carol spends the same coins
            assertEquals(201, post(node, transfer(ALICE, ALICE_ADDRESS, CAROL, 2, 1)).status());
            Http.Answer registered = Http.postJson(node.url() + "/nodes/register", "{\"nodes\": [\"" + liar + "\"]}");
            assertEquals(201, registered.status());
            Http.Answer resolved = Http.get(node.url() + "/nodes/resolve");
            assertEquals("Our chain is authoritative", resolved.message());
            assertTrue(resolved.body().contains("\"outcome\":\"invalid\""), resolved.body());
            assertTrue(resolved.body().contains("signature does not verify"), resolved.body());

            String honest = fake.serve("honest", e -> FakePeer.send(e, answer(spent)));
            assertEquals(201, Http.postJson(node.url() + "/nodes/register", "{\"nodes\": [\"" + honest + "\"]}").status());
            assertEquals("Our chain was replaced", Http.get(node.url() + "/nodes/resolve").message());
            assertFalse(Http.get(node.url() + "/transactions/pending").body().contains(CAROL), "the double spend left the pool");
            assertBalance(node, ALICE_ADDRESS, 0, 0, 2);
            assertBalance(node, DAVE, 2, 2, 1);
            assertBalance(node, CAROL, 0, 0, 1);
        }
        try (TestNode restarted = TestNode.start("/", signed(dataDir))) {
            assertFalse(Http.get(restarted.url() + "/transactions/pending").body().contains(CAROL), "nor does it come back after a restart");
            assertBalance(restarted, ALICE_ADDRESS, 0, 0, 2);
            assertEquals(200, Http.get(restarted.url() + "/mine").status(), "every block it mines stays valid");
        }
    }

    private static List<Block> chain(TestNode node) throws Exception {
        List<Block> blocks = new ArrayList<>();
        for (Json block : ((JsonArray) ((JsonObject) Http.get(node.url() + "/chain").exact()).get("chain")).items()) {
            blocks.add(Block.fromJson(block));
        }
        return blocks;
    }

    /** {@code chain} and one more block holding {@code transfers} and a reward, its proof found at difficulty 1. */
    private static List<Block> extend(List<Block> chain, List<JsonObject> transfers, List<JsonObject> more) {
        Block parent = chain.get(chain.size() - 1);
        List<Transaction> txs = new ArrayList<>();
        transfers.forEach(t -> txs.add(new Transaction(t)));
        more.forEach(t -> txs.add(new Transaction(t)));
        txs.add(Transaction.reward(BOB_ADDRESS));
        long proof = new ProofOfWork(parent.proof().canonical(), parent.hash(), 1).findSmallest();
        List<Block> longer = new ArrayList<>(chain);
        longer.add(Block.create(parent.index() + 1, 1764000000.5 + parent.index(), txs, proof, parent.hash()));
        return longer;
    }

    private static String answer(List<Block> chain) {
        StringBuilder json = new StringBuilder("{\"chain\": [");
        for (int i = 0; i < chain.size(); i++) {
            json.append(i > 0 ? "," : "").append(new String(chain.get(i).compactJson(), StandardCharsets.UTF_8));
        }
        return json.append("], \"length\": ").append(chain.size()).append('}').toString();
    }
}
