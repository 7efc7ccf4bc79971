package dev.agentruntime.server;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Closes a connection whose client stopped sending its request body, or stopped taking the response, for longer
 * than the stall timeout: the server waits on the client only while bytes move. What counts as waiting is a read
 * that found nothing to read or a write that found no room, with no progress since; a route that is busy computing
 * is never a stall. Undertow's own read and write timeouts cannot serve: they also close a connection whose
 * request is simply taking long (a command running for minutes), since nothing is read or written meanwhile.
 */
final class StallWatch implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(StallWatch.class);

    private final HttpServerExchange ex;
    private final long stallNanos;
    /** When the client started keeping us waiting, or 0 while bytes move (or nothing waits on it). */
    private volatile long waitingSince;
    private volatile String waitingFor;
    /** The thread that waits, when it is a worker: closing the connection does not wake its private selector. */
    private volatile Thread waiter;
    private volatile boolean over;

    private StallWatch(HttpServerExchange ex, Duration stall) {
        this.ex = ex;
        this.stallNanos = stall.toNanos();
    }

    /**
     * Watches the request body and the response of {@code ex} until it completes. Must be called before anything
     * reads the body.
     */
    static StallWatch watch(HttpServerExchange ex, Duration stall) {
        StallWatch w = new StallWatch(ex, stall);
        ex.addRequestWrapper((factory, exchange) -> w.new Source(factory.create()));
        ex.addResponseWrapper((factory, exchange) -> w.new Sink(factory.create()));
        ex.addExchangeCompleteListener((done, next) -> {
            w.done();
            next.proceed();
        });
        w.schedule(stall.toMillis());
        return w;
    }

    /** Stops watching (the body is in; the exchange is over). */
    void done() {
        over = true;
    }

    private void schedule(long millis) {
        ex.getIoThread().executeAfter(this, Math.max(millis, 10), TimeUnit.MILLISECONDS);
    }

    @Override
    public void run() {
        if (over) {
            return;
        }
        long since = waitingSince;
        long waited = since == 0 ? 0 : System.nanoTime() - since;
        if (since != 0 && waited >= stallNanos) {
            over = true;
            LOG.warn("closed the connection from {}: it {} for {} s ({} {})", ex.getSourceAddress(), waitingFor,
                    TimeUnit.NANOSECONDS.toSeconds(waited), ex.getRequestMethod(), ex.getRequestPath());
            IoUtils.safeClose(ex.getConnection());
            Thread blocked = waiter;
            if (blocked != null) {
                blocked.interrupt(); // its blocking read or write then fails; its pool clears the flag after
            }
            return;
        }
        schedule(TimeUnit.NANOSECONDS.toMillis(stallNanos - waited));
    }

    private void moved(long n, String stalled) {
        if (n > 0 || n < 0) {
            waitingSince = 0;
            waiter = null;
        } else if (waitingSince == 0) {
            waitingFor = stalled;
            Thread t = Thread.currentThread();
            waiter = t instanceof org.xnio.XnioIoThread ? null : t; // an I/O thread never blocks: never interrupt it
            waitingSince = System.nanoTime();
        }
    }

    private static final String BODY = "sent none of the rest of its request body";
    private static final String RESPONSE = "took none of the response";

    /** The request side: a read that returns 0 waits on the client. */
    private final class Source extends AbstractStreamSourceConduit<StreamSourceConduit> {
        Source(StreamSourceConduit next) {
            super(next);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int n = super.read(dst);
            moved(n, BODY);
            return n;
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            long n = super.read(dsts, offset, length);
            moved(n, BODY);
            return n;
        }

        @Override
        public long transferTo(long position, long count, FileChannel target) throws IOException {
            long n = super.transferTo(position, count, target);
            moved(n, BODY);
            return n;
        }

        @Override
        public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
            long n = super.transferTo(count, throughBuffer, target);
            moved(n, BODY);
            return n;
        }
    }

    /** The response side: a write that returns 0 (no room) waits on the client. */
    private final class Sink extends AbstractStreamSinkConduit<StreamSinkConduit> {
        Sink(StreamSinkConduit next) {
            super(next);
        }

        /** A write of nothing (a flush of headers) says nothing of the client. */
        private long wrote(boolean some, long n) {
            if (some) {
                moved(n, RESPONSE);
            }
            return n;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return (int) wrote(src.hasRemaining(), super.write(src));
        }

        @Override
        public long write(ByteBuffer[] srcs, int offs, int len) throws IOException {
            return wrote(org.xnio.Buffers.hasRemaining(srcs, offs, len), super.write(srcs, offs, len));
        }

        @Override
        public int writeFinal(ByteBuffer src) throws IOException {
            return (int) wrote(src.hasRemaining(), super.writeFinal(src));
        }

        @Override
        public long writeFinal(ByteBuffer[] srcs, int offs, int len) throws IOException {
            return wrote(org.xnio.Buffers.hasRemaining(srcs, offs, len), super.writeFinal(srcs, offs, len));
        }

        @Override
        public long transferFrom(FileChannel src, long position, long count) throws IOException {
            return wrote(true, super.transferFrom(src, position, count));
        }

        @Override
        public long transferFrom(StreamSourceChannel source, long count, ByteBuffer throughBuffer)
                throws IOException {
            return wrote(true, super.transferFrom(source, count, throughBuffer));
        }
    }
}
