package dev.agentruntime.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Prints the table of figures the issues name: {@code java -jar benchmarks/target/benchmarks.jar [--quick]
 * [--only shell,wire,files,jupyter,browser,server,http,mcp,sandbox] [--server-jar PATH] [--image TAG] [--markdown FILE] [--jmh]}.
 */
public final class Harness {

    private Harness() {
    }

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        if (a.contains("--jmh")) {
            org.openjdk.jmh.Main.main(new String[] {"-f", "1", "-wi", "3", "-w", "1s", "-i", "5", "-r", "1s",
                    "dev.agentruntime.benchmarks.jmh"});
            return;
        }
        boolean quick = a.contains("--quick");
        String only = value(a, "--only", "shell,wire,files,jupyter,browser,server,http,mcp");
        Path jar = Path.of(value(a, "--server-jar", "runtime-server/target/runtime-server.jar")).toAbsolutePath();
        PrintStream out = System.out;
        out.println("agent-runtime benchmarks on " + machine());
        Table t = new Table(out);
        Path dir = Files.createTempDirectory("agent-runtime-bench-");
        long t0 = System.nanoTime();
        if (only.contains("wire")) {
            WireFigures.run(t);
        }
        if (only.contains("shell")) {
            ShellFigures.run(t, dir, quick);
        }
        if (only.contains("files")) {
            FileFigures.run(t, dir);
        }
        if (only.contains("jupyter")) {
            JupyterFigures.run(t, dir, quick);
        }
        if (only.contains("browser")) {
            BrowserFigures.run(t, quick);
        }
        if (only.contains("server")) {
            if (Files.exists(jar)) {
                ServerFigures.run(t, jar, dir, quick);
            } else {
                out.println("  (server skipped: no jar at " + jar + "; build it or pass --server-jar)");
            }
        }
        if (only.contains("http")) {
            HttpFigures.run(t, jar, dir, quick);
        }
        if (only.contains("mcp")) {
            McpFigures.run(t, jar, dir, quick);
        }
        if (only.contains("sandbox")) {
            SandboxFigures.run(t, value(a, "--image", "agent-runtime"), jar, dir, quick);
        }
        out.printf("done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        String md = value(a, "--markdown", null);
        if (md != null) {
            try (PrintStream file = new PrintStream(Files.newOutputStream(Path.of(md)), true,
                    StandardCharsets.UTF_8)) {
                file.println("Measured on " + machine() + ".\n");
                t.markdown(file);
            }
        }
        System.exit(0); // the kernel and browser threads are daemons, but do not wait for stragglers
    }

    private static String value(List<String> args, String option, String fallback) {
        int i = args.indexOf(option);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (java.io.IOException e) {
            // keep the default
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memory / (1L << 30)
                + " GiB, Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.version");
    }
}
