package io.learnchain.web;

import io.learnchain.json.Json;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonReader;
import io.learnchain.json.JsonSyntaxException;
import io.learnchain.node.Settings;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;

/** Reads a request's JSON object within the node's limits, or says precisely why not (415, 413, 400). */
final class JsonBody {
    /**
     * How much of an oversized body is read and discarded before answering 413. Closing the
     * connection on unread data makes TCP reset it, and many clients then lose the answer.
     */
    private static final long DRAIN_LIMIT = 4L << 20;

    private JsonBody() {
    }

    static JsonObject readObject(HttpServletRequest request, Settings settings) {
        return readObject(request, settings.maxBodyBytes(), settings.maxJsonDepth(), false);
    }

    /**
     * As {@link #readObject(HttpServletRequest, Settings)} with other limits; {@code allowNonFinite}
     * for what peers send, whose blocks may hold Python's NaN and Infinity.
     */
    static JsonObject readObject(HttpServletRequest request, int max, int maxDepth, boolean allowNonFinite) {
        String type = request.getContentType();
        if (type == null || !isJson(type)) {
            throw new ApiException(415, "Content-Type must be application/json"
                    + (type == null ? "" : ", not " + type));
        }
        long declared = request.getContentLengthLong();
        if (declared > max) {
            drain(request);
            throw tooLarge(max);
        }
        byte[] body = read(request, max, declared);
        Json json;
        try {
            json = JsonReader.parse(body, body.length, maxDepth, allowNonFinite);
        } catch (JsonSyntaxException e) {
            throw new ApiException(400, "Body is not valid JSON: " + e.getMessage());
        }
        if (!(json instanceof JsonObject object)) {
            throw new ApiException(400, "Body must be a JSON object, not " + json.typeName());
        }
        return object;
    }

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    private static byte[] read(HttpServletRequest request, int max, long declared) {
        try (InputStream in = request.getInputStream()) {
            // room for the declared length plus one byte, to notice a body longer than declared
            byte[] buffer = new byte[(int) (declared >= 0 ? declared + 1 : Math.min(max + 1, 8192))];
            int length = 0;
            int n;
            while ((n = in.read(buffer, length, buffer.length - length)) > 0) {
                length += n;
                if (length > max) {
                    drain(request);
                    throw tooLarge(max);
                }
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.min(max + 1, buffer.length * 2));
                }
            }
            return Arrays.copyOf(buffer, length);
        } catch (IOException e) {
            throw new ApiException(400, "The request body could not be read: " + e.getMessage());
        }
    }

    /** Reads and discards what is left of the request's body, up to {@link #DRAIN_LIMIT}. */
    static void drain(HttpServletRequest request) {
        try {
            InputStream in = request.getInputStream();
            byte[] discard = new byte[8192];
            long left = DRAIN_LIMIT;
            int n;
            while (left > 0 && (n = in.read(discard, 0, (int) Math.min(discard.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException e) {
            // the client stopped sending or sent less than it declared; the answer goes out anyway
        }
    }

    private static ApiException tooLarge(int max) {
        return new ApiException(413, "Body is larger than the limit of " + max + " bytes");
    }
}
