package io.learnchain.web;

import io.learnchain.chain.InvalidChainException;
import io.learnchain.node.Blockchain;
import io.learnchain.node.Settings;
import io.learnchain.peer.Consensus;
import io.learnchain.store.CorruptStoreException;
import io.learnchain.store.FileStore;
import io.learnchain.store.NodeStore;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

import java.util.logging.Logger;

/**
 * Starts the node when the web application starts and stops it when it stops: opens the store,
 * the {@link Blockchain} and the {@link Consensus} client, and shares them through the
 * {@link ServletContext}.
 */
public final class NodeListener implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(NodeListener.class.getName());
    private static final String BLOCKCHAIN = Blockchain.class.getName();
    private static final String CONSENSUS = Consensus.class.getName();
    private static final String SETTINGS = Settings.class.getName();

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        Settings settings = Settings.read(context::getInitParameter, defaultDataDirName(context));
        LOG.info(() -> "data directory " + settings.dataDir() + " (" + settings.dataDirSource() + ")");
        NodeStore store = new FileStore(settings.dataDir());
        Blockchain blockchain;
        try {
            blockchain = new Blockchain(store, settings.miningThreads(), settings.maxPending());
        } catch (InvalidChainException e) {
            store.close();
            throw new IllegalStateException("The chain stored in " + settings.dataDir() + " is invalid: " + e.getMessage()
                    + ". " + CorruptStoreException.recovery(settings.dataDir()), e);
        }
        if (!settings.startPeers().isEmpty()) {
            blockchain.registerPeers(settings.startPeers(), settings.maxPeers());
        }
        context.setAttribute(SETTINGS, settings);
        context.setAttribute(BLOCKCHAIN, blockchain);
        context.setAttribute(CONSENSUS, new Consensus(blockchain, settings.peers()));
        LOG.info(() -> "node " + blockchain.nodeId() + " started at " + context.getContextPath() + "/, data in "
                + blockchain.storeLocation() + ", " + settings.miningThreads() + " mining threads");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        if (context.getAttribute(CONSENSUS) instanceof Consensus consensus) {
            consensus.close();
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

    static Consensus consensus(ServletContext context) {
        return (Consensus) context.getAttribute(CONSENSUS);
    }

    static Settings settings(ServletContext context) {
        return (Settings) context.getAttribute(SETTINGS);
    }
}
