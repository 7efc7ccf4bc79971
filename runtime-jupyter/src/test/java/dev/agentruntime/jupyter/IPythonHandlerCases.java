package dev.agentruntime.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.CmdRunAction;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.IPythonRunCellAction;
import dev.agentruntime.core.IPythonRunCellObservation;
import dev.agentruntime.core.spi.SandboxUser;
import dev.agentruntime.core.testing.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run_ipython} through an in-process runtime with the real shell beside it (a test-scoped dependency: the
 * module itself depends on runtime-core only), as this process's user ({@link IPythonHandlerIT}) and as a non-root
 * sandbox user ({@link IPythonHandlerAsSandboxUserIT}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class IPythonHandlerCases {

    Path dir;
    SandboxUser user;
    AgentRuntime rt;

    /** Whom the kernel and the shell run as. */
    abstract TestUsers.As as();

    @BeforeEach
    void start(@TempDir Path tmp) throws Exception {
        user = as().account();
        dir = TestUsers.workspace(tmp, user);
        rt = AgentRuntime.builder().workingDirectory(dir).user(user)
                .options(new JupyterOptions("/usr/bin/python3", true, Duration.ofSeconds(60))).build();
    }

    @AfterEach
    void stop() {
        rt.close();
    }

    private IPythonRunCellObservation cell(String code, Dialect dialect) {
        return (IPythonRunCellObservation) rt.execute(new IPythonRunCellAction(code)
                .withTimeout(Duration.ofSeconds(30)), dialect);
    }

    @Test
    void currentDialectAppendsDirectoryAndInterpreter() {
        IPythonRunCellObservation o = cell("print('Hello, `World`!\\n')", Dialect.CURRENT);

        assertThat(o.content()).isEqualTo("Hello, `World`!\n[Jupyter current working directory: " + dir
                + "]\n[Jupyter Python interpreter: /usr/bin/python3]");
        assertThat(o.imageUrls()).isNull();
    }

    @Test
    void theKernelRunsAsTheUserWithItsHome() throws Exception {
        String out = cell("import os; print(os.getuid(), os.environ['HOME']); open('k.txt', 'w').write('k')",
                Dialect.CURRENT).content();

        assertThat(out).startsWith(user.uid() + " " + user.home() + "\n");
        assertThat(TestUsers.ownerUid(dir.resolve("k.txt"))).isEqualTo(user.uid());
    }

    @Test
    void includeExtraFalseLeavesTheLinesOut() {
        IPythonRunCellAction action = new IPythonRunCellAction("1 + 1", false, "", Duration.ofSeconds(30), "",
                dev.agentruntime.core.Confirmation.CONFIRMED, -1);

        assertThat(rt.execute(action, Dialect.CURRENT).content()).isEqualTo("2");
    }

    @Test
    void noOutputAndTracebacksReadLikeOpenHands() {
        assertThat(cell("x = 1", Dialect.CURRENT).content())
                .startsWith("[Code executed successfully with no output]\n[Jupyter current working directory:");
        assertThat(cell("undefined_name", Dialect.CURRENT).content()).contains("NameError")
                .doesNotContain("\u001b[");
    }

    @Test
    void directoryFollowsTheShell() throws Exception {
        Files.createDirectory(dir.resolve("sub"));
        rt.execute(new CmdRunAction("cd sub").withTimeout(Duration.ofSeconds(10)));

        IPythonRunCellObservation o = cell("import os; print(os.getcwd())", Dialect.CURRENT);

        assertThat(o.content()).startsWith(dir.resolve("sub") + "\n[Jupyter current working directory: "
                + dir.resolve("sub") + "]");
    }

    @Test
    void timeoutSaysSoAndStateSurvives() {
        cell("survivor = 7", Dialect.CURRENT);

        IPythonRunCellObservation slow = (IPythonRunCellObservation) rt.execute(
                new IPythonRunCellAction("import time; time.sleep(10)").withTimeout(Duration.ofSeconds(2)),
                Dialect.CURRENT);

        assertThat(slow.content()).startsWith("[Execution timed out (2.0 seconds).]");
        assertThat(cell("print(survivor)", Dialect.CURRENT).content()).startsWith("7\n");
    }

    @Test
    void imagesAreUrlsInCurrentAndMarkdownInLegacy() {
        IPythonRunCellObservation current = cell(TinyPng.DISPLAY_CELL, Dialect.CURRENT);
        IPythonRunCellObservation legacy = cell(TinyPng.DISPLAY_CELL, Dialect.LEGACY);

        assertThat(current.imageUrls()).containsExactly("data:image/png;base64," + TinyPng.BASE64);
        assertThat(legacy.content()).contains("![image](data:image/png;base64," + TinyPng.BASE64 + ")");
        assertThat(legacy.imageUrls()).isNull();
    }

    @Test
    void deadKernelIsReportedThenReplaced() {
        cell("lost = True", Dialect.CURRENT);

        String died = cell("import os; os._exit(1)", Dialect.CURRENT).content();
        String after = cell("print('lost' in globals())", Dialect.CURRENT).content();

        assertThat(died).startsWith("[The Python kernel died while running this cell (exit code 1). A new kernel "
                + "starts with the next cell; variables and imports are lost.]");
        assertThat(after).startsWith("False\n");
    }

    @Test
    void kernelInitCodeRunsOnceBeforeTheFirstCell() {
        IPythonRunCellAction first = new IPythonRunCellAction("print(counter)", true, "counter = 41",
                Duration.ofSeconds(30), "", dev.agentruntime.core.Confirmation.CONFIRMED, -1);
        IPythonRunCellAction again = new IPythonRunCellAction("counter += 1; print(counter)", true, "counter = 41",
                Duration.ofSeconds(30), "", dev.agentruntime.core.Confirmation.CONFIRMED, -1);

        assertThat(rt.execute(first, Dialect.CURRENT).content()).startsWith("41\n");
        assertThat(rt.execute(again, Dialect.CURRENT).content()).startsWith("42\n");
    }

    @Test
    void inputInACellFailsInsteadOfHanging() {
        assertThat(cell("input('name? ')", Dialect.CURRENT).content()).contains("StdinNotImplementedError");
    }
}
