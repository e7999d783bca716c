package io.learnchain.it;

import io.learnchain.Python3;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code src/main/scripts/lying-peer.py} as a teacher uses it: it serves a real node's chain with
 * one block tampered and one valid block more, and an honest node refuses it, saying which block
 * and rule, each time the liar's chain grows.
 */
class LyingPeerIT {
    private static final Path SCRIPT = Path.of("src/main/scripts/lying-peer.py");

    @Test
    void anHonestNodeRefusesTheLiarsLongerChainWithTheBlockAndRule() throws Exception {
        assumeTrue(Python3.available(), "needs python3");
        try (TestNode real = TestNode.start("/", TestNode.MANUAL); TestNode honest = TestNode.start("/", Map.of())) {
            assertEquals(200, Http.get(real.url() + "/mine").status());
            assertEquals(200, Http.get(real.url() + "/mine").status());
            try (PythonPeer liar = PythonPeer.start(SCRIPT, "--follow", real.url(), "--block", "2", "--field", "amount",
                    "--value", "1000", "--every", "0.2")) {
                long until = System.nanoTime() + 30_000_000_000L;
                while (Http.get(liar.url() + "/chain").status() != 200 && System.nanoTime() < until) {
                    Thread.sleep(100);
                }
                Http.Answer lie = Http.get(liar.url() + "/chain");
                assertEquals(200, lie.status(), lie.body());
                assertEquals(4, ((Number) lie.json().get("length")).intValue(), "one block longer than the real chain");
                assertTrue(lie.body().contains("\"amount\": 1000"), lie.body());

                try (EventStream events = new EventStream(honest.url(), null)) {
                    assertEquals(201, Http.postJson(honest.url() + "/nodes/register", "{\"nodes\": [\"" + liar.url() + "\"]}").status());
                    EventStream.Frame refused = events.await("the liar's chain refused",
                            f -> f.event().equals("peer") && f.code().equals("refused"));
                    assertEquals(liar.url(), refused.params().get("peer"));
                    assertEquals("previous_hash", refused.params().get("rule"), refused.data());
                    assertEquals(3, ((Number) refused.params().get("block")).intValue(), refused.data());
                }
                assertEquals(1, ((Number) Http.get(honest.url() + "/status").json().get("length")).intValue(), "nothing of the lie taken");
                // in the network view the liar is a peer with its longer chain's tip, the tip of nobody else
                Map<String, Object> view = Http.get(honest.url() + "/network").json();
                @SuppressWarnings("unchecked")
                Map<String, Object> seen = ((List<Map<String, Object>>) view.get("nodes")).stream()
                        .filter(n -> liar.url().equals(n.get("url"))).findFirst().orElseThrow(() -> new AssertionError(view.toString()));
                assertEquals(4, ((Number) seen.get("height")).intValue(), seen.toString());
                @SuppressWarnings("unchecked")
                Map<String, Object> liarsTip = ((List<Map<String, Object>>) view.get("blocks")).stream()
                        .filter(b -> seen.get("tip").equals(b.get("hash"))).findFirst().orElseThrow(() -> new AssertionError(view.toString()));
                assertEquals(List.of(liar.url()), liarsTip.get("tip_of"), "no honest node's tip: " + liarsTip);

                // the real chain grows, the liar follows and stays one longer, and it is refused again
                assertEquals(200, Http.get(real.url() + "/mine").status());
                until = System.nanoTime() + 30_000_000_000L;
                while (((Number) Http.get(liar.url() + "/chain").json().get("length")).intValue() != 5 && System.nanoTime() < until) {
                    Thread.sleep(100);
                }
                assertEquals(5, ((Number) Http.get(liar.url() + "/chain").json().get("length")).intValue());
                Http.Answer resolved = Http.get(honest.url() + "/nodes/resolve");
                assertTrue(resolved.body().contains("\"outcome\":\"invalid\""), resolved.body());
            }
        }
    }
}
