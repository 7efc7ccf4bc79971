package dev.agentruntime.jupyter;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of the {@code run_ipython} capability, passed to the runtime builder.
 *
 * @param python       the interpreter, or {@code null} to find one with ipykernel
 * @param agentSkills  import OpenHands' {@code agentskills} module into the kernel when it is importable there
 *                     (the {@code agent_skills} plugin); a kernel without it logs that and goes on
 * @param startTimeout how long a kernel may take to start (default 30 s)
 */
public record JupyterOptions(String python, boolean agentSkills, Duration startTimeout) {
    public JupyterOptions {
        Objects.requireNonNull(startTimeout, "startTimeout");
    }

    public static JupyterOptions defaults() {
        return new JupyterOptions(null, false, Duration.ofSeconds(30));
    }
}
