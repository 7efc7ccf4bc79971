package dev.agentruntime.sandbox.docker;

import dev.agentruntime.sandbox.Sandbox;
import dev.agentruntime.sandbox.SandboxException;
import dev.agentruntime.sandbox.SandboxGoneException;
import dev.agentruntime.sandbox.SandboxOwner;
import dev.agentruntime.sandbox.SandboxPool;
import dev.agentruntime.sandbox.SandboxSpec;
import dev.agentruntime.sandbox.docker.testing.TestImage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.CmdOutputObservation;
import dev.agentruntime.core.CmdRunAction;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.FileEditAction;
import dev.agentruntime.core.FileEditObservation;
import dev.agentruntime.core.FileWriteAction;
import dev.agentruntime.core.FileWriteObservation;
import dev.agentruntime.core.IPythonRunCellAction;
import dev.agentruntime.core.IPythonRunCellObservation;
import dev.agentruntime.core.Observation;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real containers of the real image on the local Docker daemon, driven through the sandbox API. */
@Timeout(value = 20, unit = java.util.concurrent.TimeUnit.MINUTES) // the first run builds the image
class DockerSandboxesIT {

    private static DockerSandboxes docker;

    @BeforeAll
    static void image() throws Exception {
        docker = TestImage.provider();
    }

    @AfterAll
    static void close() {
        if (docker != null) {
            docker.close();
        }
    }

    @Test
    void runsBashIPythonAndAnEditAsTheSandboxUser() {
        try (Sandbox sandbox = docker.start(TestImage.spec().build())) {
            CmdOutputObservation who = (CmdOutputObservation) sandbox.execute(new CmdRunAction("whoami && pwd"));
            assertThat(who.content()).contains("openhands", "/workspace");
            assertThat(who.exitCode()).isZero();

            Observation cell = sandbox.execute(new IPythonRunCellAction("import getpass; print(getpass.getuser(), 6*7)"));
            assertThat(((IPythonRunCellObservation) cell).content()).contains("openhands 42");

            sandbox.execute(dev.agentruntime.core.Actions.create("/workspace/app.py", "x = 1\n"));
            Observation edit = sandbox.execute(dev.agentruntime.core.Actions.replace("/workspace/app.py", "x = 1",
                    "x = 2"));
            assertThat(edit).isInstanceOf(FileEditObservation.class);
            CmdOutputObservation after = (CmdOutputObservation) sandbox.execute(
                    new CmdRunAction("cat app.py; stat -c %U app.py"), Dialect.LEGACY);
            assertThat(after.content()).contains("x = 2", "openhands");

            // The image's UTF-8 locale: the server can name such files, and the agent's ls shows them as they are.
            Observation written = sandbox.execute(new FileWriteAction("/workspace/caf\u00e9.txt", "na\u00efve"));
            assertThat(written).isInstanceOf(FileWriteObservation.class);
            CmdOutputObservation listed = (CmdOutputObservation) sandbox.execute(
                    new CmdRunAction("ls /workspace; cat /workspace/caf\u00e9.txt"));
            assertThat(listed.content()).contains("caf\u00e9.txt", "na\u00efve");
        }
    }

    /** The Java API reads a sandbox's observations as it reads an in-process runtime's: text, error, facts. */
    @Test
    void observationsSayWhatHappenedThroughASandboxWithoutACast() {
        try (Sandbox sandbox = docker.start(TestImage.spec().build())) {
            Observation timedOut = sandbox.execute(dev.agentruntime.core.Actions.run("sleep 30")
                    .withTimeout(Duration.ofSeconds(1)));
            assertThat(timedOut.agentText()).startsWith("\n[The command timed out after 1.0 seconds. You may wait");
            assertThat(timedOut.isError()).isTrue();
            assertThat(timedOut.commandOutput().orElseThrow().status())
                    .isEqualTo(dev.agentruntime.core.RunStatus.TIMED_OUT);
            assertThat(sandbox.execute(dev.agentruntime.core.Actions.interrupt()).commandOutput().orElseThrow()
                    .exitCode()).isEqualTo(130);

            Observation ok = sandbox.execute(dev.agentruntime.core.Actions.run("echo hi"));
            assertThat(ok.isError()).isFalse();
            assertThat(ok.agentText()).startsWith("hi\n[The command completed with exit code 0.]\n"
                    + "[Current working directory: /workspace]\n");
            assertThat(ok.commandOutput().orElseThrow().workingDirectory()).isEqualTo("/workspace");

            assertThat(sandbox.execute(dev.agentruntime.core.Actions.replace("/workspace/none.py", "a", "b"))
                    .isError()).isTrue();
            // A Java write is verbatim, through the wire too.
            sandbox.execute(dev.agentruntime.core.Actions.write("/workspace/exact.txt", "no line end"));
            assertThat(sandbox.execute(dev.agentruntime.core.Actions.read("/workspace/exact.txt")).content())
                    .isEqualTo("no line end");
        }
    }

    @Test
    void closeStopsAndRemovesTheContainer() throws Exception {
        Sandbox sandbox = docker.start(TestImage.spec().build());
        String id = sandbox.id();
        assertThat(TestImage.run("docker", "ps", "-q", "--filter", "name=" + id)).isNotBlank();
        sandbox.close();
        sandbox.close();
        assertThat(TestImage.run("docker", "ps", "-aq", "--filter", "name=" + id)).isBlank();
        assertThatThrownBy(() -> sandbox.execute(new CmdRunAction("true"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void dockerStopEndsTheServerCleanlyAndTheNextActionSaysSo() throws Exception {
        try (Sandbox sandbox = docker.start(TestImage.spec().build())) {
            sandbox.execute(new CmdRunAction("sleep 300 &"));
            sandbox.execute(new IPythonRunCellAction("1"));
            long t0 = System.nanoTime();
            TestImage.run("docker", "stop", "-t", "20", sandbox.id());
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            // 143 is the JVM's own exit on SIGTERM after closing the shell and kernel; 137 would be Docker's kill.
            assertThat(TestImage.run("docker", "inspect", "-f", "{{.State.ExitCode}}", sandbox.id()).strip())
                    .isEqualTo("143");
            assertThat(took).isLessThan(Duration.ofSeconds(20));
            assertThat(sandbox.alive()).isFalse();
            assertThatThrownBy(() -> sandbox.execute(new CmdRunAction("echo hi")))
                    .isInstanceOf(SandboxGoneException.class)
                    .hasMessageContaining("is no longer running").hasMessageContaining("exit code 143");
        }
    }

    @Test
    void aKilledSandboxIsReportedAsSuch() throws Exception {
        try (Sandbox sandbox = docker.start(TestImage.spec().build())) {
            TestImage.run("docker", "kill", sandbox.id());
            assertThat(sandbox.howEnded()).get().asString().contains("exit code 137");
            assertThatThrownBy(() -> sandbox.listFiles(null)).isInstanceOf(SandboxGoneException.class)
                    .hasMessageContaining(sandbox.id());
        }
    }

    @Test
    void appliesLimitsAndMountsTheWorkspace(@TempDir Path workspace) throws Exception {
        Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("rwxrwxrwx"));
        SandboxSpec spec = TestImage.spec().cpus(1.5).memoryMiB(768).workspace(workspace).env("GREETING", "hello")
                .label("purpose", "test").build();
        try (Sandbox sandbox = docker.start(spec)) {
            String limits = TestImage.run("docker", "inspect", "-f",
                    "{{.HostConfig.NanoCpus}} {{.HostConfig.Memory}} {{index .Config.Labels \"purpose\"}}", sandbox.id());
            assertThat(limits.strip()).isEqualTo("1500000000 " + (768L << 20) + " test");
            sandbox.execute(new CmdRunAction("echo $GREETING > note.txt"));
            assertThat(Files.readString(workspace.resolve("note.txt"))).isEqualTo("hello\n");
            assertThat(sandbox.remote().serverInfo()).containsKey("uptime");
        }
    }

    @Test
    void aMissingImageIsAClearErrorAndLeavesNothing() throws Exception {
        String before = TestImage.run("docker", "ps", "-aq");
        assertThatThrownBy(() -> docker.start(SandboxSpec.builder().image("agent-runtime:no-such-tag").build()))
                .isInstanceOf(SandboxException.class).hasMessageContaining("image agent-runtime:no-such-tag not found");
        assertThat(TestImage.run("docker", "ps", "-aq")).isEqualTo(before);
    }

    @Test
    void aServerThatExitsIsRemovedWithItsLogInTheError() throws Exception {
        String before = TestImage.run("docker", "ps", "-aq");
        assertThatThrownBy(() -> docker.start(TestImage.spec().serverArgs(List.of("8000", "--no-such-option")).build()))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("it ended before answering")
                .hasMessageContaining("it was removed")
                .hasMessageContaining("--no-such-option");
        assertThat(TestImage.run("docker", "ps", "-aq")).isEqualTo(before);
    }

    @Test
    void aServerThatNeverAnswersIsRemovedAfterTheStartTimeout() throws Exception {
        String before = TestImage.run("docker", "ps", "-aq");
        // The server listens on 9000 while the sandbox waits on 8000.
        SandboxSpec spec = TestImage.spec().serverArgs(List.of("9000", "--working-dir", "/workspace"))
                .startTimeout(Duration.ofSeconds(4)).build();
        assertThatThrownBy(() -> docker.start(spec)).isInstanceOf(SandboxException.class)
                .hasMessageContaining("did not answer /alive within 4.0 s")
                .hasMessageContaining("9000");
        assertThat(TestImage.run("docker", "ps", "-aq")).isEqualTo(before);
    }

    @Test
    void reapRemovesTheSandboxOfAKilledJvmAndLeavesLiveOnes() throws Exception {
        try (Sandbox mine = docker.start(TestImage.spec().build())) {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process owner = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    LeftoverOwner.class.getName(), TestImage.TAG).redirectErrorStream(true).start();
            String leftover;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                do {
                    line = out.readLine();
                } while (line != null && !line.startsWith("started "));
                assertThat(line).as("the owner JVM's output").isNotNull();
                leftover = line.substring("started ".length());
            } finally {
                owner.destroyForcibly().waitFor();
            }
            assertThat(TestImage.run("docker", "ps", "-q", "--filter", "name=" + leftover)).isNotBlank();

            assertThat(docker.reap()).isGreaterThanOrEqualTo(1);
            assertThat(TestImage.run("docker", "ps", "-aq", "--filter", "name=" + leftover)).isBlank();
            assertThat(mine.alive()).isTrue();
        }
    }

    @Test
    void aPoolOfDockerSandboxesHandsOutAndCleansUp() throws Exception {
        Sandbox taken;
        try (SandboxPool pool = new SandboxPool(docker, TestImage.spec().build(), 2)) {
            taken = pool.take(Duration.ofMinutes(2));
            CmdOutputObservation o = (CmdOutputObservation) taken.execute(new CmdRunAction("echo pooled"));
            assertThat(o.content()).contains("pooled");
        }
        assertThat(taken.alive()).isFalse();
        assertThat(TestImage.run("docker", "ps", "-aq", "--filter", "label=" + SandboxOwner.SANDBOX_LABEL,
                "--filter", "label=agentruntime.dev/owner-pid=" + ProcessHandle.current().pid())).isBlank();
    }
}
