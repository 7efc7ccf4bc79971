package dev.agentruntime.jupyter;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a cell produced, in arrival order.
 *
 * @param outputs the cell's outputs: streams, rich results and displays, and at most one error
 * @param status  how the execution ended
 */
public record ExecutionResult(List<Output> outputs, Status status) {

    /** How an execution ended. */
    public enum Status {
        /** {@code execute_reply} ok and the kernel idle. */
        OK,
        /** The cell raised; see the {@link Output.Error} output. */
        ERROR,
        /** The time limit passed; the kernel was interrupted and keeps its state. */
        TIMED_OUT,
        /** The kernel process ended during the cell; the next cell starts a new kernel. */
        KERNEL_DIED
    }

    /** One output of a cell. */
    public sealed interface Output {
        /** Text a cell printed on {@code stdout} or {@code stderr}. */
        record Stream(String name, String text) implements Output {
        }

        /**
         * An {@code execute_result} or {@code display_data} bundle: MIME type to value ({@code image/png} values are
         * base64 without line breaks).
         */
        record Display(Map<String, String> data, boolean isResult) implements Output {
            public Display {
                data = Map.copyOf(data);
            }
        }

        /** An exception; the traceback lines have no ANSI colours. */
        record Error(String name, String value, List<String> traceback) implements Output {
            public Error {
                traceback = List.copyOf(traceback);
            }
        }
    }

    public ExecutionResult {
        outputs = List.copyOf(outputs);
        Objects.requireNonNull(status, "status");
    }

    /** Everything printed on {@code stdout}. */
    public String stdout() {
        return stream("stdout");
    }

    /** Everything printed on {@code stderr}. */
    public String stderr() {
        return stream("stderr");
    }

    private String stream(String name) {
        StringBuilder out = new StringBuilder();
        for (Output o : outputs) {
            if (o instanceof Output.Stream s && s.name().equals(name)) {
                out.append(s.text());
            }
        }
        return out.toString();
    }

    /** The error output, or {@code null}. */
    public Output.Error error() {
        for (Output o : outputs) {
            if (o instanceof Output.Error e) {
                return e;
            }
        }
        return null;
    }
}
