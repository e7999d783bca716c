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
    private final URI base;
    private final String host;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    RawHttpClient(URI base) throws IOException {
        this.base = base;
        this.host = base.getHost() + ":" + base.getPort();
        connect();
    }

    private void connect() throws IOException {
        socket = new Socket(base.getHost(), base.getPort());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
    }

    /** Sends a request and returns the status; the body is read and dropped. */
    int send(String method, String path, byte[] jsonBody) throws IOException {
        return send(method, path, jsonBody, null);
    }

    /** The same with one extra header line ({@code "Name: value"}), or none if null. */
    int send(String method, String path, byte[] jsonBody, String header) throws IOException {
        if (socket == null) {
            connect(); // the server closed the previous connection (HTTP/1.0, Connection: close)
        }
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
        boolean close = status.startsWith("HTTP/1.0");
        String line;
        while (!(line = readLine()).isEmpty()) {
            if (line.regionMatches(true, 0, "Connection:", 0, 11)) {
                close = line.toLowerCase().contains("close");
            }
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
        } else if (length <= 4096) {
            lastBody = new String(in.readNBytes((int) length), StandardCharsets.UTF_8);
            java.util.regex.Matcher proof = PROOF.matcher(lastBody);
            lastProof = proof.find() ? Long.parseLong(proof.group(1)) : -1;
        } else {
            in.skipNBytes(length);
        }
        lastBodyLength = length;
        if (close) {
            socket.close();
            socket = null;
        }
        return code;
    }

    private static final java.util.regex.Pattern PROOF = java.util.regex.Pattern.compile("\"proof\":\\s*(\\d+)");

    long lastBodyLength;
    /** The last body, when small; and the "proof" in it, or -1. */
    String lastBody;
    long lastProof;

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
        if (socket != null) {
            socket.close();
        }
    }
}
