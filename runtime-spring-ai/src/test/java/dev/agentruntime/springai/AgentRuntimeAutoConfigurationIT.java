package dev.agentruntime.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.Actions;
import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.InProcessRuntime;
import dev.agentruntime.core.RemoteRuntime;
import dev.agentruntime.core.testing.TestUsers;
import dev.agentruntime.sandbox.docker.testing.TestImage;
import dev.agentruntime.server.Assembly;
import dev.agentruntime.server.RuntimeServer;
import dev.agentruntime.server.ServerOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A Spring Boot context with the auto-configuration, a scripted chat model and a {@code ChatClient} over the
 * auto-configured callbacks: a task runs through them in each mode, and closing the context leaves nothing running.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AgentRuntimeAutoConfigurationIT {

    private final ApplicationContextRunner boot = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AgentRuntimeAutoConfiguration.class));

    /** The task: state across calls, an edit on disk, a timeout explained, a bad call answered as an error. */
    private static void task(AgentRuntimeToolCallbacks tools, AgentRuntime rt, String workdir) {
        String file = workdir + "/app/greet.py";
        ScriptedChatModel model = new ScriptedChatModel()
                .call("execute_bash", "{\"command\": \"mkdir -p app && cd app && export WHO=world\"}")
                .call("execute_bash", "{\"command\": \"echo hello $WHO from $(basename $(pwd))\"}")
                .call("str_replace_editor", "{\"command\": \"create\", \"path\": \"" + file + "\", "
                        + "\"file_text\": \"print('hello')\\n\"}")
                .call("str_replace_editor", "{\"command\": \"str_replace\", \"path\": \"" + file + "\", "
                        + "\"old_str\": \"hello\", \"new_str\": \"hello, spring\"}")
                .call("execute_bash", "{\"command\": \"sleep 30\", \"timeout\": 1}")
                .call("execute_bash", "{\"command\": \"C-c\", \"is_input\": \"true\"}")
                .call("execute_bash", "{\"cmd\": \"ls\"}")
                .answer("done");
        String answer = ChatClient.builder(model).defaultTools(tools).build().prompt("write a greeting")
                .call().content();

        assertThat(answer).isEqualTo("done");
        List<ToolResponseMessage.ToolResponse> results = model.toolResults();
        assertThat(results).hasSize(7);
        assertThat(results.get(1).responseData()).startsWith("hello world from app\n[The command completed with "
                + "exit code 0.]");
        assertThat(results.get(3).responseData()).startsWith("The file " + file + " has been edited.");
        assertThat(results.get(4).responseData()).contains("[The command timed out after 1.0 seconds.");
        assertThat(results.get(6).responseData()).startsWith("Missing required argument");
        assertThat(rt.execute(Actions.read(file)).content()).isEqualTo("print('hello, spring')\n");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(TestUsers.As.class)
    void inProcessByDefaultAndNothingLeftWhenTheContextCloses(TestUsers.As as, @TempDir Path tmp) throws Exception {
        dev.agentruntime.core.spi.SandboxUser user = as.account();
        Path dir = TestUsers.workspace(tmp, user);
        long[] shell = new long[1];
        boot.withPropertyValues("agent-runtime.working-directory=" + dir, "agent-runtime.user=" + user.name())
                .run(context -> {
            AgentRuntime rt = context.getBean(AgentRuntime.class);
            assertThat(rt).isInstanceOf(InProcessRuntime.class);
            task(context.getBean(AgentRuntimeToolCallbacks.class), rt, dir.toString());
            assertThat(rt.execute(Actions.run("id -un")).content()).isEqualTo(user.name());
            shell[0] = Long.parseLong(rt.execute(Actions.run("echo $$")).content().strip());
            assertThat(ProcessHandle.of(shell[0])).isPresent();
                });
        assertThat(ProcessHandle.of(shell[0]).map(ProcessHandle::isAlive).orElse(false))
                .as("bash after the context closed").isFalse();
    }

    @Test
    void remoteModeTalksToAServerWithItsKey(@TempDir Path tmp) throws Exception {
        ServerOptions options = ServerOptions.builder(tmp.toRealPath()).host("127.0.0.1").apiKey("k3y")
                .enableBrowser(false).build();
        try (RuntimeServer server = RuntimeServer.start(options, Assembly.runtime(options))) {
            boot.withPropertyValues("agent-runtime.mode=remote", "agent-runtime.url=http://127.0.0.1:"
                    + server.port(), "agent-runtime.api-key=k3y", "agent-runtime.tools=execute_bash,str_replace_editor")
                    .run(context -> {
                        AgentRuntime rt = context.getBean(AgentRuntime.class);
                        assertThat(rt).isInstanceOf(RemoteRuntime.class);
                        AgentRuntimeToolCallbacks tools = context.getBean(AgentRuntimeToolCallbacks.class);
                        assertThat(tools.getToolCallbacks()).extracting(t -> t.getToolDefinition().name())
                                .containsExactly("execute_bash", "str_replace_editor");
                        task(tools, rt, tmp.toRealPath().toString());
                    });
        }
    }

    @Test
    void dockerModeStartsASandboxAndRemovesItWithTheContext() throws Exception {
        TestImage.provider().close(); // skips (or fails, when Docker is required) without a daemon; builds the image
        String[] id = new String[1];
        boot.withPropertyValues("agent-runtime.mode=docker", "agent-runtime.docker.image=" + TestImage.TAG,
                "agent-runtime.docker.memory-mib=1024").run(context -> {
                    AgentRuntime rt = context.getBean(AgentRuntime.class);
                    id[0] = ((DockerSandboxRuntime) rt).sandbox().id();
                    assertThat(TestImage.run("docker", "ps", "-q", "--filter", "name=" + id[0])).isNotBlank();
                    task(context.getBean(AgentRuntimeToolCallbacks.class), rt, "/workspace");
                });
        assertThat(TestImage.run("docker", "ps", "-aq", "--filter", "name=" + id[0])).as("the container").isBlank();
    }

    @Test
    void aBadPropertyIsAClearStartupFailure() {
        boot.withPropertyValues("agent-runtime.mode=remote").run(context -> assertThat(context).hasFailed()
                .getFailure().hasRootCauseMessage("agent-runtime.mode=remote needs agent-runtime.url"));
        boot.withPropertyValues("agent-runtime.tools=execute_bash,shell").run(context -> assertThat(context)
                .hasFailed().getFailure().rootCause().hasMessageStartingWith("agent-runtime.tools: no tool named "
                        + "'shell'"));
    }
}
