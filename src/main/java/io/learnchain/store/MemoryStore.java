package io.learnchain.store;

import io.learnchain.chain.Block;
import io.learnchain.chain.Transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A store in memory, for tests: every change is "durable" at once, and a new node opened on the
 * same instance sees what the previous one recorded, as after a clean restart.
 */
public final class MemoryStore implements NodeStore {
    private String nodeId;
    private final List<Block> chain = new ArrayList<>();
    private final List<Transaction> pending = new ArrayList<>();
    private final List<String> peers = new ArrayList<>();
    private long position;

    @Override
    public synchronized Optional<Contents> load() {
        if (nodeId == null) {
            return Optional.empty();
        }
        return Optional.of(new Contents(nodeId, List.copyOf(chain), List.copyOf(pending), List.copyOf(peers)));
    }

    @Override
    public synchronized long initialize(String nodeId, Block genesis) {
        this.nodeId = nodeId;
        chain.clear();
        chain.add(genesis);
        return ++position;
    }

    @Override
    public synchronized long addPending(Transaction transaction) {
        pending.add(transaction);
        return ++position;
    }

    @Override
    public synchronized long appendBlock(Block block) {
        chain.add(block);
        pending.clear();
        return ++position;
    }

    @Override
    public synchronized long replaceChain(List<Block> newChain, List<Transaction> newPending) {
        chain.clear();
        chain.addAll(newChain);
        pending.clear();
        pending.addAll(newPending);
        return ++position;
    }

    @Override
    public synchronized long addPeers(List<String> newPeers) {
        peers.addAll(newPeers);
        return ++position;
    }

    @Override
    public void awaitDurable(long position) {
        // Memory holds every change as soon as it is recorded.
    }

    @Override
    public String location() {
        return "memory";
    }

    @Override
    public void close() {
    }
}
