package dev.agentruntime.core.spi;

import dev.agentruntime.core.Action;
import dev.agentruntime.core.Observation;

/**
 * Executes one type of action. The runtime calls {@link #handle} for one action at a time, so a handler needs no
 * locking of its own for that; {@link #close} may come from another thread while an action runs and must make that
 * action return soon.
 *
 * <p>Outcomes the agent should see (a failed command, a missing file) are returned as observations. An exception
 * escaping {@code handle} is turned into an {@code error} observation by the runtime and logged.
 *
 * @param <A> the action type served
 */
public interface ActionHandler<A extends Action> extends AutoCloseable {

    /** The action record this handler serves. */
    Class<A> actionType();

    /**
     * Executes an action. May block up to the action's timeout (or the handler's own limits).
     *
     * @param action  the action
     * @param context the request's dialect and the shared workspace
     * @return the observation, in the shape of {@code context.dialect()}
     * @throws InterruptedException when the calling thread was interrupted while waiting
     */
    Observation handle(A action, ExecutionContext context) throws InterruptedException;

    /**
     * Whether this action may run while another action runs, without waiting for the runtime's turn: the handler
     * orders such actions itself (the shell's named sessions each run one command at a time). Default: no.
     */
    default boolean runsAlongside(A action) {
        return false;
    }

    /** Releases what the handler owns (processes, threads). Idempotent. */
    @Override
    default void close() {
    }
}
