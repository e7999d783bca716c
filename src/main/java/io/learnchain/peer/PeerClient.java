package io.learnchain.peer;

import io.learnchain.chain.Block;
import io.learnchain.chain.InvalidChainException;
import io.learnchain.json.Json;
import io.learnchain.json.JsonReader;
import io.learnchain.json.JsonSyntaxException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Fetches peers' chains over one pooled HTTP client, kept for the node's life. Every read is
 * bounded: connect and read timeouts, a cap on the answer's size enforced while reading, a cap on
 * JSON nesting, no redirects. A caller bounds the whole exchange by cancelling the request.
 *
 * <p>Thread-safe.
 */
public final class PeerClient implements AutoCloseable {
    private final PeerSettings settings;
    private final CloseableHttpClient http;

    public PeerClient(PeerSettings settings) {
        this.settings = settings;
        Timeout connect = Timeout.of(settings.connectTimeout());
        Timeout read = Timeout.of(settings.responseTimeout());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect)
                                .setSocketTimeout(read)
                                .build())
                        .setMaxConnTotal(256)
                        .setMaxConnPerRoute(4)
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
    static HttpGet chainRequest(String baseUrl) {
        HttpGet get = new HttpGet(baseUrl + "/chain");
        get.setHeader("Accept", "application/json");
        return get;
    }

    /**
     * Sends {@code request} and returns the blocks of the answer's {@code chain} list, each
     * well-formed (types checked, hash computed) but not yet checked against its parent. The
     * list is read a block at a time, so a long chain never exists as one JSON tree.
     */
    List<Block> fetchChain(HttpGet request) throws PeerFailure {
        try {
            return http.execute(request, this::readChain);
        } catch (PeerFailureCarrier e) {
            throw e.failure;
        } catch (SocketTimeoutException e) {
            throw new PeerFailure(PeerOutcome.TIMEOUT, "no answer in time (" + e.getMessage() + ")");
        } catch (HttpHostConnectException | UnknownHostException | NoRouteToHostException e) {
            throw new PeerFailure(PeerOutcome.UNREACHABLE, e.getMessage());
        } catch (IOException e) {
            if (request.isCancelled()) {
                throw new PeerFailure(PeerOutcome.TIMEOUT, "no complete answer within the resolve deadline");
            }
            throw new PeerFailure(PeerOutcome.UNREACHABLE, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private List<Block> readChain(ClassicHttpResponse response) throws IOException {
        int status = response.getCode();
        if (status != 200) {
            throw new PeerFailureCarrier(PeerOutcome.BAD_RESPONSE, "answered HTTP " + status);
        }
        byte[] body = readCapped(response.getEntity());
        List<Block> blocks = new ArrayList<>();
        String invalid = null; // a malformed block; the rest is still read, as broken JSON is the worse fault
        try {
            JsonReader.ListCursor chain = JsonReader.openList(body, body.length, settings.maxJsonDepth(), "chain", true);
            Json item;
            while ((item = chain.next()) != null) {
                if (invalid == null) {
                    try {
                        blocks.add(Block.fromJson(item));
                    } catch (InvalidChainException e) {
                        invalid = "block at position " + (blocks.size() + 1) + ": " + e.getMessage();
                    }
                }
            }
            chain.finish();
        } catch (JsonSyntaxException e) {
            throw new PeerFailureCarrier(PeerOutcome.BAD_RESPONSE, "not a JSON object with a \"chain\" list: " + e.getMessage());
        }
        if (invalid != null) {
            throw new PeerFailureCarrier(PeerOutcome.INVALID, invalid);
        }
        return blocks;
    }

    private byte[] readCapped(HttpEntity entity) throws IOException {
        long max = settings.maxResponseBytes();
        if (entity == null) {
            return new byte[0];
        }
        if (entity.getContentLength() > max) {
            throw new PeerFailureCarrier(PeerOutcome.TOO_LARGE,
                    "the answer is " + entity.getContentLength() + " bytes, more than the limit of " + max);
        }
        try (InputStream in = entity.getContent()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16384];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > max) {
                    throw new PeerFailureCarrier(PeerOutcome.TOO_LARGE, "the answer exceeds the limit of " + max + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
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
            super(detail);
            this.failure = new PeerFailure(outcome, detail);
        }
    }
}
