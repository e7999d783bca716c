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

    private TestNode(Server server, String baseUrl) {
        this.server = server;
        this.baseUrl = baseUrl;
    }

    public static TestNode start() {
        return start("/", Map.of());
    }

    /** Starts a node under {@code contextPath} with the given context parameters. */
    public static TestNode start(String contextPath, Map<String, String> parameters) {
        Path war = Path.of(System.getProperty("blockchain.war", "target/blockchain.war"));
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException("no WAR at " + war.toAbsolutePath() + "; run mvn verify");
        }
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
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
        return new TestNode(server, "http://127.0.0.1:" + connector.getLocalPort() + path);
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
    }
}
