package io.learnchain.peer;

import io.learnchain.chain.Block;
import io.learnchain.chain.ChainValidator;
import io.learnchain.chain.InvalidChainException;
import io.learnchain.node.Blockchain;
import io.learnchain.node.NodeState;
import org.apache.hc.client5.http.classic.methods.HttpGet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tutorial's consensus: ask every peer for its chain and adopt the longest valid chain that
 * is strictly longer than ours. Peers are asked in parallel and the round ends by a deadline
 * whatever they do; a peer's {@code length} field is ignored (blocks are counted); a chain is
 * validated in full before anything changes.
 *
 * <p>Thread-safe; rounds may overlap, the node's writer decides which chain wins.
 */
public final class Consensus implements AutoCloseable {
    private final Blockchain blockchain;
    private final PeerClient client;
    private final PeerSettings settings;
    private final ExecutorService fetchers;
    private final ConcurrentHashMap<String, PeerStatus> statuses = new ConcurrentHashMap<>();

    /** The result of a round: whether our chain was replaced, and what each peer gave. */
    public record Round(boolean replaced, List<PeerOutcome> peers) {
    }

    /** A peer's answer: how many blocks it sent and, if more than ours, the validated chain. */
    private record Answer(int length, List<Block> longerChain) {
    }

    public Consensus(Blockchain blockchain, PeerSettings settings) {
        this.blockchain = blockchain;
        this.settings = settings;
        this.client = new PeerClient(settings);
        AtomicInteger counter = new AtomicInteger();
        this.fetchers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "peer-fetch-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** One resolve round. Never throws for anything a peer does. */
    public Round resolve() {
        NodeState ours = blockchain.state();
        List<String> peers = ours.peers();
        int ourLength = ours.length();
        long deadline = System.nanoTime() + settings.deadline().toNanos();

        List<HttpGet> requests = new ArrayList<>(peers.size());
        List<Future<Answer>> answers = new ArrayList<>(peers.size());
        for (String peer : peers) {
            HttpGet request = PeerClient.chainRequest(peer);
            requests.add(request);
            answers.add(fetchers.submit(() -> fetchLongerChain(request, ourLength)));
        }

        PeerOutcome[] outcomes = new PeerOutcome[peers.size()];
        List<Block> best = null;
        int bestPeer = -1;
        for (int i = 0; i < peers.size(); i++) {
            String peer = peers.get(i);
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                Answer answer = answers.get(i).get(left, TimeUnit.NANOSECONDS);
                List<Block> chain = answer.longerChain();
                if (chain == null) {
                    outcomes[i] = new PeerOutcome(peer, PeerOutcome.SHORTER, answer.length(), "not longer than ours (" + ourLength + ")");
                } else if (best == null || chain.size() > best.size()) {
                    best = chain;
                    bestPeer = i;
                } else {
                    outcomes[i] = new PeerOutcome(peer, PeerOutcome.SHORTER, chain.size(), "valid, but another peer's chain is longer");
                }
            } catch (TimeoutException e) {
                requests.get(i).cancel();
                answers.get(i).cancel(true);
                outcomes[i] = new PeerOutcome(peer, PeerOutcome.TIMEOUT, -1,
                        "no complete answer within " + settings.deadline().toMillis() + " ms");
            } catch (ExecutionException e) {
                outcomes[i] = failureOutcome(peer, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                requests.forEach(HttpGet::cancel);
                outcomes[i] = new PeerOutcome(peer, PeerOutcome.TIMEOUT, -1, "interrupted");
            }
        }

        boolean replaced = false;
        if (best != null) {
            replaced = blockchain.adoptIfLonger(best);
            outcomes[bestPeer] = replaced
                    ? new PeerOutcome(peers.get(bestPeer), PeerOutcome.ADOPTED, best.size(), "valid and the longest: adopted")
                    : new PeerOutcome(peers.get(bestPeer), PeerOutcome.SHORTER, best.size(),
                    "our chain grew to " + blockchain.state().length() + " blocks meanwhile");
        }
        Instant now = Instant.now();
        for (PeerOutcome outcome : outcomes) {
            statuses.compute(outcome.node(), (node, previous) -> PeerStatus.after(previous, outcome, now));
        }
        return new Round(replaced, List.of(outcomes));
    }

    /** What the last round said of {@code peer}, or null if no round has asked it yet. */
    public PeerStatus status(String peer) {
        return statuses.get(peer);
    }

    /** The peer's chain: validated if it is longer than ours, else only counted. */
    private Answer fetchLongerChain(HttpGet request, int ourLength) throws PeerFailure {
        List<Block> chain = client.fetchChain(request);
        if (chain.size() <= ourLength) {
            return new Answer(chain.size(), null);
        }
        try {
            ChainValidator.validate(chain);
            return new Answer(chain.size(), chain);
        } catch (InvalidChainException e) {
            throw new PeerFailure(PeerOutcome.INVALID, e.getMessage());
        }
    }

    private static PeerOutcome failureOutcome(String peer, Throwable cause) {
        if (cause instanceof PeerFailure failure) {
            return new PeerOutcome(peer, failure.outcome(), -1, failure.getMessage());
        }
        return new PeerOutcome(peer, PeerOutcome.BAD_RESPONSE, -1, "could not be read: " + cause);
    }

    @Override
    public void close() {
        fetchers.shutdownNow();
        client.close();
        try {
            fetchers.awaitTermination(5, TimeUnit.SECONDS); // a server undeploying the WAR must find no thread left
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
