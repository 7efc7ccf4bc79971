package dev.agentruntime.core;

import java.util.Optional;

/**
 * What the runtime answers to an action. One record per OpenHands observation type a runtime returns.
 *
 * <p>Outcomes are data: a non-zero exit code, a traceback, a timeout or a failed edit are fields of an observation,
 * and {@link ErrorObservation} carries failures the agent should see. Every observation answers, without a cast, the
 * text a model reads ({@link #agentText()}) and whether it reports a failure ({@link #isError()}); a command's exit
 * code, status and directory are one step away ({@link #commandOutput()}).
 */
public sealed interface Observation
        permits CmdOutputObservation, IPythonRunCellObservation, FileReadObservation, FileWriteObservation,
                FileEditObservation, BrowserOutputObservation, ErrorObservation {

    /** The OpenHands type name, the {@code observation} key on the wire (e.g. {@code "run"}). */
    String type();

    /**
     * The observation's main text as it travels on the wire; never null. A command's is its output alone (what
     * happened to the command is in its metadata), a write's is empty: {@link #agentText()} is what to show a model.
     */
    String content();

    /**
     * The text a model reads for this observation, exactly as OpenHands' current agent renders it for its LLM: a
     * command's output with what happened to it ({@code [The command completed with exit code 0.]}, or that it is
     * still running and what to do next) and its working directory; an error's text with
     * {@code [Error occurred in processing last action]}; an editor's result; a page's text and tree. Long texts are
     * cut in the middle at 30,000 characters, as there.
     */
    default String agentText() {
        return ModelText.of(this, Dialect.CURRENT);
    }

    /**
     * The text a model reads, as the given generation of OpenHands' agents renders it: {@link Dialect#CURRENT} as
     * {@link #agentText()}; {@link Dialect#LEGACY} as the 2024 CodeAct agent did ({@code OBSERVATION:} first, a
     * command's {@code [Command -1 finished with exit code N]} last, cut at 10,000 characters).
     */
    default String agentText(Dialect dialect) {
        return ModelText.of(this, dialect);
    }

    /**
     * Whether this reports a failure, in OpenHands' sense: a command that did not exit with 0 (a timeout's -1
     * included), an {@link ErrorObservation}, an editor command that failed ({@code ERROR:}), a failed browser step.
     * A Python cell is never an error here (a traceback is its output), as in OpenHands.
     */
    boolean isError();

    /** This observation as a command's output (exit code, {@link RunStatus}, directory), or empty for any other. */
    default Optional<CmdOutputObservation> commandOutput() {
        return Optional.empty();
    }
}
