package io.learnchain.net;

import io.learnchain.chain.Block;
import io.learnchain.chain.InvalidChainException;
import io.learnchain.node.Blockchain;
import io.learnchain.node.DaemonThreads;
import io.learnchain.node.NodeState;
import io.learnchain.node.NodeStoppedException;
import io.learnchain.peer.PeerClient;
import io.learnchain.peer.PeerFailure;
import io.learnchain.peer.PeerOutcome;
import io.learnchain.peer.PeerSettings;
import io.learnchain.peer.PeerStatus;
import io.learnchain.peer.RoundBudget;
import org.apache.hc.client5.http.classic.methods.HttpGet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * The tutorial's consensus: ask every peer for its chain and adopt the longest valid chain that
 * is strictly longer than ours. Peers are asked in parallel and the round ends by a deadline
 * whatever they do; a peer's {@code length} field is ignored (blocks are counted); a chain is
 * validated in full before anything changes.
 *
 * <p><b>One round at a time.</b> A resolve asked for while a round is under way gets that
 * round's result instead of starting another, so callers cannot multiply the work, the threads
 * or the memory (at most {@link PeerSettings#maxRoundBytes()} of answers) a round takes. At the
 * deadline, unfinished exchanges are cut and their parsing stopped, not merely abandoned.
 *
 * <p>Thread-safe. {@link #close} stops the round under way and waits for it to end, so that
 * nothing reaches the node's store after the node has been stopped.
 */
public final class Consensus implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Consensus.class.getName());

    private final Blockchain blockchain;
    private final PeerClient client;
    private final PeerSettings settings;
    private final ThreadPoolExecutor fetchers;
    private final ConcurrentHashMap<String, PeerStatus> statuses = new ConcurrentHashMap<>();
    private final Tally outcomeTally = new Tally();

    /** Guards {@link #current} and {@link #closed}. */
    private final Object rounds = new Object();
    private CompletableFuture<Round> current;
    private boolean closed;
    /** The requests of the round under way, to cut them when the node stops. */
    private final List<HttpGet> inFlight = new ArrayList<>();

    private final java.util.function.Predicate<String> asks;

    /** The result of a round: whether our chain was replaced, and what each peer gave. */
    public record Round(boolean replaced, List<PeerOutcome> peers) {
    }

    /** @param client how to talk to peers; closed by its owner, after this */
    public Consensus(Blockchain blockchain, PeerSettings settings, PeerClient client) {
        this(blockchain, settings, client, peer -> true);
    }

    /** @param asks which peers a round asks (the operator's controls may leave some out) */
    Consensus(Blockchain blockchain, PeerSettings settings, PeerClient client, java.util.function.Predicate<String> asks) {
        this.asks = asks;
        this.blockchain = blockchain;
        this.settings = settings;
        this.client = client;
        // A round asks at most maxPeers peers at once; idle threads go after a while.
        this.fetchers = DaemonThreads.pool("peer-fetch", settings.maxPeers());
    }

    /**
     * One resolve round, or the result of the one under way. Never throws for anything a peer
     * does.
     *
     * @throws NodeStoppedException if the node is stopping
     */
    public Round resolve() {
        CompletableFuture<Round> round;
        boolean leader;
        synchronized (rounds) {
            if (closed) {
                throw new NodeStoppedException();
            }
            leader = current == null;
            if (leader) {
                current = new CompletableFuture<>();
            }
            round = current;
        }
        if (!leader) {
            return round.join(); // the leader completes it whatever happens
        }
        try {
            Round result = runRound();
            round.complete(result);
            return result;
        } catch (RuntimeException | Error e) {
            round.completeExceptionally(e);
            throw e;
        } finally {
            synchronized (rounds) {
                current = null;
                inFlight.clear();
                rounds.notifyAll();
            }
        }
    }

    private Round runRound() {
        NodeState ours = blockchain.state();
        List<String> peers = ours.peers().stream().filter(asks).toList();
        int ourLength = ours.length();
        long started = System.nanoTime();
        long deadline = started + settings.deadline().toNanos();
        long checkUntil = settings.checkUntil(started);
        RoundBudget budget = new RoundBudget(settings.maxRoundBytes());

        List<HttpGet> requests = new ArrayList<>(peers.size());
        List<Future<Answer>> answers = new ArrayList<>(peers.size());
        synchronized (rounds) {
            if (closed) {
                throw new NodeStoppedException();
            }
            for (String peer : peers) {
                HttpGet request = PeerClient.chainRequest(peer);
                requests.add(request);
                inFlight.add(request);
                answers.add(fetchers.submit(() -> fetchLongerChain(request, budget, ourLength, checkUntil)));
            }
        }

        PeerOutcome[] outcomes = new PeerOutcome[peers.size()];
        List<List<Block>> longer = new ArrayList<>(peers.size());
        int[] sent = new int[peers.size()]; // how many blocks each peer with a longer chain sent
        for (int i = 0; i < peers.size(); i++) {
            String peer = peers.get(i);
            longer.add(null);
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                Answer answer = answers.get(i).get(left, TimeUnit.NANOSECONDS);
                if (answer.longerChain() == null) {
                    outcomes[i] = answer.length() == ourLength
                            ? new PeerOutcome(peer, PeerOutcome.EQUAL, answer.length(), "as long as ours (" + ourLength + "): a tie keeps ours")
                            : new PeerOutcome(peer, PeerOutcome.SHORTER, answer.length(), "shorter than ours (" + ourLength + ")");
                } else {
                    longer.set(i, answer.longerChain());
                    sent[i] = answer.length();
                }
            } catch (TimeoutException | CancellationException e) {
                stop(requests.get(i), answers.get(i));
                outcomes[i] = new PeerOutcome(peer, PeerOutcome.TIMEOUT, -1,
                        "no complete answer within " + settings.deadline().toMillis() + " ms");
            } catch (ExecutionException e) {
                outcomes[i] = failureOutcome(peer, e.getCause());
                if (e.getCause() instanceof PeerFailure failure && failure.getCause() instanceof InvalidChainException broken) {
                    PeerBook.reportRefusedChain(blockchain.events(), peer, broken);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                for (int j = i; j < peers.size(); j++) {
                    stop(requests.get(j), answers.get(j));
                    outcomes[j] = new PeerOutcome(peers.get(j), PeerOutcome.TIMEOUT, -1, "interrupted");
                }
                break;
            }
        }

        int best = -1;
        for (int i = 0; i < peers.size(); i++) {
            if (longer.get(i) != null && (best < 0 || longer.get(i).size() > longer.get(best).size())) {
                best = i;
            }
        }
        for (int i = 0; i < peers.size(); i++) {
            if (longer.get(i) != null && i != best) {
                outcomes[i] = new PeerOutcome(peers.get(i), PeerOutcome.SHORTER, longer.get(i).size(),
                        "valid, but another peer's chain is longer");
            }
        }
        boolean replaced = false;
        if (best >= 0) {
            List<Block> chain = longer.get(best);
            replaced = !isClosed() && blockchain.adoptIfLonger(chain, peers.get(best));
            outcomes[best] = replaced
                    ? new PeerOutcome(peers.get(best), PeerOutcome.ADOPTED, sent[best], chain.size() == sent[best]
                    ? "valid and the longest: adopted"
                    : "valid as far as it could be checked in time: its first " + chain.size() + " blocks adopted, the rest at the next round")
                    : new PeerOutcome(peers.get(best), chain.size() == blockchain.state().length() ? PeerOutcome.EQUAL : PeerOutcome.SHORTER,
                    chain.size(), "our chain grew to " + blockchain.state().length() + " blocks meanwhile");
        }
        Instant now = Instant.now();
        List<String> self = new ArrayList<>();
        for (PeerOutcome outcome : outcomes) {
            statuses.compute(outcome.node(), (node, previous) -> PeerStatus.after(previous, outcome, now));
            outcomeTally.add(outcome.outcome());
            if (outcome.outcome().equals(PeerOutcome.SELF)) {
                self.add(outcome.node());
            }
        }
        if (!self.isEmpty() && !isClosed()) {
            LOG.info(() -> "dropping peers that are this node itself: " + self);
            blockchain.removePeers(self);
        }
        return new Round(replaced, List.of(outcomes));
    }

    /** Cuts an exchange and stops the work on its answer. */
    private static void stop(HttpGet request, Future<?> answer) {
        request.cancel();
        answer.cancel(true);
    }

    /** How many peers of all rounds so far had each outcome. */
    Tally outcomes() {
        return outcomeTally;
    }

    /** What the last round said of {@code peer}, or null if no round has asked it yet. */
    public PeerStatus status(String peer) {
        return statuses.get(peer);
    }

    /**
     * A peer's answer: how many blocks it sent and, if more than ours, the validated chain: all
     * of it, or the part checked by the deadline when that is longer than ours too.
     */
    private record Answer(int length, List<Block> longerChain) {
    }

    /** The peer's chain: validated if it is longer than ours, else only counted (and let go). */
    private Answer fetchLongerChain(HttpGet request, RoundBudget budget, int ourLength, long checkUntil) throws PeerFailure {
        PeerClient.Received received = client.fetchChain(request, budget);
        List<Block> chain = received.blocks();
        if (chain.size() <= ourLength) {
            budget.release(received.reservedBytes());
            return new Answer(chain.size(), null);
        }
        try {
            int valid = blockchain.validate(chain, 0, checkUntil);
            if (valid <= ourLength) {
                budget.release(received.reservedBytes());
                throw new PeerFailure(PeerOutcome.TIMEOUT, "its chain of " + chain.size() + " blocks could not be checked within "
                        + settings.deadline().toMillis() + " ms (" + valid + " checked)");
            }
            return new Answer(chain.size(), chain.subList(0, valid));
        } catch (InvalidChainException e) {
            budget.release(received.reservedBytes());
            throw new PeerFailure(PeerOutcome.INVALID, e);
        }
    }

    private static PeerOutcome failureOutcome(String peer, Throwable cause) {
        if (cause instanceof PeerFailure failure) {
            return new PeerOutcome(peer, failure.outcome(), -1, failure.getMessage());
        }
        if (cause instanceof CancellationException) {
            return new PeerOutcome(peer, PeerOutcome.TIMEOUT, -1, "the round ended before the answer was read");
        }
        LOG.warning(() -> "reading peer " + peer + " failed: " + cause);
        return new PeerOutcome(peer, PeerOutcome.BAD_RESPONSE, -1, "the answer could not be read");
    }

    private boolean isClosed() {
        synchronized (rounds) {
            return closed;
        }
    }

    /**
     * Stops the round under way (its exchanges are cut, its parsing interrupted) and waits for
     * it to end, then for the fetching threads; later calls to {@link #resolve} fail.
     */
    @Override
    public void close() {
        synchronized (rounds) {
            closed = true;
            inFlight.forEach(HttpGet::cancel);
        }
        fetchers.shutdownNow();
        long waitUntil = System.nanoTime() + settings.deadline().toNanos() + TimeUnit.SECONDS.toNanos(5);
        try {
            synchronized (rounds) {
                while (current != null) {
                    long left = waitUntil - System.nanoTime();
                    if (left <= 0) {
                        LOG.warning("a resolve round did not end in time; stopping anyway");
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedWait(rounds, left);
                }
            }
            fetchers.awaitTermination(5, TimeUnit.SECONDS); // a server undeploying the WAR must find no thread left
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
