package dev.agentruntime.shell;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default shell session and the named ones beside it. A named session starts on first use in the default
 * session's current directory, with the same options; at most {@code limit} are open at once. Thread-safe; each
 * session orders its own commands.
 */
final class ShellSessions implements AutoCloseable {

    /** How many named sessions may be open at once, beside the default one. */
    static final int DEFAULT_LIMIT = 8;

    private final ShellOptions options;
    private final BashSession primary;
    private final int limit;
    private final Map<String, BashSession> named = new LinkedHashMap<>();
    private boolean closed;

    ShellSessions(ShellOptions options, BashSession primary, int limit) {
        this.options = options;
        this.primary = primary;
        this.limit = limit;
    }

    BashSession primary() {
        return primary;
    }

    /**
     * The named session, started when it is not open yet.
     *
     * @throws IllegalStateException past the limit, or when closed; the message is for the agent
     */
    BashSession named(String name) {
        BashSession s;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the shell is closed");
            }
            s = named.get(name);
            if (s != null) {
                return s;
            }
            if (s == null && named.size() >= limit) {
                throw new IllegalStateException("Cannot open shell session '" + name + "': " + limit
                        + " named sessions are open already (" + String.join(", ", named.keySet())
                        + "). Close one first (close_session).");
            }
        }
        PromptInfo p = primary.lastPrompt();
        Path dir = p == null ? options.workingDirectory() : Path.of(p.workingDirectory());
        BashSession started = BashSession.start(options.toBuilder().workingDirectory(dir).build());
        synchronized (this) {
            if (!named.containsKey(name) && named.size() >= limit) { // others opened meanwhile
                started.close();
                throw new IllegalStateException("Cannot open shell session '" + name + "': " + limit
                        + " named sessions are open already. Close one first (close_session).");
            }
            BashSession raced = named.putIfAbsent(name, started);
            if (raced != null) { // another thread started the same name first: use that one
                started.close();
                return raced;
            }
            if (closed) {
                started.close();
                throw new IllegalStateException("the shell is closed");
            }
        }
        return started;
    }

    /** Closes a named session; false when none of that name is open. */
    boolean close(String name) {
        BashSession s;
        synchronized (this) {
            s = named.remove(name);
        }
        if (s == null) {
            return false;
        }
        s.close();
        return true;
    }

    synchronized List<String> names() {
        return List.copyOf(named.keySet());
    }

    @Override
    public void close() {
        List<BashSession> all;
        synchronized (this) {
            closed = true;
            all = List.copyOf(named.values());
            named.clear();
        }
        all.forEach(BashSession::close);
        primary.close();
    }
}
