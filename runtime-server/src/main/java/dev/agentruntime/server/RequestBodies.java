package dev.agentruntime.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.io.IOException;
import java.time.Duration;
import org.xnio.IoUtils;

/**
 * Request bodies, received before a route gets a worker thread: a client that sends its body slowly, or not at all,
 * holds a connection (until {@link StallWatch} closes it) but never one of the threads every action needs. A body
 * over the limit is a 413 at once, and the connection closes instead of reading the rest.
 */
public final class RequestBodies {

    private static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);

    private RequestBodies() {
    }

    /**
     * {@code route}, run on a worker once the whole body (at most {@code max} bytes) has arrived; meanwhile the
     * exchange is watched for a stalled client.
     */
    static HttpHandler first(long max, Duration stall, HttpHandler route) {
        return ex -> {
            long declared = ex.getRequestContentLength();
            if (declared > max) {
                tooLarge(ex, max);
                return;
            }
            StallWatch.watch(ex, stall);
            Accumulator body = new Accumulator(declared, max);
            io.undertow.io.Receiver receiver = ex.getRequestReceiver();
            receiver.receivePartialBytes((e, data, last) -> {
                if (!body.add(data)) {
                    receiver.pause();
                    tooLarge(e, max);
                    return;
                }
                if (last) {
                    e.putAttachment(BODY, body.bytes());
                    e.dispatch(route);
                }
            }, (e, failure) -> IoUtils.safeClose(e.getConnection())); // cut short: nobody is left to answer
        };
    }

    /** The bytes of a body as they arrive, in one array when its length was declared. */
    private static final class Accumulator {
        private final long max;
        private byte[] bytes;
        private int size;

        Accumulator(long declared, long max) {
            this.max = max;
            this.bytes = new byte[declared >= 0 ? (int) declared : 8192];
        }

        /** False when the body grows past the limit. */
        boolean add(byte[] data) {
            if (size + (long) data.length > max) {
                return false;
            }
            if (size + data.length > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, (int) Math.min(max, Math.max(bytes.length * 2L,
                        size + (long) data.length)));
            }
            System.arraycopy(data, 0, bytes, size, data.length);
            size += data.length;
            return true;
        }

        byte[] bytes() {
            return size == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, size);
        }
    }

    /**
     * The request body: as {@link #first} received it, else read here (blocking), at most {@code max} bytes;
     * {@code null} after answering 413 when it is larger.
     */
    public static byte[] bytes(HttpServerExchange ex, long max) throws IOException {
        byte[] received = ex.getAttachment(BODY);
        if (received != null) {
            return received;
        }
        long declared = ex.getRequestContentLength();
        if (declared > max) {
            tooLarge(ex, max);
            return null;
        }
        if (declared >= 0) { // the usual body: read into one array of its size, no chunk list
            byte[] body = new byte[(int) declared];
            int n = ex.getInputStream().readNBytes(body, 0, body.length);
            return n == body.length ? body : java.util.Arrays.copyOf(body, n);
        }
        byte[] body = ex.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (body.length > max) {
            tooLarge(ex, max);
            return null;
        }
        return body;
    }

    /** 413, and the connection closes after it: the rest of the body is never read. */
    static void tooLarge(HttpServerExchange ex, long max) {
        ex.setPersistent(false);
        Responses.error(ex, 413, "Request body is larger than the limit of " + max + " bytes", null);
    }
}
