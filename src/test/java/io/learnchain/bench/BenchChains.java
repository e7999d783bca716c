package io.learnchain.bench;

import io.learnchain.chain.Block;
import io.learnchain.chain.ChainValidator;
import io.learnchain.chain.Transaction;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonReader;
import io.learnchain.json.JsonWriter;
import io.learnchain.node.Miner;
import io.learnchain.store.FileStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Long valid chains for benchmarks: mined once (a few transactions a block), kept under target/bench. */
final class BenchChains {
    private BenchChains() {
    }

    static List<Block> chain(int length) throws Exception {
        Path cache = Path.of("target", "bench", "chain-" + length + ".json");
        if (Files.exists(cache)) {
            return ChainValidator.validate((JsonArray) JsonReader.parse(Files.readAllBytes(cache), 64));
        }
        System.out.printf("mining a %d-block chain once for the benchmarks (cached in %s)...%n", length, cache);
        List<Block> chain = new ArrayList<>(length);
        chain.add(Block.genesis(1764000000.123456));
        try (Miner miner = new Miner(Runtime.getRuntime().availableProcessors())) {
            while (chain.size() < length) {
                Block parent = chain.get(chain.size() - 1);
                long proof = miner.search(parent.proof().canonical(), parent.hash(), () -> false);
                List<Transaction> txs = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    txs.add(Transaction.of("sender-" + chain.size(), "recipient-" + i, JsonNumber.parse(i + ".5")));
                }
                txs.add(Transaction.reward("5c1f9a2b3d4e4f60718293a4b5c6d7e8"));
                chain.add(Block.create(parent.index() + 1, 1764000000.123456 + chain.size() * 9.75, txs, proof, parent.hash()));
            }
        }
        Files.createDirectories(cache.getParent());
        Files.write(cache, JsonWriter.compact(Benchmark.blocksJson(chain)));
        return chain;
    }

    /** A node's data directory holding {@code chain}, as if it had mined it. */
    static Path dataDir(List<Block> chain) throws Exception {
        Path dir = Files.createTempDirectory("bench-chain-");
        try (FileStore store = new FileStore(dir)) {
            store.initialize("b3nchb3nchb3nchb3nchb3nchb3nch00", chain.get(0));
            store.replaceChain(chain, List.of());
        }
        return dir;
    }
}
