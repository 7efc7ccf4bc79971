package dev.agentruntime.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.function.Supplier;

/** A route whose handler is made on its first request (on a worker thread), then reused. Thread-safe. */
final class LazyHandler implements HttpHandler {

    private final Supplier<HttpHandler> factory;
    private volatile HttpHandler handler;

    LazyHandler(Supplier<HttpHandler> factory) {
        this.factory = factory;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        if (ex.isInIoThread()) {
            ex.dispatch(this);
            return;
        }
        HttpHandler h = handler;
        if (h == null) {
            synchronized (this) {
                if (handler == null) {
                    handler = factory.get();
                }
                h = handler;
            }
        }
        h.handleRequest(ex);
    }
}
