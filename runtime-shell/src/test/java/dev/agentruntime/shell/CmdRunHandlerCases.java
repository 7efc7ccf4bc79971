package dev.agentruntime.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.InProcessRuntime;
import dev.agentruntime.core.CmdOutputObservation;
import dev.agentruntime.core.CmdRunAction;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.ErrorObservation;
import dev.agentruntime.core.Observation;
import dev.agentruntime.core.spi.SandboxUser;
import dev.agentruntime.core.testing.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code run} handler through an in-process runtime, in both dialects, with the OpenHands bash test cases; run
 * as this process's user ({@link CmdRunHandlerIT}) and as a non-root sandbox user
 * ({@link CmdRunHandlerAsSandboxUserIT}), as OpenHands deploys it.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
abstract class CmdRunHandlerCases {

    Path dir;
    SandboxUser user;
    InProcessRuntime rt;

    /** Whom the shell runs as. */
    abstract TestUsers.As as();

    @BeforeEach
    void start(@TempDir Path tmp) throws Exception {
        user = as().account();
        dir = TestUsers.workspace(tmp, user);
        rt = InProcessRuntime.builder().workingDirectory(dir).user(user)
                .options(ShellOptions.builder(dir).user(user.name()).readRcFiles(false)
                        .noChangeTimeout(Duration.ofSeconds(2))
                        .initCommands(List.of(ShellProvider.GIT_NO_PAGER)).build())
                .build();
    }

    @AfterEach
    void stop() {
        rt.close();
    }

    private CmdOutputObservation current(CmdRunAction action) {
        Observation o = rt.execute(action, Dialect.CURRENT);
        assertThat(o).isInstanceOf(CmdOutputObservation.class);
        return (CmdOutputObservation) o;
    }

    private CmdOutputObservation current(String command) {
        return current(new CmdRunAction(command).withTimeout(Duration.ofSeconds(30), false));
    }

    private CmdOutputObservation legacy(CmdRunAction action) {
        return (CmdOutputObservation) rt.execute(action, Dialect.LEGACY);
    }

    @Test
    void theOutputBoundHoldsForThe2024ContentAsSentWithItsCrLf() {
        try (InProcessRuntime small = InProcessRuntime.builder().workingDirectory(dir).user(user)
                .options(ShellOptions.builder(dir).user(user.name()).readRcFiles(false).maxOutputChars(10_000)
                        .build()).build()) {
            CmdOutputObservation o = (CmdOutputObservation) small.execute(new CmdRunAction("seq 1 100000")
                    .withTimeout(Duration.ofSeconds(30)), Dialect.LEGACY);
            assertThat(o.exitCode()).isZero();
            assertThat(o.content()).startsWith("1\r\n2\r\n").contains("99999\r\n100000\r\n")
                    .contains(" characters of output were dropped to bound memory ...]");
            assertThat(o.content().length()).isLessThanOrEqualTo(10_000 + 80);
        }
    }

    /** A command bash cannot be given (a lone surrogate) is an error; the session is as it was. */
    @Test
    void aCommandThatCannotReachBashIsAnErrorAndTheSessionGoesOn() {
        Observation o = rt.execute(new CmdRunAction("echo \ud800"), Dialect.CURRENT);

        assertThat(o).isEqualTo(new ErrorObservation("The command cannot be written as UTF-8: it holds a lone "
                + "surrogate (\\ud800) at character 5. Nothing was run."));
        assertThat(current("echo usable").content()).isEqualTo("usable");
        assertThat(rt.execute(new CmdRunAction("echo \udc00 x").withTimeout(Duration.ofSeconds(10)),
                Dialect.LEGACY)).isInstanceOf(ErrorObservation.class);
    }

    /** {@code exec 2>&-} takes the prompt's stream away: the session gives it back at once. */
    @Test
    void aClosedStandardErrorDoesNotWedgeTheShell() {
        CmdOutputObservation closed = current("exec 2>&-");

        assertThat(closed.exitCode()).isZero();
        CmdOutputObservation after = current("echo back; ls /nonexistent-agent-runtime");
        assertThat(after.content()).startsWith("back\n").contains("No such file or directory");
        assertThat(after.exitCode()).isEqualTo(2);
    }

    /** {@code exec bash} replaces the shell with one whose prompt carries no marker: the session sets it right. */
    @Test
    void aReplacedShellIsStartedAgainWhereItWas() throws Exception {
        current("cd /tmp && export KEPT=yes && NOT_EXPORTED=gone");

        CmdOutputObservation replaced = current("exec bash");

        assertThat(replaced.content()).endsWith(BashSession.SHELL_RESTORED);
        assertThat(replaced.exitCode()).isZero();
        CmdOutputObservation after = current("echo $((6*7)) ${KEPT:-lost} ${NOT_EXPORTED:-unset}; pwd");
        assertThat(after.content()).isEqualTo("42 yes unset\n/tmp");
        assertThat(current("exec bash --norc").content()).endsWith(BashSession.SHELL_RESTORED);
        assertThat(current("echo again").content()).isEqualTo("again");
    }

    /** {@code stty sane} turns echo back on: every later observation would start with the command typed. */
    @Test
    void aChangedTerminalModeIsPutBack() {
        current("stty sane");
        assertThat(current("echo two").content()).isEqualTo("two");
        current("stty echo onlcr -icanon");
        assertThat(current("echo three; echo four").content()).isEqualTo("three\nfour");
        assertThat(legacy(new CmdRunAction("echo five").withTimeout(Duration.ofSeconds(10))).content())
                .startsWith("five\r\n");
    }

    @Test
    void currentDialectReportsMetadataAndSuffix() throws Exception {
        CmdOutputObservation o = current("echo hello; id -u");

        assertThat(o.content()).isEqualTo("hello\n" + user.uid());
        assertThat(o.exitCode()).isZero();
        assertThat(o.metadata().workingDir()).isEqualTo(dir.toRealPath().toString());
        assertThat(o.metadata().suffix()).isEqualTo("\n[The command completed with exit code 0.]");
        assertThat(o.metadata().username()).isEqualTo(user.name());
    }

    @Test
    void multiLineEchoHeredocAndLoopRunAsOneCommandEach() {
        assertThat(current("echo 'hello\nworld'").content()).isEqualTo("hello\nworld");
        assertThat(current("cat <<'EOF'\nline $HOME\nEOF").content()).isEqualTo("line $HOME");
        assertThat(current("for i in 1 2 3; do\n  echo $i\ndone").content()).isEqualTo("1\n2\n3");
    }

    @Test
    void refusesSeveralCommandsAtOnce() {
        Observation o = rt.execute(new CmdRunAction("ls\npwd"), Dialect.CURRENT);

        assertThat(o).isEqualTo(new ErrorObservation("ERROR: Cannot execute multiple commands at once.\n"
                + "Please run each command separately OR chain them into a single command via && or ;\n"
                + "Provided commands:\n(1) ls\n(2) pwd"));
    }

    @Test
    void environmentAndDirectoryPersistAndReachTheWorkspace() throws Exception {
        current("mkdir -p sub && cd sub && export FOO=bar");

        assertThat(current("echo $FOO").content()).isEqualTo("bar");
        assertThat(rt.workspace().currentDirectory()).isEqualTo(dir.toRealPath().resolve("sub"));
    }

    @Test
    void serverCommandTimesOutThenControlCStopsIt() {
        CmdOutputObservation started = current(new CmdRunAction("python3 -m http.server 0 --bind 127.0.0.1")
                .withTimeout(Duration.ofSeconds(1)));

        assertThat(started.exitCode()).isEqualTo(-1);
        assertThat(started.metadata().suffix()).isEqualTo("\n[The command timed out after 1.0 seconds. "
                + CurrentRun.TIMEOUT_MESSAGE_TEMPLATE + "]");

        CmdOutputObservation refused = current("echo hi");
        assertThat(refused.metadata().suffix()).startsWith("\n[Your command \"echo hi\" is NOT executed.");
        assertThat(refused.metadata().prefix()).isEqualTo("[Below is the output of the previous command.]\n");

        CmdOutputObservation stopped = current(new CmdRunAction("C-c").asInput().withTimeout(Duration.ofSeconds(10)));

        // The terminal echoes the key, as the pane of OpenHands' does.
        assertThat(stopped.content()).startsWith("^C").contains("Keyboard interrupt received, exiting.");
        assertThat(stopped.metadata().suffix()).endsWith("CTRL+C was sent.]");
        assertThat(current("echo after").content()).isEqualTo("after");
    }

    @Test
    void noChangeTimeoutThenEmptyCommandCollectsTheRest() {
        CmdOutputObservation first = current(new CmdRunAction("echo begin; sleep 3; echo finish"));

        assertThat(first.content()).isEqualTo("begin");
        assertThat(first.metadata().suffix()).isEqualTo("\n[The command has no new output after 2 seconds. "
                + CurrentRun.TIMEOUT_MESSAGE_TEMPLATE + "]");

        CmdOutputObservation rest = current(new CmdRunAction("").withTimeout(Duration.ofSeconds(10)));

        assertThat(rest.content()).isEqualTo("finish");
        assertThat(rest.exitCode()).isZero();
    }

    @Test
    void backgroundServerThenCurl() throws Exception {
        current("python3 -m http.server 0 --bind 127.0.0.1 > server.log 2>&1 &");
        String log = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!log.contains("port") && System.nanoTime() < deadline) {
            log = current("cat server.log").content();
        }
        Matcher port = Pattern.compile("port (\\d+)").matcher(log);
        assertThat(port.find()).as("server log: %s", log).isTrue();

        CmdOutputObservation page = current("curl -s http://127.0.0.1:" + port.group(1) + "/");

        assertThat(page.content()).contains("server.log");
        current("kill %1");
    }

    @Test
    void longOutputsArriveWhole() {
        CmdOutputObservation five = current("seq 1 5000");
        CmdOutputObservation fifty = legacy(new CmdRunAction("seq 1 50000").withTimeout(Duration.ofSeconds(30))
                .withKeepPrompt(false));

        assertThat(five.content().lines().count()).isEqualTo(5000);
        assertThat(fifty.content()).startsWith("1\r\n2\r\n").endsWith("49999\r\n50000");
        assertThat(fifty.content().length()).isEqualTo(288_893 + 49_999);
    }

    @Test
    void interactiveInputIsTypedIntoTheProgram() {
        CmdOutputObservation asked = current(new CmdRunAction("python3 -c \"print('got', input('name? '))\""));
        assertThat(asked.content()).isEqualTo("name?");

        CmdOutputObservation answered = current(new CmdRunAction("Ann").asInput().withTimeout(Duration.ofSeconds(10)));

        assertThat(answered.content()).isEqualTo("got Ann");
        assertThat(answered.exitCode()).isZero();
    }

    @Test
    void controlCStopsALoop() {
        current(new CmdRunAction("while true; do echo loop; sleep 0.2; done").withTimeout(Duration.ofSeconds(1)));

        CmdOutputObservation stopped = current(new CmdRunAction("C-c").asInput().withTimeout(Duration.ofSeconds(10)));

        assertThat(stopped.exitCode()).isEqualTo(130);
    }

    @Test
    void explainsEmptyCommandsAndInputWithNothingRunning() {
        assertThat(current(new CmdRunAction("")).content())
                .isEqualTo("ERROR: No previous running command to retrieve logs from.");
        assertThat(current(new CmdRunAction("yes").asInput()).content())
                .isEqualTo("ERROR: No previous running command to interact with.");
    }

    @Test
    void staticCommandRunsInASeparateShell() throws Exception {
        current("export ONLY_HERE=1");

        CmdOutputObservation o = current(new CmdRunAction("echo \"[$ONLY_HERE]\"; pwd").asStatic("/tmp"));

        assertThat(o.content()).isEqualTo("[]\n/tmp");
        assertThat(current("echo $ONLY_HERE").content()).isEqualTo("1");
    }

    @Test
    void legacyDialectKeepsCrLfAndThePrompt() throws Exception {
        Observation o = rt.execute(new CmdRunAction("echo a; echo b").withTimeout(Duration.ofSeconds(30)),
                Dialect.LEGACY);

        assertThat(o.content()).startsWith("a\r\nb\r\n\r\n").endsWith(user.uid() == 0 ? " # " : " $ ")
                .contains(user.name() + "@");
        assertThat(((CmdOutputObservation) o).exitCode()).isZero();
    }

    @Test
    void legacyDialectRunsCommandsInTurnAndStopsAtTheFirstFailure() {
        CmdRunAction action = new CmdRunAction("echo one\nfalse\necho never").withTimeout(Duration.ofSeconds(30))
                .withKeepPrompt(false);

        CmdOutputObservation o = (CmdOutputObservation) rt.execute(action, Dialect.LEGACY);

        assertThat(o.content()).isEqualTo("one false");
        assertThat(o.exitCode()).isEqualTo(1);
    }

    @Test
    void legacyDialectInterruptsABlockingCommandOnTimeout() {
        CmdRunAction action = new CmdRunAction("sleep 30").withTimeout(Duration.ofSeconds(1)).withKeepPrompt(false);

        CmdOutputObservation o = (CmdOutputObservation) rt.execute(action, Dialect.LEGACY);

        assertThat(o.exitCode()).isEqualTo(130);
        assertThat(o.content()).endsWith("[Command timed out after 1 seconds. SIGINT was sent to interrupt it.]");
        assertThat(((CmdOutputObservation) rt.execute(new CmdRunAction("echo ok").withTimeout(Duration.ofSeconds(9))
                .withKeepPrompt(false), Dialect.LEGACY)).content()).isEqualTo("ok");
    }

    @Test
    void aPagerTimesOutAndQuitsOnInput() {
        CmdOutputObservation paged = current(new CmdRunAction("seq 1 500 | less"));
        assertThat(paged.exitCode()).isEqualTo(-1);
        assertThat(paged.content()).contains("1\n2\n3");

        CmdOutputObservation quit = current(new CmdRunAction("q").asInput().withTimeout(Duration.ofSeconds(10)));

        assertThat(quit.exitCode()).isZero();
        assertThat(current("echo free").content()).isEqualTo("free");
    }

    @Test
    void controlDEndsInputToAProgram() {
        current(new CmdRunAction("cat > typed.txt"));
        current(new CmdRunAction("line one").asInput());

        CmdOutputObservation done = current(new CmdRunAction("C-d").asInput().withTimeout(Duration.ofSeconds(10)));

        assertThat(done.metadata().suffix()).isEqualTo("\n[The command completed with exit code 0. CTRL+D was sent.]");
        assertThat(current("cat typed.txt").content()).isEqualTo("line one");
    }

    @Test
    void aHeredocCanBeFedLineByLine() {
        CmdOutputObservation waiting = current(new CmdRunAction("cat << EOF > fed.txt"));
        assertThat(waiting.exitCode()).isEqualTo(-1);
        current(new CmdRunAction("first line").asInput());
        current(new CmdRunAction("second line").asInput());

        CmdOutputObservation done = current(new CmdRunAction("EOF").asInput().withTimeout(Duration.ofSeconds(10)));

        assertThat(done.exitCode()).isZero();
        assertThat(current("cat fed.txt").content()).isEqualTo("first line\nsecond line");
    }

    @Test
    void controlZSuspendsAndTheShellGoesOn() {
        current(new CmdRunAction("sleep 60").withTimeout(Duration.ofSeconds(1)));

        CmdOutputObservation suspended = current(new CmdRunAction("C-z").asInput().withTimeout(Duration.ofSeconds(10)));

        assertThat(suspended.exitCode()).isEqualTo(148);
        assertThat(suspended.metadata().suffix()).endsWith("CTRL+Z was sent.]");
        assertThat(current("jobs").content()).contains("sleep 60");
        current("kill %1");
    }

    @Test
    void coloursAreStrippedFromOutput() {
        assertThat(current("printf '\\033[31mred\\033[0m plain\\n'").content()).isEqualTo("red plain");
    }

    @Test
    void historyExpansionDoesNotMangleTypedCommands() {
        assertThat(current("echo hello!world").content()).isEqualTo("hello!world");
    }

    @Test
    void legacyEmptyCommandWaitsForMoreOutputOfARunningProgram() {
        CmdOutputObservation started = (CmdOutputObservation) rt.execute(new CmdRunAction("echo a; sleep 7; echo b")
                .withKeepPrompt(false), Dialect.LEGACY); // no timeout: the 2024 client's 5 s soft wait
        CmdOutputObservation rest = (CmdOutputObservation) rt.execute(new CmdRunAction("").withKeepPrompt(false),
                Dialect.LEGACY);

        assertThat(started.content()).isEqualTo("a");
        assertThat(started.exitCode()).isEqualTo(-1);
        assertThat(rest.content()).isEqualTo("b");
        assertThat(rest.exitCode()).isZero();
    }

    @Test
    void legacySoftTimeoutLeavesTheProgramRunningThenCtrlCStopsIt() {
        CmdOutputObservation running = (CmdOutputObservation) rt.execute(new CmdRunAction("sleep 30")
                .withKeepPrompt(false), Dialect.LEGACY);
        CmdOutputObservation stopped = (CmdOutputObservation) rt.execute(new CmdRunAction("ctrl+c")
                .withKeepPrompt(false), Dialect.LEGACY);

        assertThat(running.exitCode()).isEqualTo(-1);
        assertThat(stopped.exitCode()).isEqualTo(130);
    }

    @Test
    void gitNeverOpensAPager() {
        assertThat(current("type git").content()).contains("git --no-pager");
    }

    @Test
    void aTimedOutCommandIsInterruptedAndTheSessionKeepsItsState() {
        current("mkdir -p kept && cd kept && export KEPT=yes");

        CmdOutputObservation legacy = legacy(new CmdRunAction("sleep 30").withTimeout(Duration.ofSeconds(1))
                .withKeepPrompt(false));
        assertThat(legacy.exitCode()).isEqualTo(130);
        assertThat(current("echo $KEPT; pwd").content()).isEqualTo("yes\n" + dir.resolve("kept"));

        current(new CmdRunAction("sleep 30").withTimeout(Duration.ofSeconds(1)));
        assertThat(current(new CmdRunAction("C-c").asInput().withTimeout(Duration.ofSeconds(10))).exitCode())
                .isEqualTo(130);
        assertThat(current("echo $KEPT; pwd").content()).isEqualTo("yes\n" + dir.resolve("kept"));

        legacy(new CmdRunAction("sleep 30").withKeepPrompt(false));
        assertThat(legacy(new CmdRunAction("ctrl+c").withKeepPrompt(false)).exitCode()).isEqualTo(130);
        assertThat(current("echo $KEPT; pwd").content()).isEqualTo("yes\n" + dir.resolve("kept"));
    }

    @Test
    void legacyEmptyCommandWhileIdleWaitsAndReturnsABackgroundJobsOutput() {
        legacy(new CmdRunAction("(sleep 1; echo late) &").withTimeout(Duration.ofSeconds(10)).withKeepPrompt(false));

        long start = System.nanoTime();
        CmdOutputObservation idle = legacy(new CmdRunAction("").withTimeout(Duration.ofSeconds(30)));

        assertThat(idle.content()).isEqualTo("late");
        assertThat(idle.exitCode()).isEqualTo(-1);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(LegacyRun.SOFT_TIMEOUT.toNanos());
    }

    @Test
    void outputArrivingBetweenCommandsBelongsToTheNextObservation() throws Exception {
        current("(sleep 0.3; echo between; touch flag1) &");
        awaitFile(dir.resolve("flag1"));
        // bash adds its job notice ("[1]+  Done ...") after the command, as it would in OpenHands' terminal.
        assertThat(current("echo next").content()).startsWith("between\nnext");

        current("(sleep 0.3; echo again; touch flag2) &");
        awaitFile(dir.resolve("flag2"));
        assertThat(legacy(new CmdRunAction("echo then").withTimeout(Duration.ofSeconds(10)).withKeepPrompt(false))
                .content()).startsWith("again\r\nthen");
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(file).exists();
    }

    @Test
    void legacyOutputKeepsTheTerminalsEscapeSequences() {
        CmdOutputObservation o = legacy(new CmdRunAction("printf '\\033[31mred\\033[0m\\n'")
                .withTimeout(Duration.ofSeconds(10)).withKeepPrompt(false));

        assertThat(o.content()).isEqualTo("\u001b[31mred\u001b[0m");
    }

    @Test
    void currentDialectKeepsAsManyLinesOfAVeryLongOutputAsOpenHandsPaneWithTheHistoryPrefix() {
        CmdOutputObservation o = current("seq 1 12000");

        assertThat(o.metadata().prefix()).isEqualTo("[Previous command outputs are truncated. Showing the last 10000 "
                + "lines of the output below.]\n");
        assertThat(o.exitCode()).isZero();
        // 10,000 lines of history and a 1,000-row window, less the 12 rows of the closing prompt.
        assertThat(o.content()).startsWith("1013\n").endsWith("\n12000");
        assertThat(o.content().lines().count()).isEqualTo(10_988);
        assertThat(current("seq 1 10988").metadata().prefix()).isEmpty();
        // OpenHands' own runtime test (test_long_output_exceed_history_limit).
        CmdOutputObservation lines = current(new CmdRunAction("for i in $(seq 1 50000); do echo \"Line $i\"; done")
                .withTimeout(Duration.ofSeconds(30)));
        assertThat(lines.metadata().prefix()).contains("Previous command outputs are truncated");
        assertThat(lines.content()).contains("Line 40000\n").endsWith("Line 50000");
        assertThat(lines.metadata().suffix()).isEqualTo("\n[The command completed with exit code 0.]");
    }

    @Test
    void namedSessionsRunBesideEachOtherAndCloseAlone() throws Exception {
        current(new CmdRunAction("export X=default && mkdir -p sub && cd sub"));
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            // A server in one session, run in the foreground until its session is closed.
            java.util.concurrent.Future<Observation> server = pool.submit(() -> rt.execute(
                    new CmdRunAction("python3 -m http.server " + port + " --bind 127.0.0.1")
                            .withTimeout(Duration.ofSeconds(60)).inSession("srv"), Dialect.CURRENT));
            String page = "";
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!page.contains("Directory listing") && System.nanoTime() < deadline) {
                page = current(new CmdRunAction("curl -s http://127.0.0.1:" + port + "/").inSession("client"))
                        .content();
            }
            assertThat(page).as("curl in a second session while the first runs the server")
                    .contains("Directory listing");
            assertThat(server).isNotDone();
            assertThat(current(new CmdRunAction("pwd").inSession("client")).content())
                    .as("a named session starts in the default session's directory").contains(dir + "/sub");

            assertThat(rt.closeSession("srv")).isTrue();
            server.get(20, TimeUnit.SECONDS);
            assertThat(current(new CmdRunAction("curl -s -o /dev/null -w 'code %{http_code}' http://127.0.0.1:"
                    + port + "/").inSession("client")).content()).contains("code 000");
            CmdOutputObservation main = current(new CmdRunAction("echo $X; pwd"));
            assertThat(main.content()).contains("default").contains(dir + "/sub");
            assertThat(rt.closeSession("srv")).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theNumberOfNamedSessionsIsLimited() {
        for (int i = 0; i < ShellSessions.DEFAULT_LIMIT; i++) {
            assertThat(current(new CmdRunAction("echo s" + i).inSession("s" + i)).content()).contains("s" + i);
        }
        Observation refused = rt.execute(new CmdRunAction("true").inSession("one-more"), Dialect.CURRENT);
        assertThat(refused).isInstanceOf(ErrorObservation.class);
        assertThat(refused.content()).contains("Cannot open shell session 'one-more': 8 named sessions are open "
                + "already").contains("close_session");
        assertThat(rt.closeSession("s3")).isTrue();
        assertThat(current(new CmdRunAction("echo now").inSession("one-more")).content()).contains("now");
    }
}
