package io.learnchain.it;

import io.learnchain.chain.Block;
import io.learnchain.chain.ChainValidator;
import io.learnchain.chain.ProofOfWork;
import io.learnchain.chain.Transaction;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonReader;
import io.learnchain.ledger.Signatures;
import io.learnchain.store.FileStore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Long chains for tests and benchmarks: made once, cached one block a line under target/, put in a node's data directory. */
public final class ChainFiles {
    private static final int WALLETS = 64;
    private static final int PER_BLOCK = 1000;

    private ChainFiles() {
    }

    /** A chain cached one block a line, checked at {@code difficulty}. */
    public static List<Block> read(Path cache, int difficulty) throws Exception {
        List<Block> chain = new ArrayList<>();
        try (var lines = Files.lines(cache, StandardCharsets.US_ASCII)) {
            for (String line : (Iterable<String>) lines::iterator) {
                chain.add(Block.fromJson(JsonReader.parse(line.getBytes(StandardCharsets.US_ASCII), 64)));
            }
        }
        ChainValidator.validate(chain, difficulty);
        return chain;
    }

    /** Caches {@code chain} one block a line. */
    public static void write(Path cache, List<Block> chain) throws Exception {
        Files.createDirectories(cache.getParent());
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(cache))) {
            for (Block block : chain) {
                out.write(block.compactJson());
                out.write('\n');
            }
        }
    }

    /** A node's data directory holding {@code chain}, as if it had mined it; each a node of its own (its own id). */
    public static Path dataDir(List<Block> chain) throws Exception {
        Path dir = Files.createTempDirectory("chain-");
        try (FileStore store = new FileStore(dir)) {
            store.initialize(java.util.UUID.randomUUID().toString().replace("-", ""), chain.get(0));
            store.replaceChain(chain, 1, List.of());
        }
        return dir;
    }

    /**
     * A signed chain at difficulty 1 holding {@code transfers} transfers, {@value #PER_BLOCK} a
     * block, made once and cached under target/bench: {@value #WALLETS} wallets, each paid one
     * reward, pass 1 around a ring, so every transfer is funded in its place.
     */
    public static List<Block> signed(int transfers) throws Exception {
        Path cache = Path.of("target", "chains", "signed-" + transfers + ".jsonl");
        if (Files.exists(cache)) {
            return read(cache, 1);
        }
        System.out.printf("signing %,d transfers once (cached in %s)...%n", transfers, cache);
        KeyPair[] wallets = new KeyPair[WALLETS];
        String[] addresses = new String[WALLETS];
        for (int i = 0; i < WALLETS; i++) {
            wallets[i] = Signatures.newKeyPair();
            addresses[i] = Signatures.address(wallets[i].getPublic());
        }
        Transaction[] signed = new Transaction[transfers];
        IntStream.range(0, transfers).parallel().forEach(t -> {
            int from = t % WALLETS;
            int to = (from + 1) % WALLETS;
            long nonce = t / WALLETS + 1;
            String signature = Signatures.sign(wallets[from].getPrivate(),
                    Signatures.message(addresses[from], addresses[to], JsonNumber.of(1), JsonNumber.of(nonce)));
            signed[t] = new Transaction(JsonObject.builder().put("sender", addresses[from]).put("recipient", addresses[to])
                    .put("amount", 1).put("nonce", nonce).put("signature", signature).build());
        });
        List<Block> chain = new ArrayList<>();
        chain.add(Block.genesis(1764000000.123456));
        for (int i = 0; i < WALLETS; i++) {
            chain.add(next(chain, List.of(Transaction.reward(addresses[i]))));
        }
        for (int first = 0; first < transfers; first += PER_BLOCK) {
            List<Transaction> txs = new ArrayList<>(List.of(signed).subList(first, Math.min(transfers, first + PER_BLOCK)));
            txs.add(Transaction.reward(addresses[0]));
            chain.add(next(chain, txs));
        }
        write(cache, chain);
        return chain;
    }

    private static Block next(List<Block> chain, List<Transaction> txs) {
        Block parent = chain.get(chain.size() - 1);
        long proof = new ProofOfWork(parent.proof().canonical(), parent.hash(), 1).findSmallest();
        return Block.create(parent.index() + 1, 1764000000.123456 + chain.size() * 9.75, txs, proof, parent.hash());
    }
}
