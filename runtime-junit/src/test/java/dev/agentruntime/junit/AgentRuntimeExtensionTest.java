package dev.agentruntime.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.agentruntime.core.Actions;
import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.InProcessRuntime;
import dev.agentruntime.core.spi.SandboxUser;
import dev.agentruntime.core.testing.TestUsers;
import dev.agentruntime.shell.BashSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The extension, run by JUnit itself on sample test classes (below; they run only from here): each gets its shell or
 * runtime, and once JUnit is done nothing they started is running and their directories are gone.
 */
class AgentRuntimeExtensionTest {

    static final String SAMPLES = "agentruntime.junit.samples";
    /** What the samples saw: pids of the processes they started, their directories. */
    static final List<Long> PIDS = new CopyOnWriteArrayList<>();
    static final List<Path> DIRS = new CopyOnWriteArrayList<>();

    private static Events run(Class<?> sample) {
        PIDS.clear();
        DIRS.clear();
        System.setProperty(SAMPLES, "run");
        try {
            Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute().testEvents();
            events.failed().stream().forEach(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                    .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                    .ifPresent(t -> System.out.println("sample " + e.getTestDescriptor().getDisplayName()
                            + " failed: " + t)));
            return events;
        } finally {
            System.clearProperty(SAMPLES);
        }
    }

    private static long pid(BashSession bash, String command) throws Exception {
        return lastNumber(bash.run(command + " echo $!", Duration.ofSeconds(10), null).output());
    }

    /** The last line's number (interactive bash announces a background job, "[1] 4711", before it). */
    static long lastNumber(String output) {
        String[] lines = output.strip().split("\n");
        return Long.parseLong(lines[lines.length - 1].strip());
    }

    private static void assertNothingLeft() throws InterruptedException {
        // Killed, a process is gone once reaped: a moment after.
        for (long end = System.nanoTime() + 5_000_000_000L; System.nanoTime() < end && PIDS.stream().anyMatch(
                pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)); ) {
            Thread.sleep(20);
        }
        assertThat(PIDS).isNotEmpty().allSatisfy(pid -> assertThat(ProcessHandle.of(pid)
                .map(ProcessHandle::isAlive).orElse(false)).as("process %d", pid).isFalse());
        assertThat(DIRS).isNotEmpty().allSatisfy(dir -> assertThat(dir).doesNotExist());
    }

    @ExtendWith(AgentRuntimeExtension.class)
    @EnabledIfSystemProperty(named = SAMPLES, matches = "run")
    static class ShellPerTest {
        BashSession before;

        @BeforeEach
        void start(BashSession bash) {
            before = bash;
        }

        @Test
        void runsInItsWorkspace(BashSession bash, @Workspace Path dir) throws Exception {
            assertThat(bash).isSameAs(before);
            assertThat(bash.run("pwd", Duration.ofSeconds(10), null).output()).isEqualTo(dir + "\n");
            PIDS.add(pid(bash, "sleep 1234 &"));
            DIRS.add(dir);
        }

        @Test
        void getsAFreshOne(BashSession bash, @Workspace Path dir) throws Exception {
            assertThat(bash.run("ls -A | wc -l", Duration.ofSeconds(10), null).output()).isEqualTo("0\n");
            PIDS.add(bash.pid());
            DIRS.add(dir);
        }
    }

    @Test
    void eachTestGetsAShellAndNothingOutlivesIt() throws Exception {
        run(ShellPerTest.class).assertStatistics(s -> s.started(2).succeeded(2));
        assertNothingLeft();
        assertThat(DIRS).doesNotHaveDuplicates();
    }

    @ExtendWith(AgentRuntimeExtension.class)
    @EnabledIfSystemProperty(named = SAMPLES, matches = "run")
    static class ShellPerClass {
        static BashSession shared;

        @BeforeAll
        static void start(BashSession bash, @Workspace Path dir) throws Exception {
            shared = bash;
            bash.run("export STEP=0", Duration.ofSeconds(10), null);
            DIRS.add(dir);
            PIDS.add(bash.pid());
        }

        @Test
        void first(BashSession bash) throws Exception {
            assertThat(bash).isSameAs(shared);
            bash.run("STEP=$((STEP+1))", Duration.ofSeconds(10), null);
        }

        @Test
        void second(BashSession bash) throws Exception {
            assertThat(bash).isSameAs(shared);
            bash.run("STEP=$((STEP+1))", Duration.ofSeconds(10), null);
        }

        @AfterEach
        void stillOpen() {
            assertThat(shared.isRunning()).isFalse();
        }
    }

    @Test
    void aShellOfTheClassLivesForItsTests() throws Exception {
        run(ShellPerClass.class).assertStatistics(s -> s.started(2).succeeded(2));
        assertNothingLeft();
    }

    @ExtendWith(AgentRuntimeExtension.class)
    @EnabledIfSystemProperty(named = SAMPLES, matches = "run")
    @AgentRuntimeOptions(user = TestUsers.NAME, noChangeTimeoutSeconds = 2)
    static class RuntimeAsTheSandboxUser {
        @Test
        void runsActionsAsTheUser(AgentRuntime rt, InProcessRuntime same, @Workspace Path dir) throws Exception {
            assertThat(rt).isSameAs(same);
            assertThat(rt.execute(Actions.run("id -un")).content()).isEqualTo(TestUsers.NAME);
            assertThat(rt.execute(Actions.write("made.txt", "x")).isError()).isFalse();
            assertThat(TestUsers.ownerUid(dir.resolve("made.txt"))).isEqualTo(SandboxUser.lookup(TestUsers.NAME)
                    .orElseThrow().uid());
            PIDS.add(lastNumber(rt.execute(Actions.run("sleep 4321 & echo $!")).content()));
            DIRS.add(dir);
        }

        @Test
        @AgentRuntimeOptions
        void theMethodsOptionsWin(AgentRuntime rt) {
            assertThat(rt.execute(Actions.run("id -un")).content()).isEqualTo(SandboxUser.current().name());
        }
    }

    @Test
    void aRuntimeRunsAsTheUserTheOptionsName() throws Exception {
        TestUsers.sandboxUser(); // skips unless root; makes the user
        run(RuntimeAsTheSandboxUser.class).assertStatistics(s -> s.started(2).succeeded(2));
        assertNothingLeft();
    }

    @ExtendWith(AgentRuntimeExtension.class)
    @EnabledIfSystemProperty(named = SAMPLES, matches = "run")
    @AgentRuntimeOptions(user = "no-such-user-here")
    static class UnknownUser {
        @Test
        void neverRuns(BashSession bash) {
            Files.exists(Path.of("/"));
        }
    }

    @Test
    void anUnknownUserFailsTheTestWithAMessage() {
        Events events = run(UnknownUser.class);

        events.assertStatistics(s -> s.failed(1));
        assertThat(events.failed().stream().findFirst().orElseThrow().getPayload(
                org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .hasMessageContaining("there is no such user");
    }
}
