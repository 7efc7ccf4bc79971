package dev.agentruntime.benchmarks;

import dev.agentruntime.core.files.TextFiles;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading a 100 MB file by line range: time and the heap it takes. */
final class FileFigures {

    private FileFigures() {
    }

    static void run(Table t, Path dir) throws Exception {
        Path file = dir.resolve("big.txt");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            String line = "x".repeat(99) + "\n";
            for (int i = 0; i < 1_000_000; i++) {
                w.write(line);
            }
        }
        TextFiles.readLines(file, 10, 20); // warm-up
        long before = Heap.usedAfterGc();
        Heap.resetPeak();
        long t0 = System.nanoTime();
        String middle = TextFiles.readLines(file, 500_000, 500_100);
        long took = System.nanoTime() - t0;
        long peak = Heap.peak();
        t.add("files", "read lines 500000..500100 of a 100 MB file", Stats.ms(took), "ms",
                middle.length() + " chars returned");
        t.add("files", "  heap peak above the baseline while reading", Heap.mib(Math.max(0, peak - before)), "MiB",
                "the file is 100 MB");
        Files.delete(file);
    }
}
