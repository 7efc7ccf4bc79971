package dev.agentruntime.springai;

import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.InProcessRuntime;
import dev.agentruntime.core.RemoteRuntime;
import dev.agentruntime.core.spi.SandboxUser;
import dev.agentruntime.core.tools.AgentTool;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application gets an {@link AgentRuntime} bean from the {@code agent-runtime.*} properties
 * ({@link AgentRuntimeProperties}: in-process by default, a remote server, or a Docker sandbox), closed with the
 * context, and the {@link AgentRuntimeToolCallbacks} over it, so that
 * {@code ChatClient.builder(model).defaultTools(tools)} is all it writes. Either bean of the application's
 * own replaces ours.
 */
@AutoConfiguration
@EnableConfigurationProperties(AgentRuntimeProperties.class)
public class AgentRuntimeAutoConfiguration {

    private static final String DOCKER_PROVIDER = "dev.agentruntime.sandbox.docker.DockerSandboxes";

    /** The runtime the properties describe; the context closes it (a Docker sandbox's container is removed). */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public AgentRuntime agentRuntime(AgentRuntimeProperties p) {
        switch (p.getMode()) {
            case REMOTE:
                if (p.getUrl() == null) {
                    throw new IllegalArgumentException("agent-runtime.mode=remote needs agent-runtime.url");
                }
                RemoteRuntime.Builder remote = RemoteRuntime.builder(p.getUrl());
                if (p.getApiKey() != null && !p.getApiKey().isBlank()) {
                    remote.apiKey(p.getApiKey());
                }
                return remote.build();
            case DOCKER:
                if (!org.springframework.util.ClassUtils.isPresent(DOCKER_PROVIDER, getClass().getClassLoader())) {
                    throw new IllegalStateException("agent-runtime.mode=docker needs "
                            + "dev.agentruntime:runtime-sandbox-docker on the class path");
                }
                return DockerSandboxRuntime.start(p.getDocker()); // its classes load only here
            case IN_PROCESS:
            default:
                InProcessRuntime.Builder b = InProcessRuntime.builder()
                        .workingDirectory(p.getWorkingDirectory().toAbsolutePath().normalize());
                if (p.getUser() != null && !p.getUser().isBlank()) {
                    b.user(SandboxUser.lookup(p.getUser()).orElseThrow(() -> new IllegalArgumentException(
                            "agent-runtime.user: there is no user '" + p.getUser() + "'")));
                }
                return b.build();
        }
    }

    /** The tool callbacks over the runtime, as the properties choose them. */
    @Bean
    @ConditionalOnMissingBean
    public AgentRuntimeToolCallbacks agentRuntimeToolCallbacks(AgentRuntime runtime, AgentRuntimeProperties p) {
        Set<AgentTool> tools = null;
        if (!p.getTools().isEmpty()) {
            tools = EnumSet.noneOf(AgentTool.class);
            for (String name : p.getTools()) {
                tools.add(AgentTool.named(name.strip()).orElseThrow(() -> new IllegalArgumentException(
                        "agent-runtime.tools: no tool named '" + name + "'; the tools are execute_bash, "
                                + "str_replace_editor, execute_ipython_cell, browser")));
            }
        }
        String session = p.getSession() == null || p.getSession().isBlank() ? null : p.getSession();
        return AgentRuntimeToolCallbacks.of(runtime, tools, session);
    }
}
