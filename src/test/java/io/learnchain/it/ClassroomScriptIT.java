package io.learnchain.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code src/main/scripts/classroom.sh} as a teacher runs it: in a folder of its own, on ports of
 * its own, from the WAR and Jetty this build made ({@code --no-build}: the build is this one).
 */
class ClassroomScriptIT {
    private static final Path SCRIPT = Path.of("src/main/scripts/classroom.sh");

    private Path data;
    private int firstPort;

    /** What the script printed and how it ended. */
    private record Run(int exit, String output) {
    }

    @BeforeEach
    void folderAndPorts() throws IOException {
        data = Files.createTempDirectory("classroom-");
        firstPort = freeRange(3);
    }

    @AfterEach
    void stopEverything() throws Exception {
        run("stop"); // whatever a failed assertion left running
        TestNode.deleteRecursively(data);
    }

    private Run run(String... words) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), "--data", data.resolve("class").toString(),
                "--port", String.valueOf(firstPort), "--no-build"));
        command.addAll(List.of(words));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                Path.of("/dev/null").toFile())).start();
        byte[] output = process.getInputStream().readAllBytes(); // ends when the script does: its nodes write to their logs
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("classroom.sh " + String.join(" ", words) + " did not end: " + new String(output, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private String url(int node) {
        return "http://127.0.0.1:" + (firstPort + node - 1);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Map<String, Object> controls(int node, String token) {
        return Http.request("GET", url(node) + "/admin/network", null, "Authorization", "Bearer " + token).json();
    }

    private static int height(String url) {
        return ((Number) Http.get(url + "/status").json().get("length")).intValue();
    }

    @Test
    void aTeacherStartsStopsAndResetsAClass() throws Exception {
        // a port another program holds: one sentence naming it, a failure, nothing left running
        try (ServerSocket taken = new ServerSocket(firstPort + 1, 50, InetAddress.getLoopbackAddress())) {
            Run refused = run("start", "3");
            assertNotEquals(0, refused.exit(), refused.output());
            assertTrue(refused.output().contains("port " + (firstPort + 1) + " is taken"), refused.output());
            assertFalse(listening(firstPort) || listening(firstPort + 2), "nothing was started");
        }

        Run started = run("start", "3");
        assertEquals(0, started.exit(), started.output());
        for (int node = 1; node <= 3; node++) {
            assertTrue(started.output().contains("node-" + node + "  " + url(node)), started.output());
            assertEquals("node-" + node, Http.get(url(node) + "/status").json().get("name"));
            assertEquals(2, ((List<?>) Http.get(url(node) + "/status").json().get("peers")).size(), "registered with the others");
        }
        String genesis = (String) Http.get(url(1) + "/status").json().get("last_hash");
        for (int node = 2; node <= 3; node++) {
            assertEquals(genesis, Http.get(url(node) + "/status").json().get("last_hash"), "one genesis block for the class");
        }
        String token = run("token").output().strip();
        assertEquals(401, Http.get(url(1) + "/mine").status(), "the class's nodes are steered with its token only");

        Run stopped = run("stop", "node-2");
        assertEquals(0, stopped.exit(), stopped.output());
        assertFalse(listening(firstPort + 1));
        assertTrue(run("status").output().matches("(?s).*node-2 +" + url(2) + " +- +- +- +stopped.*"), run("status").output());
        assertEquals(200, Http.request("GET", url(1) + "/mine", null, "Authorization", "Bearer " + token).status());
        assertEquals(200, Http.request("GET", url(1) + "/mine", null, "Authorization", "Bearer " + token).status());

        Run again = run("start", "node-2");
        assertEquals(0, again.exit(), again.output());
        int expected = height(url(1));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (height(url(2)) != expected && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertEquals(expected, height(url(2)), "node-2 caught up with its peers by itself");
        assertTrue(Files.exists(data.resolve("class/node-2/node.log")));

        // the class as a whole: a mining mode for every node, blocks on request from one
        Run onTransaction = run("mining", "on-transaction");
        assertEquals(0, onTransaction.exit(), onTransaction.output());
        for (int node = 1; node <= 3; node++) {
            Map<String, Object> plan = Http.request("GET", url(node) + "/admin/mining", null, "Authorization", "Bearer " + token).json();
            assertEquals("on-transaction", plan.get("mode"), "node-" + node);
        }
        assertEquals(0, run("mining", "manual").exit());
        int before = height(url(1));
        Run mined = run("mine", "2", "node-3");
        assertEquals(0, mined.exit(), mined.output());
        until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (height(url(1)) < before + 2 && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertEquals(before + 2, height(url(1)), "node-3's two blocks reached node-1");
        // a snapshot, more blocks, and the whole class back at the snapshot
        String snapshotTip = (String) Http.get(url(1) + "/status").json().get("last_hash");
        Run snapshot = run("snapshot", "before-fork");
        assertEquals(0, snapshot.exit(), snapshot.output());
        assertEquals(0, run("mine", "2").exit());
        until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (height(url(3)) < before + 4 && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        Run restored = run("restore", "before-fork");
        assertEquals(0, restored.exit(), restored.output());
        assertTrue(restored.output().contains("2 blocks and 0 acknowledged transactions discarded"), restored.output());
        for (int node = 1; node <= 3; node++) {
            assertEquals(snapshotTip, Http.get(url(node) + "/status").json().get("last_hash"), "node-" + node + " back at the snapshot");
            assertEquals(Boolean.FALSE, controls(node, token).get("paused"), "resumed after the restore");
        }

        // split the class in two and heal it; pause and resume it
        Run split = run("partition", "node-1", "node-2,node-3");
        assertEquals(0, split.exit(), split.output());
        assertEquals(List.of(url(2), url(3)), controls(1, token).get("ignored"));
        assertEquals(List.of(url(1)), controls(3, token).get("ignored"));
        assertEquals(0, run("heal").exit());
        assertEquals(List.of(), controls(2, token).get("ignored"));
        assertEquals(0, run("pause").exit());
        assertEquals(Boolean.TRUE, controls(2, token).get("paused"));
        assertEquals(0, run("resume").exit());
        assertEquals(Boolean.FALSE, controls(2, token).get("paused"));
        assertEquals(0, run("withhold", "node-2").exit());
        assertEquals(Boolean.TRUE, controls(2, token).get("withhold"));
        assertEquals(0, run("release", "node-2").exit());
        assertEquals(Boolean.FALSE, controls(2, token).get("withhold"));
        Run unknownNode = run("partition", "node-1", "node-9");
        assertNotEquals(0, unknownNode.exit());
        assertTrue(unknownNode.output().contains("node-1 to node-3, not node-9"), unknownNode.output());

        Run wrong = run("mining", "sometimes");
        assertNotEquals(0, wrong.exit());
        assertTrue(wrong.output().contains("mining takes manual"), wrong.output());

        assertEquals(0, run("stop").exit());
        assertFalse(listening(firstPort) || listening(firstPort + 1) || listening(firstPort + 2));
        Run reset = run("reset", "--yes");
        assertEquals(0, reset.exit(), reset.output());
        assertFalse(Files.exists(data.resolve("class")), "the class's data is gone");
    }

    /** With --python, the class has the tutorial's Python node too, registered both ways, shown by its /chain. */
    @Test
    void aClassWithThePythonTutorialNode() throws Exception {
        firstPort = freeRange(2);
        Run started = run("--python", "start", "1");
        assertEquals(0, started.exit(), started.output());
        String python = "http://127.0.0.1:" + (firstPort + 1);
        assertTrue(started.output().matches("(?s).*python-1 +" + python + " +1 .*tutorial API.*"), started.output());
        assertTrue(Http.get(url(1) + "/nodes").json().get("total_nodes").toString().contains(python));
        assertEquals(0, run("stop").exit());
        assertFalse(listening(firstPort + 1), "python-1 stopped too");
    }

    /** A node that cannot start says why, at once, in its own words; nothing is left running. */
    @Test
    void aNodeThatCannotStartIsNamedWithItsReason() throws Exception {
        Run failed = run("start", "2", "-Dblockchain.difficulty=many");
        assertNotEquals(0, failed.exit(), failed.output());
        assertTrue(failed.output().contains("node-1 could not start:") && failed.output().contains("difficulty"), failed.output());
        assertFalse(listening(firstPort) || listening(firstPort + 1), "nothing left running");
    }

    /** {@code count} consecutive ports that nothing holds now. */
    private static int freeRange(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            List<ServerSocket> held = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    held.add(new ServerSocket(first + i, 50, InetAddress.getLoopbackAddress()));
                }
                return first;
            } catch (IOException taken) {
                // try another range
            } finally {
                for (ServerSocket socket : held) {
                    socket.close();
                }
            }
        }
        throw new IOException("no " + count + " free consecutive ports found");
    }
}
