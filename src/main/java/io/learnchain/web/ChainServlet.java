package io.learnchain.web;

import io.learnchain.chain.Block;
import io.learnchain.node.NodeState;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * {@code GET /chain}: the whole chain, blocks exactly as they hash. Each block's encoding is
 * made once and the answer is streamed from those bytes; gzip when the client accepts it.
 */
public final class ChainServlet extends ApiServlet {
    private static final byte[] HEAD = "{\"chain\":[".getBytes(StandardCharsets.US_ASCII);

    public ChainServlet() {
        super("GET");
    }

    @Override
    boolean stream(HttpServletRequest request, HttpServletResponse response, boolean withBody) throws IOException {
        NodeState state = blockchain().state();
        List<Block> chain = state.chain();
        byte[] tail = ("],\"length\":" + chain.size() + "}").getBytes(StandardCharsets.US_ASCII);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Vary", "Accept-Encoding");
        boolean gzip = acceptsGzip(request);
        if (gzip) {
            response.setHeader("Content-Encoding", "gzip");
        } else {
            long length = HEAD.length + tail.length + Math.max(0, chain.size() - 1);
            for (Block block : chain) {
                length += block.compactJson().length;
            }
            response.setContentLengthLong(length);
        }
        if (!withBody) {
            return true;
        }
        OutputStream out = gzip ? new FastGzip(response.getOutputStream()) : response.getOutputStream();
        out.write(HEAD);
        for (int i = 0; i < chain.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(chain.get(i).compactJson());
        }
        out.write(tail);
        if (gzip) {
            out.close();
        }
        return true;
    }

    private static boolean acceptsGzip(HttpServletRequest request) {
        String accept = request.getHeader("Accept-Encoding");
        if (accept == null) {
            return false;
        }
        for (String part : accept.split(",")) {
            String[] coding = part.strip().split(";");
            if (coding[0].strip().equalsIgnoreCase("gzip") && !(coding.length > 1 && coding[1].strip().matches("q=0(\\.0*)?"))) {
                return true;
            }
        }
        return false;
    }

    /** gzip at the fastest level: a chain compresses about fivefold even so, at a fraction of the CPU. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
