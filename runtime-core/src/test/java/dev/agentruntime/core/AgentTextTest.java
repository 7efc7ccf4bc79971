package dev.agentruntime.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a model reads for each observation, checked against texts written out by hand from OpenHands' own rendering
 * ({@code CmdOutputObservation.to_agent_observation}, {@code ConversationMemory._process_observation},
 * {@code truncate_content}; the 2024 CodeAct agent's {@code get_observation_message}).
 */
class AgentTextTest {

    static final String TEMPLATE = "You may wait longer to see additional output by sending empty command '', send "
            + "other commands to interact with the current process, send keys (\"C-c\", \"C-z\", \"C-d\") to "
            + "interrupt/kill the previous command before sending your new command, or use the timeout parameter in "
            + "execute_bash for future commands.";

    private static CmdOutputObservation run(String content, int exit, String dir, String python, String prefix,
                                            String suffix) {
        return new CmdOutputObservation(content, "cmd", new CmdOutputMetadata(exit, -1, dir == null ? null : "me",
                dir == null ? null : "host", dir, python, prefix, suffix), false);
    }

    static Stream<Arguments> currentTexts() {
        return Stream.of(
                Arguments.of("completed", run("hello", 0, "/workspace", "/usr/bin/python", "",
                                "\n[The command completed with exit code 0.]"),
                        "hello\n[The command completed with exit code 0.]\n[Current working directory: /workspace]\n"
                                + "[Python interpreter: /usr/bin/python]\n[Command finished with exit code 0]",
                        false, RunStatus.COMPLETED),
                Arguments.of("failed", run("ls: cannot access 'x'", 2, "/w", null, "",
                                "\n[The command completed with exit code 2.]"),
                        "ls: cannot access 'x'\n[The command completed with exit code 2.]\n"
                                + "[Current working directory: /w]\n[Command finished with exit code 2]",
                        true, RunStatus.COMPLETED),
                Arguments.of("no new output", run("started", -1, null, null, "",
                                "\n[The command has no new output after 10 seconds. " + TEMPLATE + "]"),
                        "started\n[The command has no new output after 10 seconds. " + TEMPLATE + "]",
                        true, RunStatus.STILL_RUNNING),
                Arguments.of("hard timeout", run("", -1, null, null, "",
                                "\n[The command timed out after 2.0 seconds. " + TEMPLATE + "]"),
                        "\n[The command timed out after 2.0 seconds. " + TEMPLATE + "]", true, RunStatus.TIMED_OUT),
                Arguments.of("continuation", run("more", -1, null, null,
                                "[Below is the output of the previous command.]\n",
                                "\n[The command has no new output after 10 seconds. " + TEMPLATE + "]"),
                        "[Below is the output of the previous command.]\nmore\n[The command has no new output after 10"
                                + " seconds. " + TEMPLATE + "]", true, RunStatus.STILL_RUNNING),
                Arguments.of("not executed", run("", -1, null, null,
                                "[Below is the output of the previous command.]\n",
                                "\n[Your command \"ls\" is NOT executed. The previous command is still running - You "
                                        + "CANNOT send new commands until the previous command is completed. By "
                                        + "setting `is_input` to `true`, you can interact with the current process: "
                                        + TEMPLATE + "]"),
                        "[Below is the output of the previous command.]\n\n[Your command \"ls\" is NOT executed. The "
                                + "previous command is still running - You CANNOT send new commands until the "
                                + "previous command is completed. By setting `is_input` to `true`, you can interact "
                                + "with the current process: " + TEMPLATE + "]", true, RunStatus.NOT_EXECUTED),
                Arguments.of("ctrl-c", run("^C", 130, "/w", null, "",
                                "\n[The command completed with exit code 130. CTRL+C was sent.]"),
                        "^C\n[The command completed with exit code 130. CTRL+C was sent.]\n"
                                + "[Current working directory: /w]\n[Command finished with exit code 130]",
                        true, RunStatus.COMPLETED),
                Arguments.of("nothing running", run("ERROR: No previous running command to retrieve logs from.", -1,
                                null, null, "", ""),
                        "ERROR: No previous running command to retrieve logs from.", true, RunStatus.NOTHING_RUNNING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentTexts")
    void commandsReadAsOpenHandsRendersThem(String name, CmdOutputObservation o, String text, boolean error,
                                            RunStatus status) {
        assertThat(o.agentText()).isEqualTo(text);
        assertThat(o.isError()).isEqualTo(error);
        assertThat(o.status()).isEqualTo(status);
        assertThat(o.commandOutput()).containsSame(o);
    }

    @Test
    void theOtherObservationsReadAsOpenHandsRendersThem() {
        ErrorObservation error = new ErrorObservation("File not found: /w/x. Your current working directory is /w.");
        assertThat(error.agentText()).isEqualTo("File not found: /w/x. Your current working directory is /w.\n"
                + "[Error occurred in processing last action]");
        assertThat(error.isError()).isTrue();
        assertThat(error.commandOutput()).isEmpty();

        IPythonRunCellObservation cell = new IPythonRunCellObservation("Traceback (most recent call last):\n  ...\n"
                + "ZeroDivisionError: division by zero\n[Jupyter current working directory: /w]", "1/0", null);
        assertThat(cell.agentText()).isEqualTo(cell.content());
        assertThat(cell.isError()).as("OpenHands: a cell has no exit code").isFalse();
        IPythonRunCellObservation plot = new IPythonRunCellObservation("a\n![image](data:image/png;base64,iVBORw0K)"
                + "\nb", "plot()", null);
        assertThat(plot.agentText()).isEqualTo("a\n![image](data:image/png;base64, ...) already displayed to user\nb");

        FileEditObservation edited = new FileEditObservation("The file /w/a.py has been edited. ...", "/w/a.py", true,
                "x", "y", "oh_aci", null);
        assertThat(edited.agentText()).isEqualTo(edited.content());
        assertThat(edited.isError()).isFalse();
        FileEditObservation refused = new FileEditObservation("ERROR:\nNo replacement was performed, old_str `x` did "
                + "not appear verbatim in /w/a.py.", "/w/a.py", true, "x", "y", "oh_aci", null);
        assertThat(refused.agentText()).isEqualTo(refused.content());
        assertThat(refused.isError()).isTrue();

        FileReadObservation view = new FileReadObservation("ERROR:\nInvalid `path` parameter: w. The path should be "
                + "an absolute path, starting with `/`.", "w", "oh_aci");
        assertThat(view.isError()).isTrue();
        assertThat(new FileReadObservation("ERROR: in a file", "/w/log", "default").isError()).isFalse();

        FileWriteObservation written = new FileWriteObservation("", "/w/a.txt");
        assertThat(written.agentText()).isEqualTo("I wrote to the file /w/a.txt.");
        assertThat(written.isError()).isFalse();

        BrowserOutputObservation page = new BrowserOutputObservation("[Current URL: http://x/]\n...", "http://x/",
                "browse", "", null, "", true, List.of(), -1, Map.of(), Map.of(), Map.of(), "", "timeout", "");
        assertThat(page.agentText()).isEqualTo(page.content());
        assertThat(page.isError()).isTrue();
    }

    @Test
    void longTextsAreCutInTheMiddleAtOpenHandsLimit() {
        String long40k = "a".repeat(20_000) + "b".repeat(20_000);
        ErrorObservation error = new ErrorObservation(long40k);
        assertThat(error.agentText()).isEqualTo("a".repeat(15_000) + "\n[... Observation truncated due to length ...]"
                + "\n" + "b".repeat(15_000) + "\n[Error occurred in processing last action]");
        // The 2024 agents cut at 10,000.
        assertThat(error.agentText(Dialect.LEGACY)).isEqualTo("OBSERVATION:\n" + "a".repeat(5_000)
                + "\n[... Observation truncated due to length ...]\n" + "b".repeat(5_000)
                + "\n[Error occurred in processing last action]");
        String exactly = "c".repeat(30_000);
        assertThat(new ErrorObservation(exactly).agentText()).startsWith(exactly);
    }

    @Test
    void the2024AgentReadsObservationsWithItsOwnFrame() {
        CmdOutputObservation legacy = new CmdOutputObservation("total 0\r\n\r\nroot@host:/workspace # ", "ls",
                CmdOutputMetadata.ofExitCode(0), false);
        assertThat(legacy.agentText(Dialect.LEGACY)).isEqualTo("OBSERVATION:\ntotal 0\r\n\r\nroot@host:/workspace # "
                + "\n[Command -1 finished with exit code 0]");
        assertThat(legacy.status()).isEqualTo(RunStatus.COMPLETED);
        CmdOutputObservation interrupted = new CmdOutputObservation("partial\r\n\r\n[Command timed out after 2 "
                + "seconds. SIGINT was sent to interrupt it.]", "sleep 9", CmdOutputMetadata.ofExitCode(130), false);
        assertThat(interrupted.status()).isEqualTo(RunStatus.TIMED_OUT);
        CmdOutputObservation waiting = new CmdOutputObservation("1\r\n2", "", CmdOutputMetadata.ofExitCode(-1),
                false);
        assertThat(waiting.status()).isEqualTo(RunStatus.STILL_RUNNING);
        assertThat(new IPythonRunCellObservation("1", "print(1)", null).agentText(Dialect.LEGACY))
                .isEqualTo("OBSERVATION:\n1");
        assertThat(new ErrorObservation("no").agentText(Dialect.LEGACY))
                .isEqualTo("OBSERVATION:\nno\n[Error occurred in processing last action]");
    }
}
