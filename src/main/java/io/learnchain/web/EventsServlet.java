package io.learnchain.web;

import io.learnchain.node.Blockchain;
import io.learnchain.node.DaemonThreads;
import io.learnchain.node.EventLog;
import io.learnchain.node.Settings;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@code GET /events}: what happens in the node as it happens ({@link EventLog}), as
 * Server-Sent Events ({@code text/event-stream}): {@code id: <epoch>-<n>}, {@code event: <type>},
 * {@code data: {"id", "at", "type", "code", "params", "text"}}.
 *
 * <p>A client that reconnects sends {@code Last-Event-ID} (a browser's EventSource does) and first
 * gets what it missed, or an {@code event: reload} when that is no longer kept (or the node
 * restarted: the epoch differs). A comment every {@value #HEARTBEAT_SECONDS} s keeps idle proxies
 * from cutting the stream.
 *
 * <p><b>No thread per subscriber, and no subscriber slows the node.</b> The request goes async and
 * writes without blocking (a {@link WriteListener}); each subscriber has a queue of at most
 * {@value #MAX_QUEUED} frames, and one that lets it fill is dropped (its browser reconnects and
 * catches up). At most {@code maxEventStreams} subscribers in all and {@code maxEventStreamsPerAddress}
 * per source address (settings: 1,000 and 20): past that, 503.
 */
public final class EventsServlet extends HttpServlet {
    static final int MAX_QUEUED = 1000;
    static final int HEARTBEAT_SECONDS = 15;
    private static final byte[] HEARTBEAT = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private ExecutorService delivery;
    /**
     * Events wait here for the delivery thread, so that the miner or writer that reported one goes
     * on at once, however many streams are open.
     */
    private final java.util.concurrent.LinkedBlockingQueue<EventLog.Event> toDeliver = new java.util.concurrent.LinkedBlockingQueue<>();
    private final Consumer<EventLog.Event> fanOut = event -> {
        if (!subscribers.isEmpty()) {
            toDeliver.add(event);
        }
    };
    private EventLog events;
    private ScheduledExecutorService heartbeat;

    @Override
    public void init() {
        delivery = Executors.newSingleThreadExecutor(DaemonThreads.named("events-delivery", false));
        delivery.execute(this::deliver);
        heartbeat = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("events-heartbeat", false));
        heartbeat.scheduleWithFixedDelay(() -> subscribers.forEach(s -> s.offer(0, HEARTBEAT)), HEARTBEAT_SECONDS,
                HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        Blockchain blockchain = NodeListener.blockchain(getServletContext());
        if (blockchain != null) { // else the node did not start: every request is told why
            events = blockchain.events();
            events.listen(fanOut);
        }
    }

    @Override
    public void destroy() {
        if (events != null) {
            events.stopListening(fanOut);
        }
        heartbeat.shutdownNow();
        delivery.shutdownNow();
        subscribers.forEach(Subscriber::close);
        DaemonThreads.awaitEnd(heartbeat);
        DaemonThreads.awaitEnd(delivery);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String startFailure = NodeListener.startFailure(getServletContext());
        if (startFailure != null) {
            ApiServlet.write(request, response, new Reply(503, Reply.message(startFailure)));
            return;
        }
        if (!request.getMethod().equals("GET")) {
            response.setHeader("Allow", "GET, OPTIONS");
            ApiServlet.write(request, response, new Reply(request.getMethod().equals("OPTIONS") ? 204 : 405,
                    Reply.message("Method " + request.getMethod() + " is not allowed on /events; use GET")));
            return;
        }
        String address = request.getRemoteAddr();
        Settings settings = NodeListener.settings(getServletContext());
        AtomicInteger fromAddress = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
        boolean full = subscribers.size() >= settings.maxEventStreams();
        if (full || fromAddress.incrementAndGet() > settings.maxEventStreamsPerAddress()) {
            fromAddress.decrementAndGet();
            response.setHeader("Retry-After", "10");
            ApiServlet.write(request, response, new Reply(503, Reply.message("Too many event streams are open"
                    + (full ? "" : " from " + address) + "; close some, or poll /status")));
            return;
        }
        response.setStatus(200);
        response.setContentType("text/event-stream;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no"); // a proxy in front must not hold events back
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        Subscriber subscriber = new Subscriber(async, response.getOutputStream(), address);
        async.addListener(subscriber);
        subscribers.add(subscriber); // events from now on wait in it while what was missed is read
        subscriber.start(lastEventId(request));
    }

    /**
     * Delivers what waits, a batch at a time: each event made into a frame once, and each
     * subscriber given the whole batch with one write and flush, so that a burst of events costs
     * each stream one round rather than one per event.
     */
    private void deliver() {
        List<EventLog.Event> batch = new java.util.ArrayList<>();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                batch.add(toDeliver.take());
                toDeliver.drainTo(batch);
                long[] sequences = new long[batch.size()];
                byte[][] frames = new byte[batch.size()][];
                for (int i = 0; i < frames.length; i++) {
                    sequences[i] = batch.get(i).sequence();
                    frames[i] = frame(batch.get(i));
                }
                batch.clear();
                subscribers.forEach(s -> s.offer(sequences, frames));
            }
        } catch (InterruptedException stopping) {
            // the node is stopping: its streams close
        }
    }

    /** The id a reconnecting client saw last: the header a browser sends, or {@code ?lastEventId=} for a client that cannot set it. */
    private static String lastEventId(HttpServletRequest request) {
        String header = request.getHeader("Last-Event-ID");
        return header != null ? header.strip() : request.getParameter("lastEventId");
    }

    static byte[] frame(EventLog.Event event) {
        byte[] data = Answers.bytes(Answers.Event.of(event));
        String head = (event.id() == null ? "" : "id: " + event.id() + "\n") + "event: " + event.type() + "\ndata: ";
        byte[] frame = new byte[head.length() + data.length + 2];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, frame, 0, head.length());
        System.arraycopy(data, 0, frame, head.length(), data.length);
        frame[frame.length - 2] = '\n';
        frame[frame.length - 1] = '\n';
        return frame;
    }

    private record Early(long sequence, byte[] frame) {
    }

    /** One open stream: a bounded queue of frames, written without blocking as the client takes them. */
    private final class Subscriber implements WriteListener, AsyncListener {
        private final AsyncContext async;
        private final ServletOutputStream out;
        private final String address;
        private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
        /** Live events that came while what the client missed was read: queued after it. */
        private ArrayDeque<Early> early = new ArrayDeque<>();
        private boolean unflushed;
        private boolean closed;
        /** The sequence of the last event queued: none is sent twice. */
        private long lastQueued;

        Subscriber(AsyncContext async, ServletOutputStream out, String address) {
            this.async = async;
            this.out = out;
            this.address = address;
        }

        /** Queues what the client missed (or a reload), then the live events that came meanwhile; then writes. */
        void start(String lastEventId) {
            synchronized (this) {
                add(("retry: 3000\n: " + events.epoch() + "\n\n").getBytes(StandardCharsets.US_ASCII));
                if (lastEventId != null && !lastEventId.isEmpty()) {
                    List<EventLog.Event> missed = events.after(lastEventId);
                    if (missed == null) {
                        add("event: reload\ndata: {\"reason\": \"events were missed\"}\n\n".getBytes(StandardCharsets.US_ASCII));
                    } else {
                        missed.forEach(event -> queue(event.sequence(), frame(event)));
                    }
                }
                for (Early live : early) {
                    queue(live.sequence(), live.frame());
                }
                early = null;
            }
            out.setWriteListener(this); // the container calls onWritePossible once it may write
        }

        /** @param sequence the event's, or 0 for a frame that is no event (a heartbeat, a miner's progress) */
        void offer(long sequence, byte[] frame) {
            offer(new long[] {sequence}, new byte[][] {frame});
        }

        /** Several frames, written together. */
        void offer(long[] sequences, byte[][] frames) {
            synchronized (this) {
                for (int i = 0; i < frames.length; i++) {
                    if (early == null) {
                        queue(sequences[i], frames[i]);
                    } else if (sequences[i] != 0) {
                        early.add(new Early(sequences[i], frames[i]));
                    }
                }
                if (early != null) {
                    return;
                }
            }
            drain();
        }

        private void queue(long sequence, byte[] frame) {
            if (sequence != 0) {
                if (sequence <= lastQueued) {
                    return;
                }
                lastQueued = sequence;
            }
            add(frame);
        }

        private void add(byte[] frame) {
            if (closed) {
                return;
            }
            if (queue.size() >= MAX_QUEUED) {
                closed = true; // too slow: dropped, never slowing the node; its browser reconnects and catches up
                queue.clear();
                async.complete();
                return;
            }
            queue.addLast(frame);
        }

        @Override
        public void onWritePossible() {
            drain();
        }

        /** Writes queued frames while the stream takes them; the container calls back when it can take more. */
        private synchronized void drain() {
            try {
                while (!closed && out.isReady()) {
                    byte[] frame = queue.pollFirst();
                    if (frame != null) {
                        out.write(frame);
                        unflushed = true;
                    } else if (unflushed) {
                        unflushed = false;
                        out.flush();
                    } else {
                        return;
                    }
                }
            } catch (IOException | IllegalStateException e) {
                close();
            }
        }

        void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                queue.clear();
            }
            try {
                async.complete();
            } catch (IllegalStateException alreadyDone) {
                // completed by the container
            }
        }

        private void forget() {
            if (subscribers.remove(this)) {
                perAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
            }
        }

        @Override
        public void onError(Throwable t) {
            close();
            forget();
        }

        @Override
        public void onComplete(AsyncEvent event) {
            forget();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            close();
        }

        @Override
        public void onError(AsyncEvent event) {
            close();
            forget();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
