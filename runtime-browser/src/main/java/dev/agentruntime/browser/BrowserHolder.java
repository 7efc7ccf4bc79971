package dev.agentruntime.browser;

/** The one browser both handlers share, opened lazily and closed once. */
final class BrowserHolder implements AutoCloseable {

    private final BrowserOptions options;
    private BrowserSession session;
    private boolean closed;

    BrowserHolder(BrowserOptions options) {
        this.options = options;
    }

    synchronized BrowserSession get() {
        if (closed) {
            throw new IllegalStateException("the browser is closed");
        }
        if (session == null) {
            session = BrowserSession.open(options);
        }
        return session;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (session != null) {
            session.close();
        }
    }
}
