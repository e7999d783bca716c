package io.learnchain.peer;

import io.learnchain.chain.Block;
import io.learnchain.chain.InvalidChainException;
import io.learnchain.json.Json;
import io.learnchain.json.JsonReader;
import io.learnchain.json.JsonSyntaxException;
import org.apache.hc.client5.http.HttpHostConnectException;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonWriter;
import io.learnchain.json.StreamingList;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpHead;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.logging.Logger;

/**
 * Fetches peers' chains over one pooled HTTP client, kept for the node's life. Every read is
 * bounded: connect and read timeouts, a cap on the answer's size and on each block's size
 * enforced while reading, the round's shared memory budget, a cap on JSON nesting, no redirects.
 * An answer past a cap is cut off (the connection is dropped, not drained). A caller bounds the
 * whole exchange by cancelling the request and interrupting the fetching thread, which stops
 * the parsing too.
 *
 * <p>What a failure reports to callers is the outcome kind and a fixed description; the
 * low-level cause (refused, reset, the peer's bytes) goes to the node's log only, so the API
 * cannot be used to probe other hosts' ports.
 *
 * <p>Thread-safe.
 */
public final class PeerClient implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PeerClient.class.getName());

    /** The header of a {@code /chain} answer that names the node answering: a node that reaches itself can tell. */
    public static final String NODE_ID_HEADER = "Blockchain-Node-Id";

    private final PeerSettings settings;
    private final String ownNodeId;
    private final CloseableHttpClient http;

    /** A peer's chain as received: well-formed blocks, and the bytes of the round's budget they hold. */
    public record Received(List<Block> blocks, long reservedBytes) {
    }

    /** Where a peer's chain and ours part: the highest block of our locator it holds too (0: none), and its length. */
    public record Located(long index, long length) {
    }

    /** The header that marks a registration as a node introducing itself: the receiver does not introduce itself back. */
    public static final String INTRODUCTION_HEADER = "Blockchain-Introduction";
    private static final int MAX_SMALL_ANSWER = 64 * 1024;
    private static final String NOT_A_CHAIN = "the answer is not a JSON object with a \"chain\" list";

    public PeerClient(PeerSettings settings, String ownNodeId) {
        this.settings = settings;
        this.ownNodeId = ownNodeId;
        Timeout connect = Timeout.of(settings.connectTimeout());
        Timeout read = Timeout.of(settings.responseTimeout());
        // Every peer of a round is asked at once, and several peers may share one host and port
        // (nodes under context paths of one server): the pool must never make one wait for another.
        int connections = Math.max(settings.maxPeers(), 16);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect)
                                .setSocketTimeout(read)
                                .build())
                        .setMaxConnTotal(connections)
                        .setMaxConnPerRoute(connections)
                        .setDnsResolver(settings.addressPolicy().resolver())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(read)
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent("blockchain-node")
                .build();
    }

    /** A GET of the peer's /chain, to pass to {@link #fetchChain}; cancel it to stop the exchange. */
    public static HttpGet chainRequest(String baseUrl) {
        HttpGet get = new HttpGet(baseUrl + "/chain");
        get.setHeader("Accept", "application/json");
        return get;
    }

    /**
     * A GET of the peer's blocks from index {@code from} on ({@code /chain?from=N}). A node that
     * does not know the parameter (the Python node) sends its whole chain: look at the first
     * block's index.
     */
    public static HttpGet rangeRequest(String baseUrl, long from) {
        HttpGet get = new HttpGet(baseUrl + "/chain?from=" + from);
        get.setHeader("Accept", "application/json");
        return get;
    }

    /**
     * Asks a peer where its chain and ours part ({@code POST /peer/locate}), giving the blocks of
     * {@code locator} (see {@code Blockchain.locator}).
     *
     * @throws PeerFailure {@code bad-response} too from a peer that does not speak this protocol (a Python node)
     */
    public Located locate(String baseUrl, List<Block> locator, Deadline deadline) throws PeerFailure {
        List<Json> entries = new ArrayList<>(locator.size());
        for (Block block : locator) {
            entries.add(JsonObject.builder().put("index", block.index()).put("hash", block.hash()).build());
        }
        byte[] body = JsonWriter.compact(JsonObject.builder().put("locator", new JsonArray(entries)).build());
        JsonObject answer = exchangeSmall(deadline.watch(post(baseUrl + "/peer/locate", body)));
        if (answer.get("index") instanceof JsonNumber index && index.isInteger()
                && answer.get("length") instanceof JsonNumber length && length.isInteger()) {
            try {
                return new Located(index.bigInteger().longValueExact(), length.bigInteger().longValueExact());
            } catch (ArithmeticException e) {
                // answered below
            }
        }
        throw new PeerFailure(PeerOutcome.BAD_RESPONSE, "the answer to locate is not {\"index\", \"length\"}");
    }

    /**
     * Sends {@code json} to the peer's {@code path} and returns its answer, a small JSON object.
     *
     * @throws PeerFailure if the peer cannot be reached or does not answer 2xx with a JSON object
     */
    public JsonObject push(String baseUrl, String path, byte[] json, boolean introduction, Deadline deadline) throws PeerFailure {
        HttpPost post = deadline.watch(post(baseUrl + path, json));
        if (introduction) {
            post.setHeader(INTRODUCTION_HEADER, "true");
        }
        return exchangeSmall(post);
    }

    /**
     * Reads the peer's {@code path} (such as {@code /status}), a small JSON object (64 KiB at most).
     *
     * @throws PeerFailure if the peer cannot be reached or does not answer 2xx with a small JSON object
     */
    public JsonObject getSmall(String baseUrl, String path, Deadline deadline) throws PeerFailure {
        HttpGet get = new HttpGet(baseUrl + path);
        get.setHeader("Accept", "application/json");
        return exchangeSmall(deadline.watch(get));
    }

    private static HttpPost post(String url, byte[] json) {
        HttpPost post = new HttpPost(url);
        post.setHeader("Accept", "application/json");
        post.setEntity(new ByteArrayEntity(json, ContentType.APPLICATION_JSON));
        return post;
    }

    /** An exchange whose answer is a small JSON object (64 KiB at most). */
    private JsonObject exchangeSmall(HttpUriRequestBase request) throws PeerFailure {
        try {
            return http.execute(request, response -> {
                int status = response.getCode();
                if (status == 404 || status == 405) {
                    request.cancel();
                    throw new PeerFailureCarrier(new PeerFailure(PeerOutcome.BAD_RESPONSE, "has no " + request.getPath(), true, false));
                }
                if (status == 429) {
                    request.cancel();
                    throw new PeerFailureCarrier(new PeerFailure(PeerOutcome.BAD_RESPONSE, "is busy (HTTP 429)", false, true));
                }
                if (status < 200 || status > 299) {
                    throw abort(request, PeerOutcome.BAD_RESPONSE, "answered HTTP " + status);
                }
                HttpEntity entity = response.getEntity();
                byte[] bytes = entity == null ? new byte[0] : readSmall(request, entity.getContent());
                try {
                    if (JsonReader.parse(bytes, bytes.length, settings.maxJsonDepth(), false) instanceof JsonObject object) {
                        return object;
                    }
                } catch (JsonSyntaxException e) {
                    // answered below
                }
                throw new PeerFailureCarrier(PeerOutcome.BAD_RESPONSE, "the answer is not a JSON object");
            });
        } catch (PeerFailureCarrier e) {
            throw e.failure;
        } catch (IOException | RuntimeException e) {
            throw classify(request, e);
        }
    }

    private static byte[] readSmall(HttpUriRequestBase request, InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_SMALL_ANSWER + 1);
        if (bytes.length > MAX_SMALL_ANSWER) {
            throw abort(request, PeerOutcome.TOO_LARGE, "the answer is over " + MAX_SMALL_ANSWER + " bytes");
        }
        in.close();
        return bytes;
    }

    /**
     * Asks whether a node answers at {@code baseUrl} ({@code HEAD /chain}, answered 2xx). Why a
     * connection failed goes to the log at INFO, never into the failure's detail.
     *
     * @throws PeerFailure {@code self} when the answer comes from this node
     */
    public void probe(String baseUrl, Deadline deadline) throws PeerFailure {
        HttpHead head = deadline.watch(new HttpHead(baseUrl + "/chain"));
        int status;
        try {
            status = http.execute(head, response -> fromThisNode(response) ? -1 : response.getCode());
        } catch (IOException | RuntimeException e) {
            LOG.info(() -> "the new peer " + baseUrl + " does not answer: " + e);
            throw classify(head, e);
        }
        if (status == -1) {
            throw new PeerFailure(PeerOutcome.SELF, "this address is this node's own");
        }
        if (status < 200 || status > 299) {
            LOG.info(() -> "the new peer " + baseUrl + " answered HEAD /chain with HTTP " + status);
            throw new PeerFailure(PeerOutcome.BAD_RESPONSE, "does not answer as a node");
        }
    }

    /**
     * Sends {@code request} and returns the blocks of the answer's {@code chain} list, each
     * well-formed (types checked, hash computed) but not yet checked against its parent. The
     * answer's bytes are reserved in {@code budget}; on success the caller owns the reservation
     * ({@link Received#reservedBytes()}), on failure it is given back here.
     */
    public Received fetchChain(HttpGet request, RoundBudget budget, Deadline deadline) throws PeerFailure {
        deadline.watch(request);
        return fetchChain(request, budget);
    }

    /** As above, the caller cutting the request itself (see {@code Consensus}). */
    public Received fetchChain(HttpGet request, RoundBudget budget) throws PeerFailure {
        long[] reserved = new long[1];
        try {
            List<Block> blocks = http.execute(request, response -> readChain(request, response, budget, reserved));
            return new Received(blocks, reserved[0]);
        } catch (PeerFailureCarrier e) {
            budget.release(reserved[0]);
            throw e.failure;
        } catch (IOException | RuntimeException e) {
            budget.release(reserved[0]);
            throw classify(request, e);
        }
    }

    private PeerFailure classify(HttpUriRequestBase request, Exception e) {
        String peer = request.getRequestUri();
        LOG.fine(() -> "peer " + request.getAuthority() + peer + ": " + e);
        if (e instanceof CancellationException || request.isCancelled() || Thread.currentThread().isInterrupted()) {
            return new PeerFailure(PeerOutcome.TIMEOUT, "no complete answer within the resolve deadline");
        }
        if (e instanceof SocketTimeoutException) {
            return new PeerFailure(PeerOutcome.TIMEOUT, "stopped answering for longer than "
                    + settings.responseTimeout().toMillis() + " ms");
        }
        if (e instanceof AddressPolicy.DeniedAddressException) {
            return new PeerFailure(PeerOutcome.DENIED, "its address is in a network peers may not be in (setting peer.denyNetworks)");
        }
        if (e instanceof HttpHostConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException) {
            return new PeerFailure(PeerOutcome.UNREACHABLE, "could not connect");
        }
        if (e instanceof IOException) {
            return new PeerFailure(PeerOutcome.UNREACHABLE, "the connection failed");
        }
        return new PeerFailure(PeerOutcome.BAD_RESPONSE, "the answer could not be read");
    }

    /** True when the answer names this node as the one that gave it: the address is our own. */
    private boolean fromThisNode(ClassicHttpResponse response) {
        return response.getFirstHeader(NODE_ID_HEADER) != null && ownNodeId.equals(response.getFirstHeader(NODE_ID_HEADER).getValue());
    }

    private List<Block> readChain(HttpGet request, ClassicHttpResponse response, RoundBudget budget, long[] reserved)
            throws IOException {
        int status = response.getCode();
        if (status != 200) {
            LOG.fine(() -> "peer " + request.getRequestUri() + " answered HTTP " + status);
            throw abort(request, PeerOutcome.BAD_RESPONSE, "did not answer with a chain (HTTP status other than 200)");
        }
        if (fromThisNode(response)) {
            throw abort(request, PeerOutcome.SELF, "this address is this node's own");
        }
        HttpEntity entity = response.getEntity();
        long max = settings.maxResponseBytes();
        if (entity == null) {
            throw new PeerFailureCarrier(PeerOutcome.BAD_RESPONSE, NOT_A_CHAIN);
        }
        if (entity.getContentLength() > max) {
            throw abort(request, PeerOutcome.TOO_LARGE,
                    "the answer is " + entity.getContentLength() + " bytes, more than the limit of " + max);
        }
        // Read straight from the socket, a block at a time: what is held is the blocks read so
        // far (reserved in the round's budget), never the answer's bytes as a whole.
        long[] read = new long[1];
        InputStream in = entity.getContent();
        StreamingList.Meter meter = n -> {
            read[0] += n;
            if (read[0] > max) {
                throw abort(request, PeerOutcome.TOO_LARGE, "the answer exceeds the limit of " + max + " bytes");
            }
            stopIfInterrupted();
        };
        List<Block> blocks = new ArrayList<>();
        String invalid = null; // a malformed block; the rest is still read, as broken JSON is the worse fault
        try {
            StreamingList chain = StreamingList.open(in, "chain", settings.maxJsonDepth(), settings.maxBlockBytes(), true, meter);
            Json item;
            while ((item = chain.next()) != null) {
                stopIfInterrupted();
                if (chain.lastItemBytes() > settings.maxBlockBytes()) {
                    throw tooLargeBlock(request, blocks.size() + 1);
                }
                if (invalid == null) {
                    if (!budget.reserve(chain.lastItemBytes())) {
                        throw abort(request, PeerOutcome.TOO_LARGE, "the answers of this round together exceed "
                                + budget.limit() + " bytes (setting blockchain.peer.maxRoundBytes)");
                    }
                    reserved[0] += chain.lastItemBytes();
                    try {
                        blocks.add(Block.fromJson(item));
                    } catch (InvalidChainException e) {
                        invalid = "block at position " + (blocks.size() + 1) + ": " + e.getMessage();
                    }
                }
            }
            chain.finish();
        } catch (StreamingList.ItemTooLargeException e) {
            throw tooLargeBlock(request, blocks.size() + 1);
        } catch (JsonSyntaxException e) {
            LOG.fine(() -> "peer " + request.getRequestUri() + " sent malformed JSON: " + e.getMessage());
            throw abort(request, PeerOutcome.BAD_RESPONSE, NOT_A_CHAIN);
        }
        in.close(); // the answer was read to its end: the connection can be reused
        if (invalid != null) {
            throw new PeerFailureCarrier(PeerOutcome.INVALID, invalid);
        }
        return blocks;
    }

    private PeerFailureCarrier tooLargeBlock(HttpGet request, int position) {
        return abort(request, PeerOutcome.TOO_LARGE, "block at position " + position + " is more than the limit of "
                + settings.maxBlockBytes() + " bytes");
    }

    /**
     * Drops the connection before failing: closing an unfinished answer's stream would read the
     * rest of it (to reuse the connection), and the rest of a hostile answer never ends.
     */
    private static PeerFailureCarrier abort(HttpUriRequestBase request, String outcome, String detail) {
        request.cancel();
        return new PeerFailureCarrier(outcome, detail);
    }

    /** Work on a peer's answer stops when the round no longer wants it (its fetcher is interrupted). */
    private static void stopIfInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("the round ended");
        }
    }

    @Override
    public void close() {
        http.close(CloseMode.IMMEDIATE);
    }

    /** Carries a {@link PeerFailure} out of HttpClient's response handler, which may throw only IOException. */
    private static final class PeerFailureCarrier extends IOException {
        final PeerFailure failure;

        PeerFailureCarrier(String outcome, String detail) {
            this(new PeerFailure(outcome, detail));
        }

        PeerFailureCarrier(PeerFailure failure) {
            super(failure.getMessage());
            this.failure = failure;
        }
    }
}
