package dev.agentruntime.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.jupyter.internal.KernelMessage;
import dev.agentruntime.jupyter.internal.KernelProcess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Gathers the messages of one {@code execute_request}; complete once both the reply and {@code idle} came. */
final class CellCollector {

    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]");

    private final List<ExecutionResult.Output> outputs = new ArrayList<>();
    private boolean replied;
    private boolean idle;
    private boolean failed;

    synchronized void accept(KernelMessage m) {
        JsonNode c = m.content();
        switch (m.msgType()) {
            case "stream" -> outputs.add(new ExecutionResult.Output.Stream(c.path("name").asText("stdout"),
                    c.path("text").asText("")));
            case "execute_result", "display_data" -> outputs.add(new ExecutionResult.Output.Display(
                    bundle(c.path("data")), m.msgType().equals("execute_result")));
            case "error" -> {
                List<String> traceback = new ArrayList<>();
                c.path("traceback").forEach(line -> traceback.add(stripAnsi(line.asText())));
                outputs.add(new ExecutionResult.Output.Error(c.path("ename").asText(""),
                        stripAnsi(c.path("evalue").asText("")), traceback));
                failed = true;
            }
            case "execute_reply" -> {
                replied = true;
                failed |= !"ok".equals(c.path("status").asText("ok"));
            }
            case "status" -> idle |= "idle".equals(c.path("execution_state").asText());
            default -> {
                return;
            }
        }
        if (replied && idle) {
            notifyAll(); // the waiter only cares about completion; death and deadlines it polls for
        }
    }

    private static Map<String, String> bundle(JsonNode data) {
        Map<String, String> out = new LinkedHashMap<>();
        data.properties().forEach(e -> {
            JsonNode v = e.getValue();
            String text = v.isTextual() ? v.textValue() : v.toString();
            if (e.getKey().startsWith("image/") && !e.getKey().equals("image/svg+xml")) {
                text = text.replace("\n", "").replace("\r", ""); // base64 arrives with a trailing newline
            }
            out.put(e.getKey(), text);
        });
        return out;
    }

    static String stripAnsi(String s) {
        return ANSI.matcher(s).replaceAll("");
    }

    /** Waits for completion, the kernel's death, or the deadline ({@link System#nanoTime()} value). */
    synchronized ExecutionResult.Status await(long deadline, KernelProcess process) throws InterruptedException {
        while (true) {
            if (replied && idle) {
                return failed ? ExecutionResult.Status.ERROR : ExecutionResult.Status.OK;
            }
            if (!process.isAlive()) {
                return ExecutionResult.Status.KERNEL_DIED;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return ExecutionResult.Status.TIMED_OUT;
            }
            wait(Math.max(1, Math.min(100, left / 1_000_000)));
        }
    }

    synchronized ExecutionResult result(ExecutionResult.Status status) {
        return new ExecutionResult(outputs, status);
    }
}
