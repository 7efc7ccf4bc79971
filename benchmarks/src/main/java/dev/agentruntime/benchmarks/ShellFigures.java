package dev.agentruntime.benchmarks;

import dev.agentruntime.shell.BashSession;
import dev.agentruntime.shell.CommandResult;
import dev.agentruntime.shell.ShellOptions;
import java.nio.file.Path;
import java.time.Duration;

/** The shell: start, round trip, output throughput and its scaling, heap while a command prints 1 GB. */
final class ShellFigures {

    private ShellFigures() {
    }

    /**
     * A command's output read straight from a fresh pseudo-terminal (bash, output processing off as in the session):
     * {@code read(2)} on its master side into one native buffer, blocking, until the terminal hangs up. What the
     * machine's terminal layer costs before any of ours (pty4j's own stream costs about 50 ms more on a million
     * lines). Median of {@code n} runs.
     */
    static long rawPty(Path dir, String command, int n) throws Exception {
        long[] took = new long[n + 1];
        com.sun.jna.Memory buf = new com.sun.jna.Memory(64 * 1024);
        for (int i = 0; i < took.length; i++) {
            long t0 = System.nanoTime();
            com.pty4j.PtyProcess p = new com.pty4j.PtyProcessBuilder(new String[] {"/bin/bash", "--norc", "-c",
                "stty -onlcr; " + command}).setDirectory(dir.toString()).setEnvironment(System.getenv())
                    .setConsole(false).start();
            int fd = ((com.pty4j.unix.UnixPtyProcess) p).getPty().getMasterFD();
            while (RawRead.read(fd, buf, buf.size()) > 0) {
                // only the reading counts; it ends with an error (EIO) once the command's side is closed
            }
            p.waitFor();
            took[i] = System.nanoTime() - t0;
            p.getInputStream().close(); // closes the terminal
        }
        return new Stats(java.util.Arrays.copyOfRange(took, 1, took.length)).median(); // the first warms up
    }

    /** {@code read(2)}, bound directly. */
    private static final class RawRead {
        static {
            com.sun.jna.Native.register(RawRead.class,
                    com.sun.jna.NativeLibrary.getInstance(com.sun.jna.Platform.C_LIBRARY_NAME));
        }

        private RawRead() {
        }

        static native long read(int fd, com.sun.jna.Pointer buffer, long count);
    }

    static void run(Table t, Path dir, boolean quick) throws Exception {
        ShellOptions options = ShellOptions.builder(dir).readRcFiles(false).build();
        long[] starts = new long[quick ? 3 : 10];
        for (int i = 0; i < starts.length; i++) {
            long t0 = System.nanoTime();
            BashSession s = BashSession.start(options);
            starts[i] = System.nanoTime() - t0;
            s.close();
        }
        t.add("shell", "session start to first prompt, median of " + starts.length, Stats.ms(new Stats(starts)
                .median()), "ms", "target < 150 ms");
        try (BashSession bash = BashSession.start(options)) {
            Duration limit = Duration.ofSeconds(30);
            for (int i = 0; i < 300; i++) {
                bash.run("echo hi", limit, null);
            }
            long[] echo = new long[quick ? 500 : 3000];
            for (int i = 0; i < echo.length; i++) {
                long t0 = System.nanoTime();
                bash.run("echo hi", limit, null);
                echo[i] = System.nanoTime() - t0;
            }
            Stats e = new Stats(echo);
            t.add("shell", "in-process `echo hi` round trip p50", Stats.ms(e.median()), "ms", "target < 0.3 ms");
            t.add("shell", "in-process `echo hi` round trip p99", Stats.ms(e.percentile(99)), "ms", "");
            seq(bash, 1_000_000, 3); // warm-up: the reader path is compiled after a few megabytes
            long small = seq(bash, 100_000, 5);
            long large = seq(bash, 1_000_000, 5);
            t.add("shell", "`seq 1 1000000` (6.9 MB) after warm-up, median of 5", Stats.ms(large), "ms",
                    "target < 150 ms; Python client 9.3 s");
            long floor = rawPty(dir, "seq 1 1000000", 5);
            t.add("shell", "the pseudo-terminal alone: `seq 1 1000000` read raw, median of 5", Stats.ms(floor), "ms",
                    "the floor of the output figures on this machine");
            t.add("shell", "time ratio seq 1e6 / seq 1e5 (10x output)", String.format("%.2f", (double) large / small),
                    "x", "target <= 11x; Python client 43x");
            long before = Heap.usedAfterGc();
            Heap.resetPeak();
            long t0 = System.nanoTime();
            CommandResult gb = bash.run("head -c 1000000000 /dev/zero | tr '\\0' 'a' | fold -w 99",
                    Duration.ofMinutes(5), null);
            long took = System.nanoTime() - t0;
            long peak = Heap.peak();
            long after = Heap.usedAfterGc();
            t.add("shell", "1 GB of output: time", Stats.ms(took), "ms", gb.status().toString());
            t.add("shell", "1 GB of output: heap peak (all pools) / retained after GC",
                    Heap.mib(peak) + " / " + Heap.mib(after - before), "MiB", "bounded: kept " + gb.output().length()
                            + " chars, dropped " + gb.droppedChars());
        }
    }

    private static long seq(BashSession bash, int n, int runs) throws Exception {
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            bash.run("seq 1 " + n, Duration.ofMinutes(2), null);
            times[i] = System.nanoTime() - t0;
        }
        return new Stats(times).median();
    }
}
