package dev.agentruntime.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BashSessionIT {

    private static final Duration TEN = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    BashSession bash;

    @BeforeEach
    void start() {
        bash = BashSession.start(ShellOptions.builder(dir).readRcFiles(false).build());
    }

    @AfterEach
    void stop() {
        bash.close();
    }

    @Test
    void runsACommandAndReportsExitCodeAndDirectory() throws Exception {
        CommandResult r = bash.run("echo hello; (exit 3)", TEN, null);

        assertThat(r.status()).isEqualTo(CommandStatus.COMPLETED);
        assertThat(r.output()).isEqualTo("hello\n");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.prompt().workingDirectory()).isEqualTo(dir.toRealPath().toString());
    }

    @Test
    void keepsDirectoryEnvironmentAndFunctionsBetweenCommands() throws Exception {
        Files.createDirectory(dir.resolve("sub"));
        bash.run("cd sub && export GREETING=hi && greet() { echo \"$GREETING there\"; }", TEN, null);

        CommandResult r = bash.run("greet; pwd", TEN, null);

        assertThat(r.output()).isEqualTo("hi there\n" + dir.toRealPath().resolve("sub") + "\n");
        assertThat(bash.workingDirectory()).isEqualTo(dir.toRealPath().resolve("sub"));
    }

    @Test
    void runsHeredocsAndMultiLineScriptsAsWritten() throws Exception {
        CommandResult r = bash.run("cat <<'EOF'\nliteral $HOME\twith tab\nEOF\nfor i in 1 2; do\n  echo n$i\ndone",
                TEN, null);

        assertThat(r.output()).isEqualTo("literal $HOME\twith tab\nn1\nn2\n");
    }

    @Test
    void noChangeTimeoutLeavesTheCommandRunningAndEmptyCommandContinues() throws Exception {
        CommandResult first = bash.run("echo start; sleep 2; echo end", null, Duration.ofMillis(500));

        assertThat(first.status()).isEqualTo(CommandStatus.NO_CHANGE_TIMEOUT);
        assertThat(first.output()).isEqualTo("start\n");
        assertThat(bash.isRunning()).isTrue();
        assertThatThrownBy(() -> bash.run("echo no", TEN, null)).isInstanceOf(IllegalStateException.class);

        CommandResult rest = bash.awaitOutput(TEN, null);

        assertThat(rest.status()).isEqualTo(CommandStatus.COMPLETED);
        assertThat(rest.output()).isEqualTo("end\n");
    }

    @Test
    void interruptStopsALoopWithExitCode130() throws Exception {
        CommandResult running = bash.run("while true; do echo tick; sleep 0.1; done", Duration.ofMillis(500), null);
        assertThat(running.status()).isEqualTo(CommandStatus.HARD_TIMEOUT);

        CommandResult stopped = bash.interrupt(Duration.ofSeconds(5));

        assertThat(stopped.status()).isEqualTo(CommandStatus.COMPLETED);
        assertThat(stopped.exitCode()).isEqualTo(130);
        assertThat(bash.run("echo alive", TEN, null).output()).isEqualTo("alive\n");
    }

    @Test
    void aProgramThatIgnoresCtrlCIsStoppedByTheFallbackSignals() throws Exception {
        bash.run("bash -c \"trap '' INT; sleep 60\"", Duration.ofMillis(300), null);

        CommandResult stopped = bash.interrupt(Duration.ofSeconds(1));

        assertThat(stopped.status()).isEqualTo(CommandStatus.COMPLETED);
        assertThat(stopped.exitCode()).isEqualTo(137); // SIGKILL: the foreground group ignored SIGINT
        assertThat(bash.run("echo ok", TEN, null).output()).isEqualTo("ok\n");
    }

    @Test
    void interactiveProgramTakesInput() throws Exception {
        CommandResult asked = bash.run("read -p 'name? ' NAME; echo \"got $NAME\"", null, Duration.ofMillis(500));
        assertThat(asked.status()).isEqualTo(CommandStatus.NO_CHANGE_TIMEOUT);
        assertThat(asked.output()).isEqualTo("name? ");

        CommandResult answered = bash.sendInput("Bob\n", TEN, null);

        assertThat(answered.output()).isEqualTo("got Bob\n");
        assertThat(answered.exitCode()).isZero();
    }

    @Test
    void backgroundJobDoesNotBlockTheNextCommand() throws Exception {
        CommandResult bg = bash.run("sleep 30 &", TEN, null);
        CommandResult next = bash.run("echo next", TEN, null);

        assertThat(bg.completed()).isTrue();
        assertThat(bg.prompt().lastBackgroundPid()).isPositive();
        assertThat(next.output()).isEqualTo("next\n");
    }

    @Test
    void programOutputCannotPassForAPrompt() throws Exception {
        CommandResult r = bash.run("env | grep -c '^PS1=' ; echo \"$PS1\" | head -c 20; echo; echo done", TEN, null);

        assertThat(r.completed()).isTrue();
        assertThat(r.output()).endsWith("done\n");
    }

    @Test
    void promptSurvivesUserChangesToPs1AndPromptCommand() throws Exception {
        bash.run("export PS1='$ '; PROMPT_COMMAND='true'", TEN, null);

        CommandResult r = bash.run("echo still", TEN, null);

        assertThat(r.output()).isEqualTo("still\n");
        assertThat(r.completed()).isTrue();
    }

    @Test
    void deadShellIsReportedAndReplacedInTheLastDirectory() throws Exception {
        bash.run("cd /tmp", TEN, null);
        long before = bash.pid();

        CommandResult died = bash.run("exit 7", TEN, null);

        assertThat(died.status()).isEqualTo(CommandStatus.SHELL_DIED);
        assertThat(died.shellExitCode()).isEqualTo(7);
        CommandResult next = bash.run("pwd", TEN, null);
        assertThat(next.output()).isEqualTo("/tmp\n");
        assertThat(bash.pid()).isNotEqualTo(before);
    }

    @Test
    void killingTheShellItselfIsReportedToo() throws Exception {
        CommandResult died = bash.run("kill -9 $$", TEN, null);

        assertThat(died.status()).isEqualTo(CommandStatus.SHELL_DIED);
        assertThat(bash.run("echo back", TEN, null).output()).isEqualTo("back\n");
    }

    @Test
    void decodesInvalidUtf8WithReplacement() throws Exception {
        CommandResult r = bash.run("printf 'a\\xff\\xfeb\\n'", TEN, null);

        assertThat(r.output()).isEqualTo("a\uFFFD\uFFFDb\n");
    }

    @Test
    void closeEndsBackgroundJobsToo() throws Exception {
        CommandResult bg = bash.run("sleep 300 & echo $!", TEN, null);
        long jobPid = Long.parseLong(bg.output().strip().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(ProcessHandle.of(jobPid)).isPresent();

        bash.close();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ProcessHandle.of(jobPid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ProcessHandle.of(jobPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void largeOutputIsBoundedInMemory() throws Exception {
        try (BashSession small = BashSession.start(ShellOptions.builder(dir).readRcFiles(false)
                .maxOutputChars(10_000).build())) {
            CommandResult r = small.run("seq 1 100000", Duration.ofSeconds(30), null);

            assertThat(r.completed()).isTrue();
            assertThat(r.output()).startsWith("1\n2\n3\n").endsWith("99999\n100000\n");
            assertThat(r.droppedChars()).isGreaterThan(500_000);
            assertThat(r.output().length()).isLessThan(11_000);
        }
    }

    @Test
    void runsInitCommands() throws Exception {
        try (BashSession s = BashSession.start(ShellOptions.builder(dir).readRcFiles(false)
                .initCommands(List.of("alias hello='echo hi from alias'")).build())) {
            assertThat(s.run("hello", TEN, null).output()).isEqualTo("hi from alias\n");
        }
    }
}
