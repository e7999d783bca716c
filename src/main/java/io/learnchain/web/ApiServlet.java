package io.learnchain.web;

import io.learnchain.node.Blockchain;
import io.learnchain.node.NodeStoppedException;
import io.learnchain.node.PoolFullException;
import io.learnchain.node.Settings;
import io.learnchain.node.TransactionRefusedException;
import io.learnchain.net.Network;
import io.learnchain.store.StoreException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Set;
import java.util.zip.CRC32C;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The shape every endpoint shares: dispatch on the allowed methods, turn every failure into a JSON
 * {@code {"message": ...}} with a 4xx (or 503 when the disk fails), and write the JSON answer.
 * Subclasses parse, call the node and build the answer; nothing else.
 */
abstract class ApiServlet extends HttpServlet {
    private static final Logger LOG = Logger.getLogger(ApiServlet.class.getName());

    private final Set<String> methods;
    private final String allow;

    /** @param methods the HTTP methods this endpoint answers (HEAD and OPTIONS come with GET) */
    ApiServlet(String... methods) {
        this.methods = Set.of(methods);
        StringBuilder allowed = new StringBuilder(String.join(", ", methods));
        if (this.methods.contains("GET")) {
            allowed.append(", HEAD");
        }
        this.allow = allowed.append(", OPTIONS").toString();
    }

    /** False for the endpoints that answer without a node (the liveness probe): they answer even when it did not start. */
    boolean needsNode() {
        return true;
    }

    /** Serves one request whose method is allowed; endpoints that stream override {@link #stream} instead. */
    Reply handle(HttpServletRequest request) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " streams its answers");
    }

    /**
     * For answers too large to build in memory first: writes the answer itself and returns true,
     * or returns false (the default) to have {@link #handle} called. Failures before anything is
     * written are answered as usual.
     */
    boolean stream(HttpServletRequest request, HttpServletResponse response, boolean withBody) throws IOException {
        return false;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        String startFailure = NodeListener.startFailure(getServletContext());
        if (startFailure != null && needsNode()) {
            write(request, response, new Reply(503, Reply.message(startFailure))); // said once, at SEVERE, at start
            return;
        }
        Reply reply;
        try {
            if (method.equals("OPTIONS")) {
                response.setHeader("Allow", allow);
                response.setStatus(204);
                return;
            }
            boolean head = method.equals("HEAD") && methods.contains("GET");
            if (!methods.contains(method) && !head) {
                response.setHeader("Allow", allow);
                throw new ApiException(405, "Method " + method + " is not allowed on " + request.getServletPath()
                        + "; use " + String.join(" or ", methods));
            }
            if (stream(request, response, !head)) {
                return;
            }
            reply = handle(request);
        } catch (ApiException e) {
            LOG.info(() -> "rejected " + method + " " + request.getRequestURI() + ": " + e.status() + " " + e.getMessage());
            if (e.status() == 503) {
                response.setHeader("Retry-After", "5"); // busy for a moment: try again
            }
            reply = new Reply(e.status(), Reply.message(e.getMessage()));
        } catch (TransactionRefusedException e) {
            LOG.info(() -> "rejected " + method + " " + request.getRequestURI() + ": 400 " + e.getMessage());
            reply = new Reply(400, Reply.message(e.getMessage()));
        } catch (NodeStoppedException e) {
            response.setHeader("Retry-After", "10");
            reply = new Reply(503, Reply.message(e.getMessage()));
        } catch (PoolFullException e) {
            LOG.info(() -> "rejected " + method + " " + request.getRequestURI() + ": 503 " + e.getMessage());
            response.setHeader("Retry-After", "10");
            reply = new Reply(503, Reply.message(e.getMessage()));
        } catch (StoreException e) {
            LOG.log(Level.SEVERE, "storage failed", e);
            response.setHeader("Retry-After", "60");
            reply = new Reply(503, Reply.message("The node cannot write to its storage: " + e.getMessage()));
        }
        byte[] body = Answers.bytes(reply.body());
        if (reply.status() == 200 && (method.equals("GET") || method.equals("HEAD"))) {
            // a cheap validator so that pollers (the status page) skip answers they already have
            String etag = etag(body);
            response.setHeader("ETag", etag);
            if (etag.equals(request.getHeader("If-None-Match"))) {
                response.setStatus(304);
                return;
            }
        }
        write(request, response, reply.status(), body);
    }

    private static String etag(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        return "W/\"" + Long.toHexString(crc.getValue()) + "-" + body.length + "\"";
    }

    /** A JSON answer already written as bytes: 200, and never cached, as every answer about the node's state. */
    static void writeJson(HttpServletResponse response, boolean withBody, byte[] json) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        writeBytes(response, withBody, "application/json", json);
    }

    /** Writes 200 with {@code body} as it is (an answer built from stored encodings, an image): for {@link #stream}. */
    static void writeBytes(HttpServletResponse response, boolean withBody, String contentType, byte[] body) throws IOException {
        response.setStatus(200);
        response.setContentType(contentType);
        response.setContentLength(body.length);
        if (withBody) {
            response.getOutputStream().write(body);
        }
    }

    /** Writes {@code reply} as the answer to {@code request} (its body left out for HEAD). */
    static void write(HttpServletRequest request, HttpServletResponse response, Reply reply) throws IOException {
        write(request, response, reply.status(), Answers.bytes(reply.body()));
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, int status, byte[] body)
            throws IOException {
        if (!bodyWasRead(request)) {
            // refused before its body was read (a wrong method or type, say): read it now, as for
            // a 413, so that the connection stays usable for the client's next request
            JsonBody.drain(request);
        }
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        if (!request.getMethod().equals("HEAD")) {
            response.getOutputStream().write(body);
        }
    }

    private static boolean bodyWasRead(HttpServletRequest request) {
        if (request.getContentLengthLong() == 0) {
            return true;
        }
        try {
            return request.getInputStream().isFinished();
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }

    /** The query parameter {@code limit}: a whole number from 1 to {@code max}, {@code fallback} when absent. */
    static int limit(HttpServletRequest request, int fallback, int max) {
        String text = request.getParameter("limit");
        if (text == null) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(400, "limit must be a whole number from 1 to " + max + ", not '" + text + "'");
    }

    Blockchain blockchain() {
        return NodeListener.blockchain(getServletContext());
    }

    Settings settings() {
        return NodeListener.settings(getServletContext());
    }

    Network network() {
        return NodeListener.network(getServletContext());
    }

    /** What this node is called: the setting {@code name}, else the host, port and context path the request names. */
    String nodeName(HttpServletRequest request) {
        return settings().name() != null ? settings().name()
                : request.getServerName() + ":" + request.getServerPort() + request.getContextPath();
    }

    /**
     * The address this request arrived at, as a peer on that network would reach this node: the
     * socket's local address, not the Host header (which any client may set), except that a
     * loopback name the client used ({@code localhost:5000}) is kept as written.
     */
    static String arrivalUrl(HttpServletRequest request) {
        String path = request.getContextPath();
        String named = request.getServerName();
        String local = request.getLocalAddr();
        boolean overLoopback = local.startsWith("127.") || local.equals("0:0:0:0:0:0:0:1") || local.equals("::1");
        boolean loopbackName = named.equals("localhost") || named.startsWith("127.");
        if (overLoopback && loopbackName && request.getServerPort() == request.getLocalPort()) {
            return request.getScheme() + "://" + named + ":" + request.getLocalPort() + path;
        }
        String host = local;
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return request.getScheme() + "://" + host + ":" + request.getLocalPort() + path;
    }
}
