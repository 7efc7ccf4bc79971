package dev.agentruntime.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real ipykernel (Debian's python3-ipykernel, which the README's test command installs). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class KernelClientIT {

    static final Duration TEN = Duration.ofSeconds(10);
    KernelClient kernel;

    @BeforeAll
    void start(@TempDir Path dir) {
        kernel = KernelClient.start(KernelOptions.defaults(dir).withPython("/usr/bin/python3"));
    }

    @AfterAll
    void stop() {
        if (kernel != null) {
            kernel.close();
        }
    }

    @Test
    void printsAndEvaluatesAndKeepsState() throws Exception {
        assertThat(kernel.execute("x = 20\nprint('hi')", TEN).stdout()).isEqualTo("hi\n");

        ExecutionResult r = kernel.execute("x * 2 + 2", TEN);

        assertThat(r.status()).isEqualTo(ExecutionResult.Status.OK);
        assertThat(r.outputs()).containsExactly(new ExecutionResult.Output.Display(
                java.util.Map.of("text/plain", "42"), true));
    }

    @Test
    void separatesStderrAndReportsTracebacksWithoutColours() throws Exception {
        ExecutionResult r = kernel.execute("import sys; sys.stderr.write('warn\\n'); 1/0", TEN);

        assertThat(r.status()).isEqualTo(ExecutionResult.Status.ERROR);
        assertThat(r.stderr()).isEqualTo("warn\n");
        assertThat(r.error().name()).isEqualTo("ZeroDivisionError");
        assertThat(String.join("\n", r.error().traceback())).contains("ZeroDivisionError").doesNotContain("\u001b[");
    }

    @Test
    void timeoutInterruptsAndTheKernelKeepsItsState() throws Exception {
        kernel.execute("kept = 'still here'", TEN);

        ExecutionResult slow = kernel.execute("import time; time.sleep(10)", Duration.ofSeconds(2));

        assertThat(slow.status()).isEqualTo(ExecutionResult.Status.TIMED_OUT);
        assertThat(kernel.execute("print(kept)", TEN).stdout()).isEqualTo("still here\n");
    }

    @Test
    void inputRaisesInsteadOfHanging() throws Exception {
        ExecutionResult r = kernel.execute("input('name? ')", TEN);

        assertThat(r.status()).isEqualTo(ExecutionResult.Status.ERROR);
        assertThat(r.error().name()).isEqualTo("StdinNotImplementedError");
    }

    @Test
    void imagesComeAsBase64Bundles() throws Exception {
        ExecutionResult r = kernel.execute(TinyPng.DISPLAY_CELL, TEN);

        ExecutionResult.Output.Display d = (ExecutionResult.Output.Display) r.outputs().get(0);
        assertThat(d.data().get("image/png")).isEqualTo(TinyPng.BASE64);
    }

    @Test
    void findsAnInterpreterWithIpykernelAndNamesThePackageWhenOneLacksIt(@TempDir Path dir) {
        assertThat(PythonLocator.find()).endsWith("python3");
        assertThat(PythonLocator.executableWithIpykernel(PythonLocator.find())).isEqualTo(PythonLocator.find());

        assertThatThrownBy(() -> KernelClient.start(KernelOptions.defaults(dir).withPython("/bin/false")))
                .isInstanceOf(KernelException.class)
                .hasMessage("/bin/false cannot import ipykernel. Install it, e.g. on Debian: apt-get install "
                        + "python3-ipykernel");
    }

    @Test
    void deadKernelIsReportedAndReplaced(@TempDir Path dir) throws Exception {
        try (KernelClient own = KernelClient.start(KernelOptions.defaults(dir).withPython("/usr/bin/python3"))) {
            own.execute("state = 1", TEN);
            int before = own.generation();

            ExecutionResult died = own.execute("import os; os._exit(1)", TEN);

            assertThat(died.status()).isEqualTo(ExecutionResult.Status.KERNEL_DIED);
            ExecutionResult after = own.execute("print('state' in globals())", TEN);
            assertThat(after.stdout()).isEqualTo("False\n");
            assertThat(own.generation()).isEqualTo(before + 1);
        }
    }

    @Test
    void closeLeavesNoProcessAndNoConnectionFile(@TempDir Path dir) throws Exception {
        KernelClient own = KernelClient.start(KernelOptions.defaults(dir).withPython("/usr/bin/python3"));
        long pid = own.pid();
        long before = countConnectionFiles();

        own.close();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(countConnectionFiles()).isLessThan(before);
    }

    private static long countConnectionFiles() throws Exception {
        try (var dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return dirs.filter(p -> p.getFileName().toString().startsWith("agent-runtime-kernel-")).count();
        }
    }
}
