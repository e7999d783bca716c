package io.learnchain.bench;

import io.learnchain.it.TestNode;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The WAR as a new user runs it: {@code ROOT.war} in a stock Jetty 12.1 base with only the
 * {@code http} and {@code ee10-deploy} modules (the jetty-home {@code mvn verify} unpacks into
 * {@code target/servers}), in a JVM of its own, on a fresh data directory.
 *
 * @param startSeconds from launching the server's JVM to the node's first {@code /status}
 */
record StockJetty(Process process, String url, Path base, Path data, double startSeconds) implements AutoCloseable {

    /** @param settings system properties such as {@code blockchain.maxPending=...} */
    static StockJetty start(Path war, List<String> settings) throws Exception {
        return start(war, settings, List.of());
    }

    /**
     * @param settings   system properties such as {@code blockchain.maxPending=...}; a
     *                   {@code blockchain.dataDir} among them replaces the fresh directory (which is then left alone)
     * @param jvmOptions such as {@code -Xmx512m}
     */
    static StockJetty start(Path war, List<String> settings, List<String> jvmOptions) throws Exception {
        Path home = jettyHome();
        Path base = Files.createTempDirectory("jetty-base-");
        Path data = Files.createTempDirectory("bench-data-");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process setup = new ProcessBuilder(java, "-jar", home.resolve("start.jar").toString(), "--add-modules=http,ee10-deploy")
                .directory(base.toFile()).redirectErrorStream(true).redirectOutput(base.resolve("setup.log").toFile()).start();
        if (!setup.waitFor(60, TimeUnit.SECONDS) || setup.exitValue() != 0) {
            throw new IllegalStateException("jetty base setup failed: " + Files.readString(base.resolve("setup.log")));
        }
        Files.copy(war, base.resolve("webapps").resolve("ROOT.war"), StandardCopyOption.REPLACE_EXISTING);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        if (settings.stream().noneMatch(s -> s.startsWith("blockchain.dataDir="))) {
            command.add("-Dblockchain.dataDir=" + data);
        }
        settings.forEach(s -> command.add("-D" + s));
        command.addAll(List.of("-jar", home.resolve("start.jar").toString(), "jetty.http.port=" + port, "jetty.http.host=127.0.0.1"));
        long launched = System.nanoTime();
        Process server = new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(base.resolve("server.log").toFile()).start();
        StockJetty starting = new StockJetty(server, "http://127.0.0.1:" + port, base, data, Double.NaN);
        long deadline = launched + TimeUnit.SECONDS.toNanos(60);
        while (!starting.answers()) {
            if (System.nanoTime() > deadline || !server.isAlive()) {
                starting.close();
                throw new IllegalStateException("Jetty did not start the node");
            }
            Thread.sleep(20);
        }
        return new StockJetty(server, starting.url(), base, data, (System.nanoTime() - launched) / 1e9);
    }

    /** The node's own start (listener to started), as its log line says, in seconds; NaN if not found. */
    double nodeStartSeconds() throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("started at \\S+ in ([0-9.]+) s")
                .matcher(Files.readString(base.resolve("server.log")));
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url + "/status").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path jettyHome() throws IOException {
        try (DirectoryStream<Path> homes = Files.newDirectoryStream(Path.of("target", "servers"), "jetty-home-*")) {
            for (Path home : homes) {
                return home.toAbsolutePath();
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // said below
        }
        throw new IllegalStateException("no jetty-home in target/servers: mvn -Pbench verify unpacks it");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        TestNode.deleteRecursively(base);
        TestNode.deleteRecursively(data);
    }
}
