package io.learnchain.web;

import io.learnchain.chain.ProofOfWork;
import io.learnchain.ledger.NodeKey;
import io.learnchain.ledger.Signatures;
import io.learnchain.ledger.SignedRules;
import io.learnchain.net.Network;
import io.learnchain.node.Blockchain;
import io.learnchain.node.Rules;
import io.learnchain.node.Settings;
import io.learnchain.node.Startup;
import io.learnchain.store.Snapshots;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Starts the node when the web application starts and stops it when it stops: opens the store,
 * the {@link Blockchain} and its {@link Network}, and shares them through the
 * {@link ServletContext}.
 */
public final class NodeListener implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(NodeListener.class.getName());
    private static final String BLOCKCHAIN = Blockchain.class.getName();
    private static final String NETWORK = Network.class.getName();
    private static final String SETTINGS = Settings.class.getName();
    private static final String SNAPSHOTS = Snapshots.class.getName();
    private static final String METRICS = NodeMetrics.class.getName();
    private static final String START_FAILURE = NodeListener.class.getName() + ".startFailure";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        long starting = System.nanoTime();
        ServletContext context = event.getServletContext();
        NodeMetrics metrics = new NodeMetrics();
        context.setAttribute(METRICS, metrics);
        context.addServlet("metrics", new PrometheusMetricsServlet(metrics.registry())).addMapping("/metrics");
        Settings settings;
        Blockchain blockchain;
        try {
            settings = Settings.read(context::getInitParameter, defaultDataDirName(context));
            LOG.info(() -> "data directory " + settings.dataDir() + " (" + settings.dataDirSource() + ")");
            blockchain = Startup.open(settings, metrics::flushed, signed -> signed
                    ? new SignedRules(Signatures.address(NodeKey.loadOrCreate(settings.dataDir()).getPublic()))
                    : Rules.OPEN);
        } catch (IllegalArgumentException e) {
            failed(context, "The node cannot start: " + e.getMessage() + ".");
            return;
        } catch (Startup.Failure e) {
            failed(context, "The node cannot start. " + e.getMessage());
            return;
        }
        try {
            registerStartPeers(blockchain, settings);
            context.setAttribute(SETTINGS, settings);
            context.setAttribute(BLOCKCHAIN, blockchain);
            Network network = new Network(blockchain, settings.peers(), settings.liveNetwork(), settings.syncInterval(),
                    settings.publicUrl(), settings.dataDir());
            context.setAttribute(NETWORK, network);
            context.setAttribute(SNAPSHOTS, new Snapshots(settings.dataDir(), settings.maxSnapshots(), settings.maxSnapshotBytes()));
            metrics.watch(blockchain, network);
        } catch (RuntimeException | Error e) {
            blockchain.close();
            throw e;
        }
        double seconds = (System.nanoTime() - starting) / 1e9;
        LOG.info(() -> String.format(java.util.Locale.ROOT,
                "node %s started at %s/ in %.2f s (chain length %,d, read and checked), data in %s, %d mining threads",
                blockchain.nodeId(), context.getContextPath(), seconds, blockchain.state().length(), blockchain.storeLocation(),
                settings.miningThreads()));
        warmUp();
    }

    /**
     * Keeps the web application up without a node, so that the reason is where a user looks:
     * every API request answers 503 with it, {@code /health/ready} too, the page shows it, and
     * the console has it at SEVERE.
     */
    private static void failed(ServletContext context, String reason) {
        LOG.severe(reason);
        context.setAttribute(START_FAILURE, reason);
    }

    /**
     * Runs once, in the background, what the first {@code /mine} would otherwise pay for (about
     * 80 ms on a fresh JVM): the hashing loop compiled by the JIT, and JSON-B's model of the
     * answers built. A few tens of milliseconds of one core, right after start.
     */
    private static void warmUp() {
        Thread warmUp = new Thread(() -> {
            Answers.warmUp();
            new ProofOfWork("100", "0".repeat(64)).search(0, 1 << 18, () -> false);
        }, "node-warm-up");
        warmUp.setDaemon(true);
        warmUp.setPriority(Thread.MIN_PRIORITY);
        warmUp.start();
    }

    /**
     * Registers the peers of setting {@code peers} that are not known yet, as many as
     * {@code maxPeers} leaves room for: too many peers is worth a warning, never a node that
     * will not start.
     */
    private static void registerStartPeers(Blockchain blockchain, Settings settings) {
        List<String> known = blockchain.state().peers();
        List<String> added = new ArrayList<>();
        for (String peer : settings.startPeers()) {
            if (!known.contains(peer) && !added.contains(peer)) {
                added.add(peer);
            }
        }
        int room = Math.max(0, settings.maxPeers() - known.size());
        if (added.size() > room) {
            List<String> skipped = added.subList(room, added.size());
            LOG.warning("not registering " + skipped + " from setting blockchain.peers: the node has " + known.size()
                    + " peers and keeps at most " + settings.maxPeers() + " (setting blockchain.maxPeers); remove some with"
                    + " POST /nodes/remove");
            added = new ArrayList<>(added.subList(0, room));
        }
        if (!added.isEmpty()) {
            blockchain.registerPeers(added, settings.maxPeers());
        }
    }

    /** Stops the node: talking to peers ends first (rounds and syncs under way finish), then the chain and its store close. */
    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        if (context.getAttribute(NETWORK) instanceof Network network) {
            network.close();
        }
        if (context.getAttribute(BLOCKCHAIN) instanceof Blockchain blockchain) {
            blockchain.close();
        }
    }

    /**
     * Names the default data directory so that nodes side by side do not share one: after the
     * port under {@code mvn jetty:run} (which sets {@code jetty.http.port}), else after the
     * context path ({@code ROOT}, {@code blockchain}, ...).
     */
    private static String defaultDataDirName(ServletContext context) {
        String port = System.getProperty("jetty.http.port");
        if (port != null && port.matches("\\d+")) {
            return "port-" + port;
        }
        String path = context.getContextPath();
        return path.isEmpty() ? "ROOT" : path.substring(1).replace('/', '#');
    }

    static Blockchain blockchain(ServletContext context) {
        return (Blockchain) context.getAttribute(BLOCKCHAIN);
    }

    static Snapshots snapshots(ServletContext context) {
        return (Snapshots) context.getAttribute(SNAPSHOTS);
    }

    static Network network(ServletContext context) {
        return (Network) context.getAttribute(NETWORK);
    }

    /** Why the node did not start, or null when it did. */
    static String startFailure(ServletContext context) {
        return (String) context.getAttribute(START_FAILURE);
    }

    static NodeMetrics metrics(ServletContext context) {
        return (NodeMetrics) context.getAttribute(METRICS);
    }

    static Settings settings(ServletContext context) {
        return (Settings) context.getAttribute(SETTINGS);
    }
}
