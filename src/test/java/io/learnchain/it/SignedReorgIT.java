package io.learnchain.it;

import io.learnchain.chain.Block;
import io.learnchain.json.JsonNumber;
import io.learnchain.ledger.Signatures;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A one-block fork on a signed chain of 20,000 transfers is adopted by a resolve within its
 * deadline, while balance reads and posts to the node keep getting their answers: the fork is
 * checked from where it parts, outside every lock.
 */
class SignedReorgIT {
    private static Map<String, String> settings(Path dataDir) {
        return Map.of("blockchain.ledger", "signed", "blockchain.difficulty", "1", "blockchain.network", "manual",
                "blockchain.dataDir", dataDir.toString());
    }

    @Test
    void aOneBlockForkOnALongSignedChainIsAdoptedWhileTheNodeAnswers() throws Exception {
        List<Block> chain = ChainFiles.signed(20_000);
        Path aData = ChainFiles.dataDir(chain);
        Path bData = ChainFiles.dataDir(chain);
        try (TestNode a = TestNode.start("/", settings(aData)); TestNode b = TestNode.start("/", settings(bData))) {
            assertEquals(200, Http.get(b.url() + "/mine").status()); // b's own block...
            assertEquals(200, Http.get(a.url() + "/mine").status()); // ...and a's two: a's chain is longer
            assertEquals(200, Http.get(a.url() + "/mine").status());
            assertEquals(201, Http.postJson(b.url() + "/nodes/register", "{\"nodes\": [\"" + a.url() + "\"]}").status());

            KeyPair stranger = Signatures.newKeyPair();
            String address = Signatures.address(stranger.getPublic());
            String to = "b".repeat(64);
            String post = "{\"sender\": \"" + address + "\", \"recipient\": \"" + to + "\", \"amount\": 1, \"nonce\": 1, \"signature\": \""
                    + Signatures.sign(stranger.getPrivate(), Signatures.message(address, to, JsonNumber.of(1), JsonNumber.of(1)))
                    + "\"}";
            AtomicBoolean going = new AtomicBoolean(true);
            AtomicInteger answered = new AtomicInteger();
            Queue<String> wrong = new ConcurrentLinkedQueue<>();
            Thread reader = new Thread(() -> {
                while (going.get()) {
                    Http.Answer balance = Http.get(b.url() + "/balances/" + address);
                    if (balance.status() != 200) {
                        wrong.add("balance: " + balance.status() + " " + balance.body());
                    }
                    Http.Answer posted = Http.postJson(b.url() + "/transactions/new", post);
                    if (posted.status() != 400 || !posted.message().startsWith("insufficient funds")) {
                        wrong.add("post: " + posted.status() + " " + posted.body());
                    }
                    answered.addAndGet(2);
                }
            });
            reader.start();
            Http.Answer resolved = Http.get(b.url() + "/nodes/resolve");
            going.set(false);
            reader.join();
            Map<?, ?> outcome = (Map<?, ?>) ((List<?>) resolved.json().get("peers")).get(0);
            assertEquals("adopted", outcome.get("outcome"), outcome.toString()); // before: "timeout", not within 10 s
            assertEquals("Our chain was replaced", resolved.message());
            assertEquals(Http.get(a.url() + "/status").json().get("last_hash"), Http.get(b.url() + "/status").json().get("last_hash"));
            assertTrue(answered.get() > 0);
            assertEquals(List.of(), List.copyOf(wrong), "every read and post got its answer");
        } finally {
            TestNode.deleteRecursively(aData);
            TestNode.deleteRecursively(bData);
        }
    }
}
