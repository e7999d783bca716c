package io.learnchain.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same WAR on stock servers unpacked from Maven Central: Tomcat 10.1, Tomcat 11 and a Jetty
 * 12 base with only the http and ee10-deploy modules. Each runs it twice, as ROOT.war and as
 * blockchain.war (two nodes, at / and /blockchain, with default data directories), the two nodes
 * exchange a chain, and the server stops without leak warnings.
 */
class DeployIT {
    private static final Path SERVERS = Path.of(System.getProperty("servers.dir", "target/servers"));
    private static final Path WAR = Path.of(System.getProperty("blockchain.war", "target/blockchain.war"));

    @TempDir
    Path work;

    @Test
    void tomcat10() throws Exception {
        tomcat("apache-tomcat-" + System.getProperty("tomcat10.version", "10.1.59"));
    }

    @Test
    void tomcat11() throws Exception {
        tomcat("apache-tomcat-" + System.getProperty("tomcat11.version", "11.0.14"));
    }

    @Test
    void jetty12() throws Exception {
        Path base = jettyBase();
        deployTwice(base.resolve("webapps"));
        int port = freePort();
        Path userHome = Files.createDirectories(work.resolve("home"));
        exercise(startJetty(base, port, "-Duser.home=" + userHome), port, userHome);
    }

    /**
     * A node that cannot open its data, on a stock server: the reason is on the server's console
     * at SEVERE, and every answer gives it; the server itself runs on.
     */
    @Test
    void aNodeThatCannotStartSaysWhyOnTheConsole() throws Exception {
        Path base = jettyBase();
        Files.createDirectories(base.resolve("webapps"));
        Files.copy(WAR, base.resolve("webapps").resolve("ROOT.war"), StandardCopyOption.REPLACE_EXISTING);
        Path file = Files.writeString(work.resolve("not-a-directory"), "x");
        int port = freePort();
        ServerProcess server = startJetty(base, port, "-Dblockchain.dataDir=" + file);
        try {
            server.awaitAnswer("http://127.0.0.1:" + port + "/health/live");
            Http.Answer status = Http.get("http://127.0.0.1:" + port + "/status");
            assertEquals(503, status.status());
            String sentence = "The data directory " + file + " is a file, not a directory";
            assertTrue(status.message().contains(sentence), status.message());
            assertTrue(server.output().contains("SEVERE") && server.output().contains(sentence), server.output());
        } finally {
            server.stop();
        }
    }

    /** A Jetty base with the http and ee10-deploy modules, made from the stock distribution. */
    private Path jettyBase() throws Exception {
        Path base = Files.createDirectories(work.resolve("jetty-base"));
        Process setup = new ProcessBuilder(java(), "-jar", jettyHome().resolve("start.jar").toString(), "--add-modules=http,ee10-deploy")
                .directory(base.toFile()).redirectErrorStream(true).start();
        String setupOutput = new String(setup.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(setup.waitFor(60, TimeUnit.SECONDS) && setup.exitValue() == 0, setupOutput);
        return base;
    }

    private static ServerProcess startJetty(Path base, int port, String systemProperty) {
        return ServerProcess.start(new ProcessBuilder(java(), systemProperty, "-jar", jettyHome().resolve("start.jar").toString(),
                "jetty.http.port=" + port, "jetty.http.host=127.0.0.1").directory(base.toFile()));
    }

    private static Path jettyHome() {
        return SERVERS.resolve("jetty-home-" + System.getProperty("jetty.home.version", "12.1.8")).toAbsolutePath();
    }

    private void tomcat(String name) throws Exception {
        Path home = SERVERS.resolve(name);
        Path tomcat = work.resolve(name);
        copyTree(home, tomcat);
        int port = freePort();
        Path serverXml = tomcat.resolve("conf/server.xml");
        String xml = Files.readString(serverXml)
                .replace("<Server port=\"8005\"", "<Server port=\"-1\"")
                .replace("port=\"8080\"", "port=\"" + port + "\" address=\"127.0.0.1\"");
        Files.writeString(serverXml, xml);
        try (Stream<Path> apps = Files.list(tomcat.resolve("webapps"))) {
            apps.forEach(TestNode::deleteRecursively); // a stock server's own applications are not ours to run
        }
        deployTwice(tomcat.resolve("webapps"));
        Path userHome = Files.createDirectories(work.resolve("home"));
        ProcessBuilder builder = new ProcessBuilder("bash", tomcat.resolve("bin/catalina.sh").toString(), "run");
        builder.environment().putAll(Map.of("CATALINA_HOME", tomcat.toString(), "CATALINA_BASE", tomcat.toString(),
                "JAVA_HOME", System.getProperty("java.home"), "CATALINA_OPTS", "-Duser.home=" + userHome));
        ServerProcess server = ServerProcess.start(builder);
        exercise(server, port, userHome);
    }

    private static void deployTwice(Path webapps) throws IOException {
        Files.createDirectories(webapps);
        Files.copy(WAR, webapps.resolve("ROOT.war"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(WAR, webapps.resolve("blockchain.war"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Two nodes in one server: the one at /blockchain adopts the chain mined at /, then the server stops cleanly. */
    private static void exercise(ServerProcess server, int port, Path userHome) throws Exception {
        String root = "http://127.0.0.1:" + port;
        String nested = root + "/blockchain";
        try {
            server.awaitAnswer(root + "/status");
            server.awaitAnswer(nested + "/status");
            assertEquals(201, Http.postJson(root + "/transactions/new", "{\"sender\": \"a\", \"recipient\": \"b\", \"amount\": 5}").status());
            assertEquals(200, Http.get(root + "/mine").status());
            assertEquals(201, Http.postJson(nested + "/nodes/register", "{\"nodes\": [\"" + root + "\"]}").status());
            // the nested node may have pulled the chain by itself already (the live network); after a resolve it has it
            Http.Answer resolved = Http.get(nested + "/nodes/resolve");
            assertEquals(200, resolved.status());
            assertEquals(Http.get(root + "/chain").body(), Http.get(nested + "/chain").body(), resolved.body());
            assertEquals(404, Http.get(root + "/nope").status());
            assertTrue(Http.get(root + "/").body().contains("js/main.js"), "the page is served");
            for (String module : new String[] {"/js/main.js", "/js/remine-worker.js"}) {
                // a browser runs an ES module or a module worker only when served as JavaScript
                Http.Answer script = Http.get(nested + module);
                assertEquals(200, script.status(), module);
                assertTrue(script.header("Content-Type").contains("javascript"), module + ": " + script.header("Content-Type"));
            }
            assertEquals(userHome.resolve(".blockchain-node/ROOT").toString(), Http.get(root + "/status").json().get("data_dir"));
            assertEquals(userHome.resolve(".blockchain-node/blockchain").toString(), Http.get(nested + "/status").json().get("data_dir"));
        } catch (AssertionError e) {
            server.stop();
            throw new AssertionError(e.getMessage() + "\nThe server's log:\n" + server.output(), e);
        } finally {
            server.stop();
        }
        String log = server.output();
        assertFalse(log.contains("appears to have started a thread"), log);
        assertFalse(log.contains("memory leak"), log);
        // what was acknowledged is on disk: the journal holds the transaction
        try (Stream<Path> files = Files.list(userHome.resolve(".blockchain-node/ROOT"))) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("journal-")));
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** A server in a child process, its output kept for the assertions. */
    private static final class ServerProcess {
        private final Process process;
        private final StringBuffer output = new StringBuffer();

        private ServerProcess(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try {
                    byte[] buffer = new byte[8192];
                    int n;
                    while ((n = process.getInputStream().read(buffer)) > 0) {
                        output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException ignored) {
                    // the server stopped
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        static ServerProcess start(ProcessBuilder builder) {
            try {
                return new ServerProcess(builder.redirectErrorStream(true).start());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Waits (at most a minute) until {@code url} answers 200. */
        void awaitAnswer(String url) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                assertTrue(process.isAlive(), "the server exited:\n" + output);
                try {
                    if (Http.get(url).status() == 200) {
                        return;
                    }
                } catch (AssertionError notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            throw new AssertionError(url + " did not answer within a minute:\n" + output);
        }

        /** SIGTERM, as a service manager stops a server; the server undeploys its applications. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the server did not stop within a minute:\n" + output);
            }
        }

        String output() {
            return output.toString();
        }
    }
}
