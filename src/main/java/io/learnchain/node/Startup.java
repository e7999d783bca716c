package io.learnchain.node;

import io.learnchain.chain.Block;
import io.learnchain.chain.ChainValidator;
import io.learnchain.chain.InvalidChainException;
import io.learnchain.store.CorruptStoreException;
import io.learnchain.store.FileStore;
import io.learnchain.store.NetworkRecord;
import io.learnchain.store.StoreException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.logging.Logger;

/**
 * Opens the node's data directory for a start, or says in one sentence why it cannot and the
 * way out. A chain that does not meet the node's network settings (difficulty, ledger mode) is
 * told apart from damaged data: the directory records the settings it was made under
 * ({@link NetworkRecord}), and a directory from before that record is asked which settings its
 * chain does meet.
 */
public final class Startup {
    private static final Logger LOG = Logger.getLogger(Startup.class.getName());

    private Startup() {
    }

    /** Makes the ledger mode's rules (the signed mode reads or makes the node's key in the data directory). */
    public interface RulesMaker {
        Rules make(boolean signed) throws IOException;
    }

    /** Why the node cannot start: one sentence that names the problem and the way out. */
    public static final class Failure extends Exception {
        Failure(String sentence, Throwable cause) {
            super(sentence, cause);
        }
    }

    /**
     * Opens the store and the chain in {@code settings.dataDir()}, recording the network settings
     * there once the chain is known to meet them.
     *
     * @param flushed told how long each group commit took, as {@link FileStore} does
     */
    public static Blockchain open(Settings settings, LongConsumer flushed, RulesMaker rulesMaker) throws Failure {
        Path dir = settings.dataDir().toAbsolutePath();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new Failure("The data directory " + dir + " is a file, not a directory: give the node another one with the"
                    + " setting blockchain.dataDir, or move that file away.", null);
        }
        FileStore store;
        try {
            store = new FileStore(dir, flushed);
        } catch (CorruptStoreException e) {
            throw new Failure(e.getMessage(), e);
        } catch (StoreException e) {
            throw new Failure(e.getMessage() + ": stop the node that uses it, or give this one another data directory with the"
                    + " setting blockchain.dataDir.", e);
        }
        NetworkRecord wanted = new NetworkRecord(settings.difficulty(), settings.signedLedger() ? "signed" : "open");
        Optional<NetworkRecord> recorded = NetworkRecord.read(dir);
        Blockchain blockchain;
        try {
            Rules rules;
            try {
                rules = rulesMaker.make(settings.signedLedger());
            } catch (IOException e) {
                throw new Failure("The node's key in " + dir + " cannot be used (" + e.getMessage() + "): restore it from a"
                        + " backup, or give the node another data directory with the setting blockchain.dataDir.", e);
            }
            try {
                blockchain = new Blockchain(store, settings.miningThreads(),
                        new PoolLimits(settings.maxPending(), settings.maxPendingBytes(), settings.maxBlockBytes()),
                        settings.difficulty(), rules, new SideBranches(settings.maxSideBlocks(), settings.maxSideBytes()),
                        settings.genesisTime());
            } catch (InvalidChainException e) {
                throw new Failure(explain(dir, store.load().orElseThrow().chain(), recorded, wanted, e), e);
            } catch (StoreException e) {
                throw new Failure("The node cannot write to its data directory: " + e.getMessage() + ". Check the directory"
                        + " and its disk, or give the node another one with the setting blockchain.dataDir.", e);
            }
        } catch (Failure | RuntimeException | Error e) {
            store.close(); // else the directory stays locked, and a start with the cause fixed cannot take it
            throw e;
        }
        try {
            if (recorded.isPresent() && !recorded.get().equals(wanted)) {
                LOG.warning("The data in " + dir + " was made with " + describe(recorded.get()) + " and this node is set to "
                        + describe(wanted) + ": its chain meets the new settings too, so it starts, but peers still on the old"
                        + " settings will refuse what it mines.");
            }
            if (!recorded.equals(Optional.of(wanted))) {
                wanted.write(dir);
            }
        } catch (RuntimeException e) {
            blockchain.close();
            throw e;
        }
        return blockchain;
    }

    private static String describe(NetworkRecord record) {
        return "difficulty " + record.difficulty() + ", ledger " + record.ledger();
    }

    /**
     * Why a stored chain that failed its check cannot be used: the settings it was made under,
     * when it meets those and not these; else it is damaged.
     */
    private static String explain(Path dir, List<Block> chain, Optional<NetworkRecord> recorded, NetworkRecord wanted,
                                  InvalidChainException problem) {
        String wayOut = ", or give it another data directory (setting blockchain.dataDir), or delete " + dir
                + " to start that directory afresh.";
        if (meets(chain, wanted.difficulty())) {
            if (wanted.ledger().equals("signed")) {
                return "The chain in " + dir + " was made in the open ledger mode and this node is set to ledger=signed"
                        + " (setting blockchain.ledger), whose rules it does not meet (" + problem.getMessage() + "): start it"
                        + " with blockchain.ledger=open" + wayOut;
            }
        } else {
            int made = recorded.map(NetworkRecord::difficulty).filter(d -> d < wanted.difficulty() && meets(chain, d))
                    .orElseGet(() -> highestDifficultyMet(chain, wanted.difficulty()));
            if (made > 0) {
                return "The chain in " + dir + " was mined for difficulty " + made + " and this node is set to difficulty "
                        + wanted.difficulty() + " (setting blockchain.difficulty), which its blocks do not meet: start it with"
                        + " blockchain.difficulty=" + made + " (-Dblockchain.difficulty=" + made + ")" + wayOut;
            }
        }
        return "The chain stored in " + dir + " is invalid: " + problem.getMessage() + ". " + CorruptStoreException.recovery(dir);
    }

    /** The highest difficulty below {@code below} that the chain meets, or 0 if none. */
    private static int highestDifficultyMet(List<Block> chain, int below) {
        for (int d = below - 1; d >= 1; d--) {
            if (meets(chain, d)) {
                return d;
            }
        }
        return 0;
    }

    /** True if the chain is valid at {@code difficulty} under the open ledger's rules. */
    private static boolean meets(List<Block> chain, int difficulty) {
        if (difficulty < 1) {
            return false;
        }
        try {
            ChainValidator.validate(chain, difficulty);
            return true;
        } catch (InvalidChainException e) {
            return false;
        }
    }
}
