package dev.agentruntime.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The harness's output: one row per figure, with its unit and what to compare it with. */
final class Table {

    private record Row(String area, String figure, String value, String unit, String reference) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final PrintStream out;

    Table(PrintStream out) {
        this.out = out;
    }

    void add(String area, String figure, String value, String unit, String reference) {
        Row row = new Row(area, figure, value, unit, reference);
        rows.add(row);
        out.printf("  %-8s %-52s %14s %-6s %s%n", area, figure, value, unit, reference);
        out.flush();
    }

    void markdown(PrintStream to) {
        to.println("| area | figure | value | unit | reference |");
        to.println("|---|---|---:|---|---|");
        for (Row r : rows) {
            to.println("| " + r.area + " | " + r.figure + " | " + r.value + " | " + r.unit + " | " + r.reference + " |");
        }
    }
}
