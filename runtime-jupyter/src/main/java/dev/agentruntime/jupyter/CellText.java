package dev.agentruntime.jupyter;

import dev.agentruntime.core.Dialect;
import java.time.Duration;
import java.util.List;

/** OpenHands' text for a cell's outputs (§E): outputs joined in order, images per dialect, fixed messages. */
final class CellText {

    static final String NO_OUTPUT = "[Code executed successfully with no output]";

    private CellText() {
    }

    /**
     * @param images receives {@code data:} URLs of the cell's images in the current dialect
     */
    static String format(ExecutionResult r, Dialect dialect, Duration timeout, List<String> images, int exitCode) {
        if (r.status() == ExecutionResult.Status.TIMED_OUT) {
            return "[Execution timed out (" + seconds(timeout, dialect) + " seconds).]";
        }
        StringBuilder out = new StringBuilder();
        for (ExecutionResult.Output o : r.outputs()) {
            if (o instanceof ExecutionResult.Output.Stream s) {
                out.append(s.text());
            } else if (o instanceof ExecutionResult.Output.Display d) {
                String plain = d.data().get("text/plain");
                if (plain != null) {
                    out.append(plain);
                }
                String png = d.data().get("image/png");
                if (png != null) {
                    if (dialect == Dialect.LEGACY) {
                        out.append("\n![image](data:image/png;base64,").append(png).append(")\n");
                    } else {
                        images.add("data:image/png;base64," + png);
                    }
                }
            } else if (o instanceof ExecutionResult.Output.Error e) {
                out.append(String.join("\n", e.traceback()));
            }
        }
        if (r.status() == ExecutionResult.Status.KERNEL_DIED) {
            out.append(out.length() == 0 ? "" : "\n").append("[The Python kernel died while running this cell")
                    .append(exitCode >= 0 ? " (exit code " + exitCode + ")" : "")
                    .append(". A new kernel starts with the next cell; variables and imports are lost.]");
            return out.toString();
        }
        return out.length() == 0 && images.isEmpty() ? NO_OUTPUT : out.toString();
    }

    /** The 2024 client printed the wire's int ({@code 120}), the current one a float ({@code 120.0}). */
    private static String seconds(Duration timeout, Dialect dialect) {
        if (timeout == null) {
            return "None";
        }
        double s = timeout.toNanos() / 1e9;
        boolean whole = s == Math.rint(s);
        if (dialect == Dialect.LEGACY && whole) {
            return Long.toString((long) s);
        }
        return whole ? (long) s + ".0" : Double.toString(s);
    }

    /** A Python string literal for any text (JSON's escapes are valid Python). */
    static String pythonString(String s) {
        return dev.agentruntime.core.wire.OpenHandsWire.encodeValue(s);
    }
}
