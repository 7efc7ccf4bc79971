package dev.agentruntime.benchmarks;

import dev.agentruntime.jupyter.ExecutionResult;
import dev.agentruntime.jupyter.KernelClient;
import dev.agentruntime.jupyter.KernelOptions;
import java.nio.file.Path;
import java.time.Duration;

/** The kernel: start to ready, {@code print(1)} round trip, 10 MB of stdout from one cell. */
final class JupyterFigures {

    private JupyterFigures() {
    }

    static void run(Table t, Path dir, boolean quick) throws Exception {
        KernelOptions options = KernelOptions.defaults(dir);
        long[] starts = new long[quick ? 1 : 3];
        for (int i = 0; i < starts.length; i++) {
            long t0 = System.nanoTime();
            KernelClient k = KernelClient.start(options);
            starts[i] = System.nanoTime() - t0;
            k.close();
        }
        t.add("jupyter", "kernel start to ready, median of " + starts.length, Stats.ms(new Stats(starts).median()),
                "ms", "target < 1.5 s; Python client ~3 s with its gateway");
        try (KernelClient k = KernelClient.start(options)) {
            Duration limit = Duration.ofSeconds(30);
            for (int i = 0; i < 100; i++) {
                k.execute("print(1)", limit);
            }
            long[] rt = new long[quick ? 200 : 1000];
            for (int i = 0; i < rt.length; i++) {
                long t0 = System.nanoTime();
                k.execute("print(1)", limit);
                rt[i] = System.nanoTime() - t0;
            }
            Stats s = new Stats(rt);
            t.add("jupyter", "`print(1)` round trip p50", Stats.ms(s.median()), "ms", "target < 3 ms");
            t.add("jupyter", "`print(1)` round trip p99", Stats.ms(s.percentile(99)), "ms", "");
            long t0 = System.nanoTime();
            ExecutionResult big = k.execute("import sys\nfor i in range(100000): sys.stdout.write('x' * 99 + '\\n')",
                    Duration.ofMinutes(2));
            t.add("jupyter", "10 MB of stdout from one cell", Stats.ms(System.nanoTime() - t0), "ms",
                    big.stdout().length() + " chars");
        }
    }
}
