package io.learnchain.bench;

import io.learnchain.chain.Block;
import io.learnchain.it.ChainFiles;
import io.learnchain.chain.ProofOfWork;
import io.learnchain.chain.ChainValidator;
import io.learnchain.chain.Transaction;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonReader;
import io.learnchain.node.Miner;
import io.learnchain.store.FileStore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Long valid chains for benchmarks: mined once (a few transactions a block), kept under target/bench. */
final class BenchChains {
    private BenchChains() {
    }

    /** A valid chain of {@code length} blocks, cached as one block a line. */
    static List<Block> chain(int length) throws Exception {
        return chain(length, ProofOfWork.DIFFICULTY);
    }

    /**
     * A valid chain of {@code length} blocks at {@code difficulty} (a node validates it with the
     * same setting; validating costs the same whatever the difficulty, mining does not).
     */
    static List<Block> chain(int length, int difficulty) throws Exception {
        String name = "chain-" + length + (difficulty == ProofOfWork.DIFFICULTY ? "" : "-d" + difficulty) + ".jsonl";
        Path cache = Path.of("target", "bench", name);
        if (Files.exists(cache)) {
            return ChainFiles.read(cache, difficulty);
        }
        System.out.printf("mining a %d-block chain once for the benchmarks (cached in %s)...%n", length, cache);
        List<Block> chain = new ArrayList<>(length);
        chain.add(Block.genesis(1764000000.123456));
        try (Miner miner = new Miner(Runtime.getRuntime().availableProcessors(), difficulty)) {
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
        ChainFiles.write(cache, chain);
        return chain;
    }
}
