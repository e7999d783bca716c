package io.learnchain.web;

import io.learnchain.chain.Block;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an answer that holds blocks, such as {@code {"chain": [...], "length": n}}, from each
 * block's stored encoding rather than building it in memory first (a block from a peer can be
 * large, a chain long); gzip (fastest level) when the client accepts it.
 */
final class ChainAnswer {
    private ChainAnswer() {
    }

    /**
     * How each block appears in the list: as it is, or as {@code {"hash": ..., "block": ...}}
     * followed by the fields {@code more} writes for it (a JSON object's members, or "" for none).
     */
    record Items(boolean withHashes, Function<Block, String> more) {
        static final Items BLOCKS = new Items(false, block -> "");

        static Items withHashes(Function<Block, String> more) {
            return new Items(true, more);
        }

        byte[] head(Block block) {
            return withHashes ? ("{\"hash\":\"" + block.hash() + "\",\"block\":").getBytes(StandardCharsets.US_ASCII) : EMPTY;
        }

        byte[] tail(Block block) {
            if (!withHashes) {
                return EMPTY;
            }
            String fields = more.apply(block);
            return fields.isEmpty() ? CLOSE : ("," + fields + "}").getBytes(StandardCharsets.UTF_8);
        }
    }

    private static final byte[] EMPTY = {};
    private static final byte[] CLOSE = {'}'};

    /** Writes {@code {<before's fields>, "<key>": [blocks], <after's fields>}} with status 200. */
    static void write(HttpServletRequest request, HttpServletResponse response, boolean withBody,
                      Object before, String key, List<Block> chain, Object after) throws IOException {
        write(request, response, withBody, before, key, chain, Items.BLOCKS, after);
    }

    /** As above, each block written as {@code items} says. */
    static void write(HttpServletRequest request, HttpServletResponse response, boolean withBody,
                      Object before, String key, List<Block> chain, Items items, Object after) throws IOException {
        byte[] head = head(before, key);
        byte[] tail = tail(after);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Vary", "Accept-Encoding");
        boolean gzip = acceptsGzip(request);
        byte[][] tails = new byte[chain.size()][];
        for (int i = 0; i < chain.size(); i++) {
            tails[i] = items.tail(chain.get(i));
        }
        if (gzip) {
            response.setHeader("Content-Encoding", "gzip");
        } else {
            long length = head.length + tail.length + Math.max(0, chain.size() - 1);
            for (int i = 0; i < chain.size(); i++) {
                length += items.head(chain.get(i)).length + chain.get(i).compactJson().length + tails[i].length;
            }
            response.setContentLengthLong(length);
        }
        if (!withBody) {
            return;
        }
        OutputStream out = gzip ? new FastGzip(response.getOutputStream()) : response.getOutputStream();
        out.write(head);
        for (int i = 0; i < chain.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            Block block = chain.get(i);
            out.write(items.head(block));
            out.write(block.compactJson());
            out.write(tails[i]);
        }
        out.write(tail);
        if (gzip) {
            out.close();
        }
    }

    /** {@code {"a":1,"chain":[} for before = {"a":1} (none when null), key = chain. */
    private static byte[] head(Object before, String key) {
        String fields = before == null ? "{}" : new String(Answers.bytes(before), StandardCharsets.UTF_8);
        String open = fields.length() > 2 ? fields.substring(0, fields.length() - 1) + "," : "{";
        return (open + "\"" + key + "\":[").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code ],"b":2}} for after = {"b":2}. */
    private static byte[] tail(Object after) {
        String fields = new String(Answers.bytes(after), StandardCharsets.UTF_8);
        return ("]" + (fields.length() > 2 ? "," + fields.substring(1) : "}")).getBytes(StandardCharsets.UTF_8);
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
