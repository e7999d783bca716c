package io.learnchain.web;

import io.learnchain.chain.InvalidChainException;
import io.learnchain.chain.ProofOfWork;
import io.learnchain.ledger.NodeKey;
import io.learnchain.ledger.Signatures;
import io.learnchain.ledger.SignedRules;
import io.learnchain.net.Network;
import io.learnchain.node.Blockchain;
import io.learnchain.node.PoolLimits;
import io.learnchain.node.Rules;
import io.learnchain.node.Settings;
import io.learnchain.store.CorruptStoreException;
import io.learnchain.store.FileStore;
import io.learnchain.store.NodeStore;
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
    private static final String METRICS = NodeMetrics.class.getName();

    @Override
    public void contextInitialized(ServletContextEvent event) {
        long starting = System.nanoTime();
        ServletContext context = event.getServletContext();
        Settings settings = Settings.read(context::getInitParameter, defaultDataDirName(context));
        LOG.info(() -> "data directory " + settings.dataDir() + " (" + settings.dataDirSource() + ")");
        NodeMetrics metrics = new NodeMetrics();
        NodeStore store = new FileStore(settings.dataDir(), metrics::flushed);
        Blockchain blockchain;
        try {
            Rules rules = settings.signedLedger()
                    ? new SignedRules(Signatures.address(NodeKey.loadOrCreate(settings.dataDir()).getPublic()))
                    : Rules.OPEN;
            blockchain = new Blockchain(store, settings.miningThreads(),
                    new PoolLimits(settings.maxPending(), settings.maxPendingBytes(), settings.maxBlockBytes()), settings.difficulty(),
                    rules);
        } catch (InvalidChainException e) {
            store.close();
            throw new IllegalStateException("The chain stored in " + settings.dataDir() + " is invalid: " + e.getMessage()
                    + ". " + CorruptStoreException.recovery(settings.dataDir()), e);
        } catch (java.io.IOException e) {
            store.close();
            throw new IllegalStateException("The node's key in " + settings.dataDir() + " cannot be used: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            store.close(); // else the directory stays locked, and a redeploy with the cause fixed cannot start
            throw e;
        }
        try {
            registerStartPeers(blockchain, settings);
            context.setAttribute(SETTINGS, settings);
            context.setAttribute(BLOCKCHAIN, blockchain);
            Network network = new Network(blockchain, settings.peers(), settings.liveNetwork(), settings.syncInterval(),
                    settings.publicUrl());
            context.setAttribute(NETWORK, network);
            metrics.watch(blockchain, network);
            context.setAttribute(METRICS, metrics);
            context.addServlet("metrics", new PrometheusMetricsServlet(metrics.registry())).addMapping("/metrics");
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

    static Network network(ServletContext context) {
        return (Network) context.getAttribute(NETWORK);
    }

    static NodeMetrics metrics(ServletContext context) {
        return (NodeMetrics) context.getAttribute(METRICS);
    }

    static Settings settings(ServletContext context) {
        return (Settings) context.getAttribute(SETTINGS);
    }
}
