package io.learnchain.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection on a blocking socket: the least a load generator can cost,
 * so that a benchmark measures the node and not its client. Understands only what the node
 * sends (Content-Length bodies). Not thread-safe: one per client thread.
 */
final class RawHttpClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String host;

    RawHttpClient(URI base) throws IOException {
        socket = new Socket(base.getHost(), base.getPort());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        host = base.getHost() + ":" + base.getPort();
    }

    /** Sends a request and returns the status; the body is read and dropped. */
    int send(String method, String path, byte[] jsonBody) throws IOException {
        return send(method, path, jsonBody, null);
    }

    /** The same with one extra header line ({@code "Name: value"}), or none if null. */
    int send(String method, String path, byte[] jsonBody, String header) throws IOException {
        StringBuilder head = new StringBuilder(128).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                .append(host).append("\r\n");
        if (header != null) {
            head.append(header).append("\r\n");
        }
        if (jsonBody != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(jsonBody.length).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        if (jsonBody != null) {
            out.write(jsonBody);
        }
        out.flush();
        return readResponse();
    }

    /** Reads one response; returns its status. */
    private int readResponse() throws IOException {
        String status = readLine();
        int code = Integer.parseInt(status.substring(9, 12));
        long length = 0;
        boolean chunked = false;
        String line;
        while (!(line = readLine()).isEmpty()) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Long.parseLong(line.substring(15).strip());
            } else if (line.regionMatches(true, 0, "Transfer-Encoding:", 0, 18) && line.toLowerCase().contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            length = 0;
            long chunk;
            while ((chunk = Long.parseLong(readLine().split(";")[0].strip(), 16)) > 0) {
                in.skipNBytes(chunk);
                readLine();
                length += chunk;
            }
            while (!readLine().isEmpty()) {
                // trailers
            }
        } else {
            in.skipNBytes(length);
        }
        lastBodyLength = length;
        return code;
    }

    long lastBodyLength;

    private String readLine() throws IOException {
        StringBuilder b = new StringBuilder(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
