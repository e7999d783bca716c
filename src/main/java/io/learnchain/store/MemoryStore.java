package io.learnchain.store;

import io.learnchain.chain.Block;
import io.learnchain.chain.Transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A store in memory, for tests: every change is "durable" at once. Closed, it refuses everything
 * as any store does; {@link #reopen} then gives what it recorded to a new node, as a restart
 * would.
 */
public final class MemoryStore implements NodeStore {
    private String nodeId;
    private final List<Block> chain = new ArrayList<>();
    private final List<Transaction> pending = new ArrayList<>();
    private final List<String> peers = new ArrayList<>();
    private long position;
    private boolean closed;

    /** Opens a closed store again, for a new node. */
    public synchronized MemoryStore reopen() {
        closed = false;
        return this;
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreException("the store is closed");
        }
    }

    @Override
    public synchronized Optional<Contents> load() {
        checkOpen();
        if (nodeId == null) {
            return Optional.empty();
        }
        return Optional.of(new Contents(nodeId, List.copyOf(chain), List.copyOf(pending), List.copyOf(peers)));
    }

    @Override
    public synchronized long initialize(String nodeId, Block genesis) {
        checkOpen();
        this.nodeId = nodeId;
        chain.clear();
        chain.add(genesis);
        return ++position;
    }

    @Override
    public synchronized long addPending(Transaction transaction) {
        checkOpen();
        pending.add(transaction);
        return ++position;
    }

    @Override
    public synchronized long appendBlock(Block block) {
        checkOpen();
        chain.add(block);
        List<Transaction> left = Transaction.without(List.copyOf(pending), block.transactions());
        pending.clear();
        pending.addAll(left);
        return ++position;
    }

    @Override
    public synchronized long replaceChain(List<Block> newChain, int kept, List<Transaction> newPending) {
        checkOpen();
        chain.clear();
        chain.addAll(newChain);
        pending.clear();
        pending.addAll(newPending);
        return ++position;
    }

    @Override
    public synchronized long addPeers(List<String> newPeers) {
        checkOpen();
        peers.addAll(newPeers);
        return ++position;
    }

    @Override
    public synchronized long removePeers(List<String> removed) {
        checkOpen();
        peers.removeAll(removed);
        return ++position;
    }

    @Override
    public synchronized void awaitDurable(long position) {
        checkOpen();
        // Memory holds every change as soon as it is recorded.
    }

    @Override
    public synchronized String problem() {
        return closed ? "the store is closed" : null;
    }

    @Override
    public String location() {
        return "memory";
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
