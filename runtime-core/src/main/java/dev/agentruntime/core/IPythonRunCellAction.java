package dev.agentruntime.core;

import java.time.Duration;
import java.util.Objects;

/**
 * A Python cell for the Jupyter kernel ({@code run_ipython}).
 *
 * @param code           the cell's source
 * @param includeExtra   current dialect: append the working directory and interpreter lines (default {@code true})
 * @param kernelInitCode code to run once after a kernel (re)start; may be empty
 * @param timeout        the time limit after which the kernel is interrupted, or {@code null}
 * @param thought        the agent's reasoning
 * @param confirmation   whether the user confirmed the cell
 * @param securityRisk   -1 unknown, 0 low, 1 medium, 2 high
 */
public record IPythonRunCellAction(
        String code,
        boolean includeExtra,
        String kernelInitCode,
        Duration timeout,
        String thought,
        Confirmation confirmation,
        int securityRisk) implements Action {

    public IPythonRunCellAction {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(kernelInitCode, "kernelInitCode");
        Objects.requireNonNull(thought, "thought");
        Objects.requireNonNull(confirmation, "confirmation");
        Action.checkTimeout(timeout);
        Action.checkSecurityRisk(securityRisk);
    }

    /** A cell with every other field at its default. */
    public IPythonRunCellAction(String code) {
        this(code, true, "", null, "", Confirmation.CONFIRMED, -1);
    }

    @Override
    public String type() {
        return "run_ipython";
    }

    /** This cell with a time limit. */
    public IPythonRunCellAction withTimeout(Duration limit) {
        return new IPythonRunCellAction(code, includeExtra, kernelInitCode, limit, thought, confirmation,
                securityRisk);
    }
}
