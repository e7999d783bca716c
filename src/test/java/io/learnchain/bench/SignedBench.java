package io.learnchain.bench;

import io.learnchain.chain.Block;
import io.learnchain.chain.ProofOfWork;
import io.learnchain.chain.Transaction;
import io.learnchain.it.ChainFiles;
import io.learnchain.it.Http;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.ledger.Signatures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The signed ledger as users meet it, at {@code transfers} transfers in the chain: nodes in other
 * processes (the WAR on a stock Jetty, {@code ledger=signed}, difficulty 1). Prints how long a
 * node holding the chain takes to start, how long a new node takes to join it (a long chain is
 * adopted in validated steps, each within a sync's deadline), and how long a one-block fork takes
 * to be adopted by a resolve while balance reads and posts go on, with the slowest of each.
 */
final class SignedBench {
    private static final int WALLETS = 64;
    private static final int PER_BLOCK = 1000;

    private SignedBench() {
    }

    static void run(int transfers) throws Exception {
        List<Block> chain = ChainFiles.signed(transfers);
        Path war = Path.of(System.getProperty("blockchain.war", "target/blockchain.war"));
        List<String> manual = List.of("blockchain.ledger=signed", "blockchain.difficulty=1", "blockchain.network=manual");
        try (StockJetty a = StockJetty.start(war, with(manual, "blockchain.dataDir=" + ChainFiles.dataDir(chain)), List.of("-Xmx1g"))) {
            System.out.printf("signed, %,d transfers in %,d blocks: a node holding them serves /status %.1f s after its JVM"
                    + " was launched (its own start, every signature verified: %.1f s)%n", transfers, chain.size(),
                    a.startSeconds(), a.nodeStartSeconds());
            join(war, a, chain.size());
            fork(war, manual, a, chain);
        }
    }

    /** A new node registers the one holding the chain and syncs by itself, as a student's would. */
    private static void join(Path war, StockJetty holder, int length) throws Exception {
        try (StockJetty joiner = StockJetty.start(war, List.of("blockchain.ledger=signed", "blockchain.difficulty=1"),
                List.of("-Xmx1g"))) {
            long started = System.nanoTime();
            Http.postJson(joiner.url() + "/nodes/register", "{\"nodes\": [\"" + holder.url() + "\"]}");
            int steps = 0;
            int last = 1;
            while (true) {
                int now = length(joiner.url());
                if (now != last) {
                    steps++;
                    last = now;
                }
                if (now == length) {
                    break;
                }
                if (System.nanoTime() - started > 600_000_000_000L) {
                    System.out.printf("signed: a new node had %,d of %,d blocks after 10 minutes%n", now, length);
                    return;
                }
                Thread.sleep(50);
            }
            System.out.printf("signed: a new node joins the chain in %.1f s (registered, then synced by itself; %d adoptions"
                    + " seen, each a valid chain longer than its own)%n", (System.nanoTime() - started) / 1e9, steps);
        }
    }

    /**
     * A second node holding the chain mines a block of its own; the first mines two with ten
     * transfers; the second resolves and adopts them, dropping its block, while two clients read
     * balances and post transactions to it.
     */
    private static void fork(Path war, List<String> manual, StockJetty a, List<Block> chain) throws Exception {
        try (StockJetty b = StockJetty.start(war, with(manual, "blockchain.dataDir=" + ChainFiles.dataDir(chain)), List.of("-Xmx1g"))) {
            Http.get(b.url() + "/mine");
            Http.get(a.url() + "/mine");
            Http.get(a.url() + "/mine");
            Http.postJson(b.url() + "/nodes/register", "{\"nodes\": [\"" + a.url() + "\"]}");
            KeyPair stranger = Signatures.newKeyPair();
            String address = Signatures.address(stranger.getPublic());
            String post = signedBody(stranger, address, "b".repeat(64), 1, 1); // refused under the writer lock: no funds
            AtomicBoolean going = new AtomicBoolean(true);
            AtomicLong slowestRead = new AtomicLong();
            AtomicLong slowestPost = new AtomicLong();
            AtomicLong calls = new AtomicLong();
            Thread reader = load(going, calls, slowestRead, () -> Http.get(b.url() + "/balances/" + address));
            Thread poster = load(going, calls, slowestPost, () -> Http.postJson(b.url() + "/transactions/new", post));
            Thread.sleep(300);
            long started = System.nanoTime();
            Http.Answer resolved = Http.get(b.url() + "/nodes/resolve");
            double seconds = (System.nanoTime() - started) / 1e9;
            Thread.sleep(300);
            going.set(false);
            reader.join();
            poster.join();
            System.out.printf("signed: a one-block fork adopted by a resolve in %.3f s (%s); meanwhile %,d balance reads and"
                    + " posts, the slowest read %.3f s, the slowest post %.3f s%n", seconds, resolved.message(), calls.get(),
                    slowestRead.get() / 1e9, slowestPost.get() / 1e9);
        }
    }

    private static Thread load(AtomicBoolean going, AtomicLong calls, AtomicLong slowest, Runnable call) {
        Thread thread = new Thread(() -> {
            while (going.get()) {
                long t = System.nanoTime();
                call.run();
                long took = System.nanoTime() - t;
                slowest.accumulateAndGet(took, Math::max);
                calls.incrementAndGet();
            }
        });
        thread.start();
        return thread;
    }

    private static int length(String url) {
        return ((Number) Http.get(url + "/status").json().get("length")).intValue();
    }

    private static List<String> with(List<String> settings, String more) {
        List<String> all = new ArrayList<>(settings);
        all.add(more);
        return all;
    }

    private static String signedBody(KeyPair from, String sender, String to, long amount, long nonce) {
        String signature = Signatures.sign(from.getPrivate(), Signatures.message(sender, to, JsonNumber.of(amount), JsonNumber.of(nonce)));
        return "{\"sender\": \"" + sender + "\", \"recipient\": \"" + to + "\", \"amount\": " + amount + ", \"nonce\": " + nonce
                + ", \"signature\": \"" + signature + "\"}";
    }
}
