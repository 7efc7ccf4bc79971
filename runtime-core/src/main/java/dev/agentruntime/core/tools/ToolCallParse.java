package dev.agentruntime.core.tools;

import dev.agentruntime.core.Action;
import java.util.Objects;

/**
 * A tool call read into an action, or why it cannot be: a value, never an exception, so that a model's bad call
 * becomes something it can read ({@link AgentTools#call} answers it as an error result).
 */
public sealed interface ToolCallParse {

    /** The call is an action the runtime can execute. */
    record Valid(AgentTool tool, Action action) implements ToolCallParse {
        public Valid {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(action, "action");
        }
    }

    /**
     * The call cannot be executed: an unknown tool, arguments that are no JSON object, a missing or mistyped argument.
     * The message is OpenHands' where it has one ({@code Missing required argument "command" in tool call
     * execute_bash}).
     */
    record Invalid(String message) implements ToolCallParse {
        public Invalid {
            Objects.requireNonNull(message, "message");
        }
    }
}
