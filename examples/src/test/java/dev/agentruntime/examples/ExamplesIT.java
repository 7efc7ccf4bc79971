package dev.agentruntime.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every example runs green, and prints what it promises. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExamplesIT {

    @TempDir
    Path dir;

    interface Main {
        void run() throws Exception;
    }

    private static String output(Main main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out;
    }

    @Test
    void inProcessAgentLoopRunsShellFilesAndPython() throws Exception {
        String out = output(() -> InProcessAgentLoop.main(new String[] {dir.toString()}));

        assertThat(out).contains("[run] shell in " + dir.toRealPath().resolve("demo"))
                .contains("[edit] The file " + dir.toRealPath().resolve("demo/hello.py") + " has been edited.")
                .contains("[read] print('hello, edited')")
                .contains("[run] hello, edited")
                .contains("[run_ipython] True");
    }

    @Test
    void remoteServerExampleDrivesTheJar() throws Exception {
        Path jar = Path.of("../runtime-server/target/runtime-server.jar").toAbsolutePath().normalize();

        String out = output(() -> RemoteServerExample.main(new String[] {jar.toString(), dir.toString()}));

        assertThat(out).startsWith("hello from the sandbox\n");
    }

    @Test
    void toolCallingLoopFixesTheBugItFinds() throws Exception {
        String out = output(() -> ToolCallingLoop.main(new String[] {dir.toString()}));

        assertThat(out).contains("str_replace_editor -> edit: File created successfully at:")
                .contains("execute_bash -> run: -1")
                .contains("execute_bash -> run: 5")
                .contains("return a + b");
    }
}
