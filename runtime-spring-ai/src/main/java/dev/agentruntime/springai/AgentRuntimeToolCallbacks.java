package dev.agentruntime.springai;

import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.tools.AgentTool;
import dev.agentruntime.core.tools.AgentTools;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * A sandbox for a Spring AI {@code ChatClient}: the agent tools of a runtime (in-process, a remote server or a sandbox
 * container) as {@link ToolCallback}s, with the tool layer's names, descriptions and JSON schemas, each call run on
 * the runtime and answered with the text a model reads (OpenHands' words for a timeout, an error, a failed edit). A
 * call the model got wrong is answered with an error it can read, never an exception.
 *
 * <pre>{@code
 * ChatClient chat = ChatClient.builder(model).defaultTools(AgentRuntimeToolCallbacks.of(runtime)).build();
 * }</pre>
 *
 * In a Spring Boot application the auto-configuration makes this bean from the {@code agent-runtime.*} properties.
 * The callbacks do not own the runtime.
 */
public final class AgentRuntimeToolCallbacks implements ToolCallbackProvider {

    private final AgentTools tools;
    private final ToolCallback[] callbacks;

    private AgentRuntimeToolCallbacks(AgentTools tools) {
        this.tools = tools;
        this.callbacks = tools.tools().stream().map(Callback::new).toArray(ToolCallback[]::new);
    }

    /** Every tool the runtime serves, in its main shell session. */
    public static AgentRuntimeToolCallbacks of(AgentRuntime runtime) {
        return new AgentRuntimeToolCallbacks(AgentTools.of(runtime));
    }

    /**
     * Some of the tools, in a shell session of their own.
     *
     * @param tools   the tools to offer, or {@code null} for every tool the runtime serves
     * @param session a named bash session for the commands, or {@code null} for the main one
     */
    public static AgentRuntimeToolCallbacks of(AgentRuntime runtime, Set<AgentTool> tools, String session) {
        Objects.requireNonNull(runtime, "runtime");
        AgentTools t = tools == null ? AgentTools.of(runtime) : AgentTools.of(runtime, EnumSet.copyOf(tools));
        return new AgentRuntimeToolCallbacks(t.inSession(session));
    }

    /** The tool as Spring AI describes it to a model. */
    public static ToolDefinition definition(AgentTool tool) {
        return ToolDefinition.builder().name(tool.toolName()).description(tool.description())
                .inputSchema(tool.parametersJson()).build();
    }

    @Override
    public ToolCallback[] getToolCallbacks() {
        return callbacks.clone();
    }

    /** The tools offered. */
    public List<AgentTool> tools() {
        return tools.tools();
    }

    private final class Callback implements ToolCallback {
        private final AgentTool tool;
        private final ToolDefinition definition;

        Callback(AgentTool tool) {
            this.tool = tool;
            this.definition = definition(tool);
        }

        @Override
        public ToolDefinition getToolDefinition() {
            return definition;
        }

        @Override
        public String call(String arguments) {
            return tools.call(tool.toolName(), arguments).text();
        }

        @Override
        public String call(String arguments, ToolContext context) {
            return call(arguments);
        }
    }
}
