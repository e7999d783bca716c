package io.learnchain.web;

import io.learnchain.net.Network;
import io.learnchain.node.Blockchain;
import io.learnchain.node.NodeState;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The node's metrics for {@code GET /metrics} (Prometheus text format): the JVM's, the node's own
 * and the HTTP requests'. Gauges and counters read the node when scraped, from the same sources
 * {@code /status} shows, so the two always agree; only the latency histograms are fed as things
 * happen. One registry per node, so that two nodes in one server keep their figures apart.
 */
final class NodeMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Histogram flushes;
    private final Histogram requests;

    NodeMetrics() {
        JvmMetrics.builder().register(registry);
        flushes = Histogram.builder()
                .name("blockchain_store_flush_seconds")
                .help("Time one group commit took to write and fdatasync the journal")
                .unit(Unit.SECONDS)
                .classicExponentialUpperBounds(0.0001, 2, 14)
                .withoutExemplars()
                .register(registry);
        requests = Histogram.builder()
                .name("http_server_request_duration_seconds")
                .help("HTTP requests by endpoint (the servlet mapping), method and status, and how long they took")
                .unit(Unit.SECONDS)
                .labelNames("endpoint", "method", "status")
                .classicOnly()
                .withoutExemplars()
                .register(registry);
    }

    PrometheusRegistry registry() {
        return registry;
    }

    /** Registers what the node and its network report; call once, after both exist. */
    void watch(Blockchain blockchain, Network network) {
        gauge("blockchain_chain_length", "Blocks in this node's chain", blockchain, NodeState::length);
        gauge("blockchain_pending_transactions", "Transactions waiting for a block", blockchain, s -> s.pending().size());
        gauge("blockchain_pending_bytes", "Bytes of transactions waiting for a block", blockchain, NodeState::pendingBytes);
        gauge("blockchain_peers", "Registered peers", blockchain, s -> s.peers().size());
        counter("blockchain_blocks_mined_total", "Blocks this node mined", () -> blockchain.activity().blocksMined());
        counter("blockchain_blocks_received_total", "Blocks peers pushed that extended this node's chain",
                () -> blockchain.activity().blocksReceived());
        counter("blockchain_chain_replacements_total", "Longer chains adopted from peers (resolve and sync)",
                () -> blockchain.activity().chainsAdopted());
        counter("blockchain_proof_attempts_total", "Proofs of work tried", () -> blockchain.activity().proofAttempts());
        counter("blockchain_messages_sent_total", "Blocks and transactions pushed to peers", () -> network.traffic().messagesSent());
        counter("blockchain_messages_dropped_total", "Pushes dropped from full outboxes", () -> network.traffic().messagesDropped());
        counter("blockchain_sync_blocks_total", "Blocks fetched from peers by syncs", () -> network.traffic().blocksSynced());
        labelled("blockchain_peer_outcomes_total", "Peers' outcomes in resolve rounds, by kind", "outcome",
                () -> network.traffic().peerOutcomes());
        labelled("blockchain_blocks_pushed_total", "Blocks peers pushed, by what became of them", "receipt",
                () -> network.traffic().blocksReceived());
        labelled("blockchain_transactions_pushed_total", "Transactions peers pushed, by what became of them", "receipt",
                () -> network.traffic().transactionsReceived());
    }

    void flushed(long nanos) {
        flushes.observe(nanos / 1e9);
    }

    void requested(String endpoint, String method, int status, long nanos) {
        requests.labelValues(endpoint, method, Integer.toString(status)).observe(nanos / 1e9);
    }

    private void gauge(String name, String help, Blockchain blockchain, ToLongFunction<NodeState> value) {
        GaugeWithCallback.builder().name(name).help(help)
                .callback(callback -> callback.call(value.applyAsLong(blockchain.state())))
                .register(registry);
    }

    private void counter(String name, String help, LongSupplier value) {
        CounterWithCallback.builder().name(name).help(help)
                .callback(callback -> callback.call(value.getAsLong()))
                .register(registry);
    }

    private void labelled(String name, String help, String label, Supplier<Map<String, Long>> counts) {
        CounterWithCallback.builder().name(name).help(help).labelNames(label)
                .callback(callback -> counts.get().forEach((kind, count) -> callback.call(count, kind)))
                .register(registry);
    }
}
