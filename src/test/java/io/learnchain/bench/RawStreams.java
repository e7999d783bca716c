package io.learnchain.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Many {@code GET /events} streams on raw sockets, read by one selector thread, each line handed
 * to {@code onLine}. HTTP/1.0, so the node sends the stream as it is (no chunks) until it closes.
 * For benchmarks only: lines are ASCII-split, the status line and headers are handed on too.
 */
final class RawStreams implements AutoCloseable {
    private final Selector selector;
    private final Thread reader;

    RawStreams(URI base, int count, Consumer<String> onLine) throws IOException {
        selector = Selector.open();
        byte[] request = ("GET " + base.getPath() + "/events HTTP/1.0\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAccept: text/event-stream\r\n\r\n").replace("//events", "/events").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress(base.getHost(), base.getPort()));
            channel.write(ByteBuffer.wrap(request));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, new StringBuilder());
        }
        reader = new Thread(() -> read(onLine), "raw-streams");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(Consumer<String> onLine) {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                selector.select(200);
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel channel = (SocketChannel) key.channel();
                    StringBuilder pending = (StringBuilder) key.attachment();
                    buffer.clear();
                    int read = channel.read(buffer);
                    if (read < 0) {
                        key.cancel();
                        channel.close();
                        continue;
                    }
                    pending.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1));
                    int end;
                    while ((end = pending.indexOf("\n")) >= 0) {
                        onLine.accept(pending.substring(0, end).strip());
                        pending.delete(0, end + 1);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            // closed: the benchmark is over
        }
    }

    @Override
    public void close() throws IOException {
        reader.interrupt();
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }
}
