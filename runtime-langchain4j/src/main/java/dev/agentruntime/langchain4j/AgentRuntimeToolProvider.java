package dev.agentruntime.langchain4j;

import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.tools.AgentTool;
import dev.agentruntime.core.tools.AgentTools;
import dev.agentruntime.core.tools.ToolResult;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A sandbox for a LangChain4j AI service: the agent tools of a runtime (in-process, a remote server or a sandbox
 * container) as a {@link ToolProvider}, with the tool layer's names, descriptions and JSON schemas, each call run on
 * the runtime and answered with the text a model reads (OpenHands' words for a timeout, an error, a failed edit).
 * A call the model got wrong is an error result it can read, never an exception.
 *
 * <pre>{@code
 * Assistant assistant = AiServices.builder(Assistant.class)
 *         .chatModel(model)
 *         .toolProvider(AgentRuntimeToolProvider.of(runtime))
 *         .build();
 * }</pre>
 *
 * <p>By default every call runs in the runtime's main shell session. {@link Builder#session} puts an AI service's
 * commands in a named session of their own; {@link Builder#sessionPerChatMemory} gives each chat memory (each user
 * of an AI service with a {@code @MemoryId}) its own. The provider does not own the runtime: close it yourself.
 */
public final class AgentRuntimeToolProvider implements ToolProvider {

    private final AgentRuntime runtime;
    private final AgentTools tools;
    private final boolean sessionPerMemory;
    private final Map<ToolSpecification, AgentTool> specifications;

    private AgentRuntimeToolProvider(Builder b) {
        this.runtime = b.runtime;
        AgentTools all = b.tools == null ? AgentTools.of(b.runtime) : AgentTools.of(b.runtime, b.tools);
        this.tools = b.session == null ? all : all.inSession(b.session);
        this.sessionPerMemory = b.sessionPerMemory;
        Map<ToolSpecification, AgentTool> specs = new LinkedHashMap<>();
        for (AgentTool t : tools.tools()) {
            specs.put(specification(t), t);
        }
        this.specifications = Collections.unmodifiableMap(specs);
    }

    /** Every tool the runtime serves, in its main shell session. */
    public static AgentRuntimeToolProvider of(AgentRuntime runtime) {
        return builder(runtime).build();
    }

    public static Builder builder(AgentRuntime runtime) {
        return new Builder(runtime);
    }

    /** The tool as LangChain4j describes it to a model. */
    public static ToolSpecification specification(AgentTool tool) {
        return ToolSpecification.builder().name(tool.toolName()).description(tool.description())
                .parameters(JsonSchemas.object(tool.parametersJson())).build();
    }

    /** The tools offered, as a model sees them. */
    public List<ToolSpecification> toolSpecifications() {
        return new ArrayList<>(specifications.keySet());
    }

    @Override
    public ToolProviderResult provideTools(ToolProviderRequest request) {
        ToolProviderResult.Builder result = ToolProviderResult.builder();
        specifications.keySet().forEach(spec -> result.add(spec, new Executor()));
        return result.build();
    }

    /** Runs one call as the tool layer does; the answer for the model, error or not. */
    public ToolResult call(ToolExecutionRequest request, Object chatMemoryId) {
        return toolsFor(chatMemoryId).call(request.name(), request.arguments());
    }

    private AgentTools toolsFor(Object memoryId) {
        if (!sessionPerMemory || memoryId == null || "default".equals(memoryId)) {
            return tools;
        }
        return tools.inSession(sessionName(memoryId));
    }

    /** {@code memory-<id>}, or {@code memory-<hash>} for an id that is not a valid session name. */
    static String sessionName(Object memoryId) {
        String id = memoryId.toString();
        if (id.matches("[A-Za-z0-9_.-]{1,57}")) {
            return "memory-" + id;
        }
        return "memory-" + Integer.toHexString(id.hashCode()) + "-" + Integer.toHexString(id.length());
    }

    /** One executor for every tool: the call names its tool. */
    private final class Executor implements ToolExecutor {
        @Override
        public String execute(ToolExecutionRequest request, Object memoryId) {
            return call(request, memoryId).text();
        }

        @Override
        public ToolExecutionResult executeWithContext(ToolExecutionRequest request, InvocationContext context) {
            ToolResult r = call(request, context == null ? null : context.chatMemoryId());
            return ToolExecutionResult.builder().isError(r.isError()).result(r.text()).resultText(r.text()).build();
        }
    }

    /** The runtime the calls run on. */
    public AgentRuntime runtime() {
        return runtime;
    }

    /** Which tools, in which session. */
    public static final class Builder {
        private final AgentRuntime runtime;
        private Set<AgentTool> tools;
        private String session;
        private boolean sessionPerMemory;

        private Builder(AgentRuntime runtime) {
            this.runtime = Objects.requireNonNull(runtime, "runtime");
        }

        /** Only these tools (default: every tool the runtime serves). */
        public Builder tools(AgentTool first, AgentTool... more) {
            this.tools = EnumSet.of(first, more);
            return this;
        }

        /** Only these tools (default: every tool the runtime serves). */
        public Builder tools(Set<AgentTool> tools) {
            this.tools = EnumSet.copyOf(tools);
            return this;
        }

        /** Commands run in this named bash session, made on first use (default: the runtime's main session). */
        public Builder session(String name) {
            this.session = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Each chat memory (an AI service called with a {@code @MemoryId}) gets a bash session of its own, named
         * {@code memory-<id>}; calls without one use the main session (or {@link #session}'s).
         */
        public Builder sessionPerChatMemory() {
            this.sessionPerMemory = true;
            return this;
        }

        public AgentRuntimeToolProvider build() {
            return new AgentRuntimeToolProvider(this);
        }
    }
}
