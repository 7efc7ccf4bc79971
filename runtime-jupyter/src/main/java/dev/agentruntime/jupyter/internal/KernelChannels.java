package dev.agentruntime.jupyter.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The one thread that owns every socket to a kernel (JeroMQ sockets are not thread-safe): it sends what callers
 * queue, drains iopub continuously (so the kernel never drops output), routes each message to the listener of its
 * parent request, and keeps a heartbeat.
 */
public final class KernelChannels implements AutoCloseable {

    /** Where a request goes. */
    public enum Channel { SHELL, CONTROL, STDIN }

    private static final Logger LOG = LoggerFactory.getLogger(KernelChannels.class);
    private static final long HEARTBEAT_EVERY_NANOS = 1_000_000_000L;

    private record Outgoing(Channel channel, List<byte[]> frames) {
    }

    private final ConnectionInfo info;
    private final WireCodec codec;
    private final ZContext context = new ZContext();
    private final Queue<Outgoing> outbox = new ConcurrentLinkedQueue<>();
    private final Map<String, Consumer<KernelMessage>> listeners = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong lastHeartbeat = new AtomicLong(System.nanoTime());
    private final ZMQ.Socket wakeSender;
    private final String wakeAddress;
    private final Thread thread;
    private volatile boolean running = true;

    public KernelChannels(ConnectionInfo info, WireCodec codec) {
        this.info = info;
        this.codec = codec;
        context.setLinger(0);
        this.wakeAddress = "inproc://wake-" + WireCodec.newId();
        ZMQ.Socket wakeReceiver = context.createSocket(SocketType.PAIR);
        wakeReceiver.bind(wakeAddress);
        this.wakeSender = context.createSocket(SocketType.PAIR);
        wakeSender.connect(wakeAddress);
        this.thread = new Thread(() -> loop(wakeReceiver), "jupyter-io-" + info.shell());
        thread.setDaemon(true);
        thread.start();
    }

    /** Routes messages whose parent is {@code msgId} to {@code listener} until {@link #unlisten}. */
    public void listen(String msgId, Consumer<KernelMessage> listener) {
        listeners.put(msgId, listener);
    }

    public void unlisten(String msgId) {
        listeners.remove(msgId);
    }

    /** Queues frames for the I/O thread; returns at once. */
    public void send(Channel channel, List<byte[]> frames) {
        outbox.add(new Outgoing(channel, frames));
        synchronized (wakeSender) {
            wakeSender.send(new byte[] {}, ZMQ.DONTWAIT);
        }
    }

    /** Messages dropped for a bad signature or malformed frames. */
    public long droppedMessages() {
        return dropped.get();
    }

    /** When the kernel last answered a heartbeat ({@link System#nanoTime()}). */
    public long lastHeartbeatNanos() {
        return lastHeartbeat.get();
    }

    private void loop(ZMQ.Socket wake) {
        byte[] identity = WireCodec.newId().getBytes(StandardCharsets.US_ASCII);
        ZMQ.Socket shell = dealer(identity, info.shell());
        ZMQ.Socket stdin = dealer(identity, info.stdin()); // same identity: input requests are routed by it
        ZMQ.Socket control = dealer(WireCodec.newId().getBytes(StandardCharsets.US_ASCII), info.control());
        ZMQ.Socket iopub = context.createSocket(SocketType.SUB);
        iopub.subscribe(ZMQ.SUBSCRIPTION_ALL);
        iopub.connect(info.address(info.iopub()));
        ZMQ.Socket hb = heartbeatSocket();
        ZMQ.Poller poller = context.createPoller(6);
        int wakeIndex = poller.register(wake, ZMQ.Poller.POLLIN);
        ZMQ.Socket[] inbound = {shell, iopub, stdin, control};
        int[] inboundIndex = new int[inbound.length];
        for (int i = 0; i < inbound.length; i++) {
            inboundIndex[i] = poller.register(inbound[i], ZMQ.Poller.POLLIN);
        }
        int hbIndex = poller.register(hb, ZMQ.Poller.POLLIN);
        long pingSent = 0;
        try {
            while (running && !Thread.currentThread().isInterrupted()) {
                poller.poll(200);
                if (poller.pollin(wakeIndex)) {
                    while (wake.recv(ZMQ.DONTWAIT) != null) {
                        // drained
                    }
                }
                for (Outgoing out; (out = outbox.poll()) != null; ) {
                    ZMQ.Socket target = out.channel() == Channel.SHELL ? shell
                            : out.channel() == Channel.CONTROL ? control : stdin;
                    sendFrames(target, out.frames());
                }
                for (int i = 0; i < inbound.length; i++) {
                    if (poller.pollin(inboundIndex[i])) {
                        drain(inbound[i]);
                    }
                }
                if (poller.pollin(hbIndex) && hb.recv(ZMQ.DONTWAIT) != null) {
                    lastHeartbeat.set(System.nanoTime());
                    pingSent = 0;
                }
                long now = System.nanoTime();
                if (pingSent == 0 && now - lastHeartbeat.get() > HEARTBEAT_EVERY_NANOS) {
                    hb.send("ping".getBytes(StandardCharsets.US_ASCII), ZMQ.DONTWAIT);
                    pingSent = now;
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                LOG.warn("the Jupyter socket thread failed", e);
            }
        } finally {
            context.close();
        }
    }

    private ZMQ.Socket dealer(byte[] identity, int port) {
        ZMQ.Socket s = context.createSocket(SocketType.DEALER);
        s.setIdentity(identity);
        s.connect(info.address(port));
        return s;
    }

    private ZMQ.Socket heartbeatSocket() {
        ZMQ.Socket hb = context.createSocket(SocketType.REQ);
        hb.setReqRelaxed(true); // a lost reply must not wedge the next ping
        hb.setReqCorrelate(true);
        hb.connect(info.address(info.hb()));
        return hb;
    }

    private static void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    private void drain(ZMQ.Socket socket) {
        while (true) {
            byte[] first = socket.recv(ZMQ.DONTWAIT);
            if (first == null) {
                return;
            }
            List<byte[]> frames = new ArrayList<>();
            frames.add(first);
            while (socket.hasReceiveMore()) {
                frames.add(socket.recv());
            }
            WireCodec.Decoded decoded = codec.decode(frames);
            if (decoded instanceof WireCodec.Decoded.Message m) {
                Consumer<KernelMessage> listener = listeners.get(m.message().parentMsgId());
                if (listener != null) {
                    listener.accept(m.message());
                }
            } else {
                dropped.incrementAndGet();
                LOG.debug("dropped a kernel message: " + ((WireCodec.Decoded.Dropped) decoded).reason());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (wakeSender) {
            try {
                wakeSender.send(new byte[] {}, ZMQ.DONTWAIT);
            } catch (RuntimeException e) {
                // the socket thread already ended and closed its context
            }
        }
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
