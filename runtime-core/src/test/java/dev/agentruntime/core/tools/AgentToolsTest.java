package dev.agentruntime.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.Action;
import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.BrowserOutputObservation;
import dev.agentruntime.core.CmdOutputMetadata;
import dev.agentruntime.core.CmdOutputObservation;
import dev.agentruntime.core.CmdRunAction;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.FileEditAction;
import dev.agentruntime.core.FileReadAction;
import dev.agentruntime.core.IPythonRunCellAction;
import dev.agentruntime.core.IPythonRunCellObservation;
import dev.agentruntime.core.Observation;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AgentToolsTest {

    /** A runtime that records the actions it gets and answers them with what the test says. */
    static final class RecordingRuntime implements AgentRuntime {
        final List<Action> actions = new ArrayList<>();
        final Set<String> served;
        Function<Action, Observation> answer = a -> new CmdOutputObservation("ok", "", new CmdOutputMetadata(0, -1,
                "me", "host", "/w", null, "", "\n[The command completed with exit code 0.]"), false);

        RecordingRuntime(String... served) {
            this.served = Set.of(served);
        }

        @Override
        public Observation execute(Action action, Dialect dialect) {
            actions.add(action);
            return answer.apply(action);
        }

        @Override
        public Set<String> supportedActionTypes() {
            return served;
        }

        @Override
        public void upload(Path source, String destination, boolean recursive) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void download(String path, OutputStream zip) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> listFiles(String path) {
            return List.of();
        }

        @Override
        public boolean alive() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void offersTheToolsTheRuntimeServes() {
        assertThat(AgentTools.of(new RecordingRuntime("run", "edit", "read", "write")).tools())
                .containsExactly(AgentTool.EXECUTE_BASH, AgentTool.STR_REPLACE_EDITOR);
        assertThat(AgentTools.of(new RecordingRuntime("run", "edit", "run_ipython", "browse_interactive")).tools())
                .containsExactly(AgentTool.values());
        for (AgentTool t : AgentTool.values()) {
            assertThat(t.parametersJson()).startsWith("{\"type\": \"object\"");
            assertThat(AgentTool.named(t.toolName())).contains(t);
        }
    }

    @Test
    void aBashCallIsOpenHandsCommandWithItsTimeouts() {
        RecordingRuntime rt = new RecordingRuntime("run");
        AgentTools tools = AgentTools.of(rt);
        ToolCallParse plain = tools.parse("execute_bash", "{\"command\": \"ls -l\"}");
        // No timeout from the model: OpenHands' host gives 120 s, not blocking (10 s without output returns).
        assertThat(((ToolCallParse.Valid) plain).action()).isEqualTo(new CmdRunAction("ls -l")
                .withTimeout(Duration.ofSeconds(120), false));
        ToolCallParse timed = tools.parse("execute_bash", Map.of("command", "make", "timeout", 30,
                "is_input", "false"));
        assertThat(((ToolCallParse.Valid) timed).action()).isEqualTo(new CmdRunAction("make")
                .withTimeout(Duration.ofSeconds(30), true));
        ToolCallParse input = tools.parse("execute_bash", Map.of("command", "C-c", "is_input", true));
        assertThat(((CmdRunAction) ((ToolCallParse.Valid) input).action()).isInput()).isTrue();
        ToolCallParse stringTimeout = tools.parse("execute_bash", Map.of("command", "x", "timeout", "2.5"));
        assertThat(((ToolCallParse.Valid) stringTimeout).action().timeout()).isEqualTo(Duration.ofMillis(2500));
        ToolCallParse session = tools.inSession("svc").parse("execute_bash", Map.of("command", "x"));
        assertThat(((CmdRunAction) ((ToolCallParse.Valid) session).action()).session()).isEqualTo("svc");
    }

    static Stream<Arguments> badCalls() {
        return Stream.of(
                Arguments.of("execute_bash", "{}", "Missing required argument \"command\" in tool call execute_bash"),
                Arguments.of("execute_bash", "{\"command\": \"x\", \"timeout\": \"soon\"}",
                        "Invalid float passed to 'timeout' argument: soon"),
                Arguments.of("execute_bash", "{\"command\": \"x\", \"timeout\": -1}",
                        "Invalid 'timeout' argument: -1 (a positive number of seconds, at most a year)"),
                Arguments.of("execute_bash", "{\"command\": 7}",
                        "Invalid argument \"command\" in tool call execute_bash: it must be a string, got 7"),
                Arguments.of("execute_bash", "{\"command\": \"x\", \"is_input\": \"yes\"}",
                        "Invalid argument \"is_input\" in tool call execute_bash: it must be \"true\" or \"false\", "
                                + "got 'yes'"),
                Arguments.of("execute_bash", "{\"command\": \"x\", \"session\": \"no spaces\"}",
                        "a session name is 1-64 of A-Z a-z 0-9 _ . -, not 'no spaces'"),
                Arguments.of("execute_bash", "{\"command\": ", "Failed to parse tool call arguments: {\"command\": "),
                Arguments.of("execute_bash", "[1]", "Failed to parse tool call arguments: [1] (the arguments must be a "
                        + "JSON object)"),
                Arguments.of("str_replace_editor", "{\"path\": \"/w/a\"}",
                        "Missing required argument \"command\" in tool call str_replace_editor"),
                Arguments.of("str_replace_editor", "{\"command\": \"view\"}",
                        "Missing required argument \"path\" in tool call str_replace_editor"),
                Arguments.of("str_replace_editor", "{\"command\": \"create\", \"path\": \"/w/a\", \"text\": \"x\"}",
                        "Unexpected argument text in tool call str_replace_editor. Allowed arguments are: "
                                + "{'command', 'path', 'file_text', 'old_str', 'new_str', 'insert_line', "
                                + "'view_range', 'security_risk'}"),
                Arguments.of("str_replace_editor", "{\"command\": \"insert\", \"path\": \"/w/a\", \"insert_line\": "
                        + "\"top\"}", "Invalid `insert_line` parameter: top. It should be an integer."),
                Arguments.of("str_replace_editor", "{\"command\": \"view\", \"path\": \"/w/a\", \"view_range\": [1]}",
                        "Invalid `view_range` parameter: [1]. It should be a list of two integers."),
                Arguments.of("execute_ipython_cell", "{\"source\": \"1\"}",
                        "Missing required argument \"code\" in tool call execute_ipython_cell"),
                Arguments.of("think", "{\"thought\": \"hm\"}", "Tool think is not registered. (arguments: "
                        + "{'thought': 'hm'}). Please check the tool name and retry with an existing tool."));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badCalls")
    void aBadCallIsAnErrorTheModelReadsAndNothingRuns(String tool, String arguments, String message) {
        RecordingRuntime rt = new RecordingRuntime("run", "edit", "read", "run_ipython");
        AgentTools tools = AgentTools.of(rt);
        assertThat(tools.parse(tool, arguments)).isEqualTo(new ToolCallParse.Invalid(message));
        ToolResult r = tools.call(tool, arguments);
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).isEqualTo(message + "\n[Error occurred in processing last action]");
        assertThat(rt.actions).isEmpty();
    }

    @Test
    void editorCallsAreOpenHandsEditorActions() {
        AgentTools tools = AgentTools.of(new RecordingRuntime("run", "edit", "read"));
        assertThat(((ToolCallParse.Valid) tools.parse("str_replace_editor", Map.of("command", "view", "path", "/w/a",
                "view_range", List.of(2, -1)))).action())
                .isEqualTo(new FileReadAction("/w/a", 0, -1, "oh_aci", List.of(2, -1), null, "", -1));
        assertThat(((ToolCallParse.Valid) tools.parse("str_replace_editor", Map.of("command", "str_replace",
                "path", "/w/a", "old_str", "x", "new_str", "y"))).action())
                .isEqualTo(FileEditAction.of("/w/a", dev.agentruntime.core.EditorCommand.STR_REPLACE, null, "x", "y",
                        null));
        // An unknown command reaches the editor, which answers it in OpenHands' words.
        assertThat(((FileEditAction) ((ToolCallParse.Valid) tools.parse("str_replace_editor",
                Map.of("command", "delete", "path", "/w/a"))).action()).command()).isEqualTo("delete");
    }

    @Test
    void aCallAnswersWithTheTextTheModelReadsAndItsImages() {
        RecordingRuntime rt = new RecordingRuntime("run", "run_ipython", "browse_interactive");
        AgentTools tools = AgentTools.of(rt);
        ToolResult ran = tools.call("execute_bash", Map.of("command", "echo ok"));
        assertThat(ran.text()).isEqualTo("ok\n[The command completed with exit code 0.]\n"
                + "[Current working directory: /w]\n[Command finished with exit code 0]");
        assertThat(ran.isError()).isFalse();
        assertThat(ran.observation()).isInstanceOf(CmdOutputObservation.class);

        rt.answer = a -> new IPythonRunCellObservation("plotted", ((IPythonRunCellAction) a).code(),
                List.of("data:image/png;base64,iVBORw0KGgo="));
        ToolResult cell = tools.call("execute_ipython_cell", "{\"code\": \"plot()\"}");
        assertThat(cell.images()).containsExactly(new ToolImage("image/png", "iVBORw0KGgo="));
        assertThat(cell.images().get(0).dataUrl()).isEqualTo("data:image/png;base64,iVBORw0KGgo=");

        rt.answer = a -> new BrowserOutputObservation("page", "http://x/", "browse_interactive",
                "data:image/png;base64,AAAA", null, "", false, List.of(), 0, Map.of(), Map.of(), Map.of(), "", "", "");
        assertThat(tools.call("browser", "{\"code\": \"noop()\"}").images())
                .containsExactly(new ToolImage("image/png", "AAAA"));

        rt.answer = a -> {
            throw new IllegalStateException("the server is gone");
        };
        ToolResult failed = tools.call("execute_bash", Map.of("command", "ls"));
        assertThat(failed.isError()).isTrue();
        assertThat(failed.text()).isEqualTo("The runtime failed to run the action: the server is gone\n"
                + "[Error occurred in processing last action]");
    }

    @Test
    void onlyTheOfferedToolsAreCalled() {
        RecordingRuntime rt = new RecordingRuntime("run", "edit", "run_ipython");
        AgentTools bashOnly = AgentTools.of(rt, EnumSet.of(AgentTool.EXECUTE_BASH));
        assertThat(bashOnly.tools()).containsExactly(AgentTool.EXECUTE_BASH);
        assertThat(bashOnly.parse("execute_ipython_cell", "{\"code\": \"1\"}"))
                .isInstanceOf(ToolCallParse.Invalid.class);
    }
}
