package io.learnchain.it;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The built WAR running in a real Jetty on a free loopback port: one node. */
public final class TestNode implements AutoCloseable {
    private final Server server;
    private final String baseUrl;
    private final Path ownDataDir;

    private TestNode(Server server, String baseUrl, Path ownDataDir) {
        this.server = server;
        this.baseUrl = baseUrl;
        this.ownDataDir = ownDataDir;
    }

    /**
     * The tutorial's network, where nothing moves between nodes until someone resolves: for tests
     * of what resolve itself does.
     */
    public static final Map<String, String> MANUAL = Map.of("blockchain.network", "manual");

    public static TestNode start() {
        return start("/", Map.of());
    }

    /** A node keeping its data in {@code dataDir}, as a restarted node would. */
    public static TestNode start(Path dataDir) {
        return start("/", Map.of("blockchain.dataDir", dataDir.toString()));
    }

    /**
     * Starts a node under {@code contextPath} with the given context parameters; without a
     * {@code blockchain.dataDir} among them it gets a new temporary directory.
     */
    public static TestNode start(String contextPath, Map<String, String> parameters) {
        return start(0, contextPath, parameters);
    }

    /** As {@link #start(String, Map)}, on {@code port} (0 for any free one). */
    public static TestNode start(int port, String contextPath, Map<String, String> parameters) {
        Path ownDataDir = null;
        if (!parameters.containsKey("blockchain.dataDir")) {
            Map<String, String> withDir = new java.util.HashMap<>(parameters);
            try {
                ownDataDir = Files.createTempDirectory("node-");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            withDir.put("blockchain.dataDir", ownDataDir.toString());
            parameters = withDir;
        }
        Path war = Path.of(System.getProperty("blockchain.war", "target/blockchain.war"));
        if (!Files.exists(war)) {
            throw new IllegalStateException("no WAR at " + war.toAbsolutePath() + "; run mvn verify");
        }
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath(contextPath);
        webapp.setWar(war.toString());
        webapp.setThrowUnavailableOnStartupException(true);
        parameters.forEach(webapp::setInitParameter);
        server.setHandler(webapp);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("the node did not start: " + e, e);
        }
        String path = contextPath.equals("/") ? "" : contextPath;
        return new TestNode(server, "http://127.0.0.1:" + connector.getLocalPort() + path, ownDataDir);
    }

    /**
     * Runs a node in this process until it is killed, for tests that need a node they can
     * SIGKILL: {@code TestNode <war or exploded dir> <data dir>}. Prints {@code LISTENING <url>}.
     */
    public static void main(String[] args) throws InterruptedException {
        System.setProperty("blockchain.war", args[0]);
        TestNode node = start("/", Map.of("blockchain.dataDir", args[1]));
        System.out.println("LISTENING " + node.url());
        System.out.flush();
        node.server.join();
    }

    /** The node's base URL, as a peer would register it. */
    public String url() {
        return baseUrl;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (ownDataDir != null) {
            deleteRecursively(ownDataDir);
        }
    }

    /** Deletes a directory tree made by a test. */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
