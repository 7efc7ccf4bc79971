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

        assertThat(out).contains("[run] shell in " + dir.toRealPath().resolve("demo")
                        + "\n[The command completed with exit code 0.]\n[Current working directory: "
                        + dir.toRealPath().resolve("demo") + "]")
                .contains("[edit] The file " + dir.toRealPath().resolve("demo/hello.py") + " has been edited.")
                .contains("[read] print('hello, edited')")
                .contains("[run] hello, edited")
                .contains("[run_ipython] True");
    }

    @Test
    void langChain4jAgentWritesAndRunsAProgram() throws Exception {
        String out = output(() -> LangChain4jAgent.main(new String[] {dir.toString()}));

        assertThat(out).contains("str_replace_editor -> File created successfully at: " + dir.toRealPath()
                        .resolve("fib.py"))
                .contains("execute_bash -> 55\n[The command completed with exit code 0.]")
                .endsWith("The 10th Fibonacci number is 55.\n");
    }

    @Test
    void springBootAgentAnswersThroughTheAutoConfiguredTools() throws Exception {
        String out = output(() -> SpringBootAgent.main(new String[] {"--agent-runtime.working-directory=" + dir,
                "--spring.main.banner-mode=off"}));

        String cpus = String.valueOf(Runtime.getRuntime().availableProcessors());
        assertThat(out).contains("execute_bash -> " + cpus + "\n[The command completed with exit code 0.]")
                .contains("The sandbox has " + cpus + " CPUs.");
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

        assertThat(out).contains("offered: execute_bash\noffered: str_replace_editor\n")
                .contains("str_replace_editor ->\nFile created successfully at:")
                .contains("execute_bash ->\n-1\n[The command completed with exit code 0.]")
                .contains("execute_bash ->\n5\n[The command completed with exit code 0.]")
                .contains("return a + b");
    }

    @Test
    void mcpClientExampleUsesTheToolsOverStdio() throws Exception {
        Path jar = Path.of("../runtime-server/target/runtime-server.jar").toAbsolutePath().normalize();

        String out = output(() -> McpClientExample.main(new String[] {jar.toString(), dir.toString()}));

        assertThat(out).contains("tool: execute_bash", "tool: str_replace_editor")
                .contains("hello from MCP\n[The command completed with exit code 0.]\n[Current working directory: "
                        + dir + "]")
                .contains("1\thello from MCP");
    }

    /**
     * Runs where the sandbox tests ran before it: a Docker daemon and their image ({@code agent-runtime:it}, the
     * image of this build's jar). Skipped elsewhere.
     */
    @Test
    void dockerSandboxAgentLoopFixesTheBugInAContainer() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(testImageExists(),
                "no Docker daemon or no agent-runtime:it image (made by runtime-sandbox's tests)");

        String out = output(() -> DockerSandboxAgentLoop.main(new String[] {"agent-runtime:it"}));

        assertThat(out).contains("execute_bash -> openhands\n-1\n[The command completed with exit code 0.]")
                .contains("str_replace_editor -> The file /workspace/app.py has been edited.")
                .contains("execute_ipython_cell -> add(2, 3) = 5");
    }

    private static boolean testImageExists() throws InterruptedException {
        try {
            return new ProcessBuilder("docker", "image", "inspect", "agent-runtime:it").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (java.io.IOException e) {
            return false; // no docker command
        }
    }
}
