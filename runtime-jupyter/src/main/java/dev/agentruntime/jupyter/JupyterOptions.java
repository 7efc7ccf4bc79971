package dev.agentruntime.jupyter;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of the {@code run_ipython} capability, passed to the runtime builder.
 *
 * @param python       the interpreter, or {@code null} to find one with ipykernel
 * @param agentSkills  import the AgentSkills helpers ({@code open_file}, {@code edit_file_by_replace},
 *                     {@code file_editor}, ...) into the kernel at every start: the {@code agent_skills} plugin
 * @param startTimeout how long a kernel may take to start (default 30 s)
 * @param headSkills   the helpers print what OpenHands' current helpers print where those differ from the 2024 ones
 *                     (an {@code open_file} window of at most 100 lines); default false, the 2024 behaviour
 */
public record JupyterOptions(String python, boolean agentSkills, Duration startTimeout, boolean headSkills) {
    public JupyterOptions {
        Objects.requireNonNull(startTimeout, "startTimeout");
    }

    /** Options with the 2024 helpers' behaviour. */
    public JupyterOptions(String python, boolean agentSkills, Duration startTimeout) {
        this(python, agentSkills, startTimeout, false);
    }

    public static JupyterOptions defaults() {
        return new JupyterOptions(null, false, Duration.ofSeconds(30));
    }
}
