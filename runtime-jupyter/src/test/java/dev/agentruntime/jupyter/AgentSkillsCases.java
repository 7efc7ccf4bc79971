package dev.agentruntime.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.CmdRunAction;
import dev.agentruntime.core.Confirmation;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.FileEditAction;
import dev.agentruntime.core.IPythonRunCellAction;
import dev.agentruntime.core.spi.SandboxUser;
import dev.agentruntime.core.testing.TestUsers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code agent_skills} helpers through {@code run_ipython} in a real kernel, against transcripts written from the
 * behavioural reference ({@code src/test/resources/agentskills/*.txt}): each step is a cell and the exact text it
 * must print, or a shell command. Run as this process's user ({@link AgentSkillsIT}) and as a non-root sandbox
 * user ({@link AgentSkillsAsSandboxUserIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class AgentSkillsCases {

    Path root;
    SandboxUser user;
    AgentRuntime rt;

    /** Whom the kernel and the shell run as. */
    abstract TestUsers.As as();

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        user = as().account();
        root = TestUsers.workspace(tmp, user);
        rt = AgentRuntime.builder().workingDirectory(root).user(user)
                .options(new JupyterOptions("/usr/bin/python3", true, Duration.ofSeconds(60))).build();
    }

    @AfterAll
    void stop() {
        if (rt != null) {
            rt.close();
        }
    }

    /** A cell's output as the agent reads it in the current dialect, without the working-directory lines. */
    String cell(String code) {
        return rt.execute(new IPythonRunCellAction(code, false, "", Duration.ofSeconds(60), "",
                Confirmation.CONFIRMED, -1), Dialect.CURRENT).content();
    }

    /** A new folder of the user's, made and entered by the shell. */
    Path enter(String name) {
        Path dir = root.resolve(name);
        shell("mkdir -p " + dir + " && cd " + dir);
        return dir;
    }

    void shell(String command) {
        String out = rt.execute(new CmdRunAction(command).withTimeout(Duration.ofSeconds(30))).content();
        assertThat(out).as("shell output of %s", command).doesNotContain("No such file");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"navigation", "editing", "search", "paths", "lint", "readers"})
    void transcript(String name) throws Exception {
        if (name.equals("lint")) {
            assumeTrue(onPath("flake8"), "flake8 is not installed");
        }
        if (name.equals("readers")) {
            assumeTrue(cell("import docx, PyPDF2, pylatexenc; print('ok')").equals("ok"),
                    "python3-docx, python3-pypdf2 or python3-pylatexenc is not installed");
        }
        Path dir = enter(name);
        for (Step step : Step.parse(resource(name + ".txt"))) {
            if (step.shell()) {
                shell(step.code());
            } else {
                assertThat(cell(step.code())).as("cell:\n%s", step.code())
                        .isEqualTo(step.expected().replace("{dir}", dir.toString()));
            }
        }
    }

    @Test
    void theHelpersAreBackAfterAKernelRestartWithFreshState() throws Exception {
        Path dir = enter("restart");
        cell("create_file('kept.txt')");

        String died = cell("import os; os._exit(3)");
        String after = cell("goto_line(1)\nopen_file('kept.txt')");

        assertThat(died).startsWith("[The Python kernel died while running this cell (exit code 3).");
        assertThat(after).isEqualTo("ERROR: No file open. Use the open_file function first.\n[File: " + dir
                + "/kept.txt (1 lines total)]\n(this is the beginning of the file)\n1|\n(this is the end of the "
                + "file)");
    }

    @Test
    void fileEditorIsTheRuntimesEditorWithOneUndoHistory() throws Exception {
        Path dir = enter("file-editor");
        Path file = Files.writeString(dir.resolve("fe.txt"), "alpha\nbeta\n");
        if (!user.isProcessUser()) {
            // The agent's file: the editor acts with the agent's rights, and a file of root's mode 0644 is not its.
            Files.setAttribute(file, "unix:uid", user.uid());
        }
        String f = file.toString();

        String edited = cell("print(file_editor('str_replace', " + py(f) + ", old_str='beta', new_str='BETA'))");
        String refused = cell("print(file_editor('str_replace', " + py(f) + ", old_str='zzz', new_str='y'))");
        String undone = rt.execute(dev.agentruntime.core.Actions.undoEdit(f)).content();

        assertThat(edited).matches("(?s)<oh_aci_output_([0-9a-f]{32})>\n\\{\n"
                + "  \"output\": \"The file .*fe.txt has been edited\\. .*\",\n"
                + "  \"error\": null,\n  \"path\": \"" + f + "\",\n  \"prev_exist\": true,\n"
                + "  \"old_content\": \"alpha\\\\nbeta\\\\n\",\n  \"new_content\": \"alpha\\\\nBETA\\\\n\",\n"
                + "  \"formatted_output_and_error\": \".*\"\n\\}\n</oh_aci_output_\\1>");
        assertThat(refused).isEqualTo("ERROR:\nNo replacement was performed, old_str `zzz` did not appear verbatim in "
                + f + ".");
        assertThat(undone).startsWith("Last edit to " + f + " undone successfully.");
        assertThat(Files.readString(file)).isEqualTo("alpha\nbeta\n");
    }

    @Test
    void fileEditorCreatesFilesOfTheSandboxUser() throws Exception {
        Path created = enter("fe-create").resolve("made.txt");

        String out = cell("r = file_editor('create', " + py(created.toString()) + ", file_text='x')\n"
                + "print(r.splitlines()[2])");

        assertThat(out).isEqualTo("  \"output\": \"File created successfully at: " + created + "\",");
        assertThat(TestUsers.ownerUid(created)).isEqualTo(user.uid());
    }

    private static String py(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static boolean onPath(String program) {
        for (String dir : List.of("/usr/local/bin", "/usr/bin", "/bin")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AgentSkillsCases.class.getResourceAsStream("/agentskills/" + name)) {
            assertThat(in).as("transcript %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** One step of a transcript: {@code ### cell} code and its {@code ### out}, or a {@code ### shell} command. */
    record Step(boolean shell, String code, String expected) {

        static List<Step> parse(String transcript) {
            List<Step> steps = new ArrayList<>();
            String[] parts = transcript.split("(?m)^### ");
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i];
                String kind = part.substring(0, part.indexOf('\n')).strip();
                String body = part.substring(part.indexOf('\n') + 1).replaceAll("\n+$", "");
                switch (kind) {
                    case "shell" -> steps.add(new Step(true, body, null));
                    case "cell" -> steps.add(new Step(false, body, null));
                    case "out" -> {
                        Step cell = steps.remove(steps.size() - 1);
                        steps.add(new Step(false, cell.code(), body));
                    }
                    default -> throw new IllegalArgumentException("unknown transcript step " + kind);
                }
            }
            return steps;
        }
    }
}
