package dev.agentruntime.sandbox;

/**
 * Starts sandboxes on one kind of infrastructure. Thread-safe: many sandboxes may be started at once. Closing the
 * provider closes every sandbox it started that is still open.
 */
public interface SandboxProvider extends AutoCloseable {

    /**
     * Starts a sandbox and waits until its server answers {@code /alive}, up to {@link SandboxSpec#startTimeout()}.
     * On any failure nothing is left behind: a container or pod that was made is removed.
     *
     * @throws SandboxException when the infrastructure cannot be reached, the image does not exist, or the sandbox
     *                          does not answer in time (the message ends with the tail of its log)
     */
    Sandbox start(SandboxSpec spec);

    /**
     * Removes the leftovers of processes that died without closing their sandboxes: every sandbox labelled as
     * agent-runtime's whose owner ran on this host and has ended. Sandboxes of live owners and of other hosts are
     * left alone.
     *
     * @return how many sandboxes were removed
     */
    int reap();

    /** Closes every sandbox this provider started that is still open, then the client; idempotent. */
    @Override
    void close();
}
