package dev.agentruntime.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.Actions;
import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.InProcessRuntime;
import dev.agentruntime.core.spi.SandboxUser;
import dev.agentruntime.core.testing.TestUsers;
import dev.agentruntime.core.tools.AgentTool;
import dev.agentruntime.sandbox.Sandbox;
import dev.agentruntime.sandbox.docker.DockerSandboxes;
import dev.agentruntime.sandbox.docker.testing.TestImage;
import dev.agentruntime.shell.ShellOptions;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * LangChain4j's AI services, with a scripted model, run tasks through the provider: tool calls on a real runtime
 * (in-process as this user and as the sandbox user, and in a Docker sandbox), answered with what a model reads.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AgentRuntimeToolProviderIT {

    interface Assistant {
        String chat(String task);
    }

    interface PerUser {
        String chat(@MemoryId String user, @UserMessage String task);
    }

    private static InProcessRuntime inProcess(Path dir, SandboxUser user) {
        return InProcessRuntime.builder().workingDirectory(dir).user(user)
                .options(ShellOptions.builder(dir).user(user.name()).readRcFiles(false)
                        .noChangeTimeout(Duration.ofSeconds(2)).build()).build();
    }

    @ParameterizedTest
    @EnumSource(TestUsers.As.class)
    void anAiServiceRunsATaskInProcess(TestUsers.As as, @TempDir Path tmp) throws Exception {
        SandboxUser user = as.account();
        Path dir = TestUsers.workspace(tmp, user);
        try (InProcessRuntime rt = inProcess(dir, user)) {
            task(rt, dir.toString());
        }
    }

    @Test
    void anAiServiceRunsATaskInADockerSandbox() throws Exception {
        try (DockerSandboxes docker = TestImage.provider();
             Sandbox sandbox = docker.start(TestImage.spec().build())) {
            task(sandbox, "/workspace");
        }
    }

    /** The task: state across calls, an edit on disk, a timeout explained, a bad call answered as an error. */
    private static void task(AgentRuntime rt, String workdir) {
        String file = workdir + "/app/greet.py";
        ScriptedChatModel model = new ScriptedChatModel()
                .call("execute_bash", "{\"command\": \"mkdir -p app && cd app && export WHO=world\"}")
                .call("execute_bash", "{\"command\": \"echo hello $WHO from $(basename $(pwd))\"}")
                .call("str_replace_editor", "{\"command\": \"create\", \"path\": \"" + file + "\", "
                        + "\"file_text\": \"print('hello')\\n\"}")
                .call("str_replace_editor", "{\"command\": \"str_replace\", \"path\": \"" + file + "\", "
                        + "\"old_str\": \"hello\", \"new_str\": \"hello, sandbox\"}")
                .call("execute_bash", "{\"command\": \"sleep 30\", \"timeout\": 1}")
                .call("execute_bash", "{\"command\": \"C-c\", \"is_input\": \"true\"}")
                .call("str_replace_editor", "{\"command\": \"view\"}")
                .answer("done");
        Assistant assistant = AiServices.builder(Assistant.class).chatModel(model)
                .toolProvider(AgentRuntimeToolProvider.of(rt)).build();

        assertThat(assistant.chat("write a greeting program")).isEqualTo("done");

        List<ToolExecutionResultMessage> results = model.toolResults();
        assertThat(results).hasSize(7);
        assertThat(results.get(1).text()).startsWith("hello world from app\n[The command completed with exit code 0.]");
        assertThat(results.get(3).text()).startsWith("The file " + file + " has been edited.");
        assertThat(results.get(4).text()).contains("[The command timed out after 1.0 seconds. You may wait longer "
                + "to see additional output by sending empty command '', send other commands to interact with the "
                + "current process, send keys (\"C-c\", \"C-z\", \"C-d\") to interrupt/kill the previous command "
                + "before sending your new command, or use the timeout parameter in execute_bash for future "
                + "commands.]");
        assertThat(results.get(6).text()).startsWith("Missing required argument");
        assertThat(results.get(6).isError()).isTrue();
        assertThat(results.get(1).isError()).isFalse();
        assertThat(rt.execute(Actions.read(file)).content()).isEqualTo("print('hello, sandbox')\n");
        // The tool definitions the model was shown are the tool layer's.
        List<ToolSpecification> shown = model.requests.get(0).toolSpecifications();
        assertThat(shown).extracting(ToolSpecification::name).contains("execute_bash", "str_replace_editor");
    }

    @Test
    void theSchemasAreTheToolLayersPropertyForProperty() {
        ToolSpecification editor = AgentRuntimeToolProvider.specification(AgentTool.STR_REPLACE_EDITOR);

        assertThat(editor.name()).isEqualTo("str_replace_editor");
        assertThat(editor.description()).isEqualTo(AgentTool.STR_REPLACE_EDITOR.description());
        assertThat(editor.parameters().required()).containsExactly("command", "path");
        assertThat(editor.parameters().properties()).containsOnlyKeys("command", "path", "file_text", "old_str",
                "new_str", "insert_line", "view_range");
        assertThat(((JsonEnumSchema) editor.parameters().properties().get("command")).enumValues())
                .containsExactly("view", "create", "str_replace", "insert", "undo_edit");
        assertThat(editor.parameters().properties().get("insert_line")).isInstanceOf(JsonIntegerSchema.class);
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }

    @Test
    void eachChatMemoryCanHaveItsOwnShell(@TempDir Path tmp) throws Exception {
        Path dir = TestUsers.workspace(tmp, SandboxUser.current());
        try (InProcessRuntime rt = inProcess(dir, SandboxUser.current())) {
            ScriptedChatModel model = new ScriptedChatModel()
                    .call("execute_bash", "{\"command\": \"export ME=alice\"}").answer("ok")
                    .call("execute_bash", "{\"command\": \"echo ${ME:-nobody}\"}").answer("ok")
                    .call("execute_bash", "{\"command\": \"echo ${ME:-nobody}\"}").answer("ok");
            PerUser service = AiServices.builder(PerUser.class).chatModel(model)
                    .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(20))
                    .toolProvider(AgentRuntimeToolProvider.builder(rt).tools(AgentTool.EXECUTE_BASH)
                            .sessionPerChatMemory().build()).build();

            service.chat("alice", "remember me");
            service.chat("bob", "who am I?");
            assertThat(last(model.toolResults()).text()).startsWith("nobody\n");
            service.chat("alice", "who am I?");
            assertThat(last(model.toolResults()).text()).startsWith("alice\n");
            assertThat(model.requests.get(0).toolSpecifications()).extracting(ToolSpecification::name)
                    .containsExactly("execute_bash");
        }
    }
}
