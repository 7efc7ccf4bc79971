package dev.agentruntime.core.spi;

/**
 * Implemented by a handler that keeps named sessions beside its default one (the shell's), so that the runtime can
 * close one by name ({@link dev.agentruntime.core.AgentRuntime#closeSession(String)}).
 */
public interface NamedSessions {

    /**
     * Closes the named session and ends what runs in it; the default session cannot be closed this way.
     *
     * @return whether a session of that name was open
     */
    boolean closeSession(String name);
}
