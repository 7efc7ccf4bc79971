package dev.agentruntime.core;

/**
 * What the runtime answers to an action. One record per OpenHands observation type a runtime returns.
 *
 * <p>Outcomes are data: a non-zero exit code, a traceback, a timeout or a failed edit are fields of an observation,
 * and {@link ErrorObservation} carries failures the agent should see.
 */
public sealed interface Observation
        permits CmdOutputObservation, IPythonRunCellObservation, FileReadObservation, FileWriteObservation,
                FileEditObservation, BrowserOutputObservation, ErrorObservation {

    /** The OpenHands type name, the {@code observation} key on the wire (e.g. {@code "run"}). */
    String type();

    /** The observation's main text; never null. */
    String content();
}
