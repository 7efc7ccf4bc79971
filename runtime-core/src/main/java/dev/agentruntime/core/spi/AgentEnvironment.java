package dev.agentruntime.core.spi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The environment the agent's programs (the shell, the kernel, the MCP servers a host lists) start with, built from
 * the server's own rather than inherited whole. The agent runs arbitrary code: it must not read the server's secrets
 * (its API key, with which it could call its own server's routes as root) nor the settings of the account the
 * server runs as (root's {@code PATH} through {@code /root/.cargo/bin}, {@code PYENV_ROOT=/root/.pyenv}). What
 * OpenHands gives its sandbox user stays: the image's {@code PATH} and locale, and the variables the host passed in
 * (OpenHands' {@code SANDBOX_ENV_*} ones, {@code PIP_BREAK_SYSTEM_PACKAGES}, the app ports).
 *
 * <p>The rules, in order: variables named in {@link JvmOnlyEnvironment#NAMES} go; secrets go (the names given,
 * those listed in {@value #PRIVATE}, and any variable whose value is a given secret value); prompt settings go
 * ({@code PS1}, {@code PROMPT_COMMAND}); and when the agent runs as another account than the server: {@code HOME},
 * {@code USER}, {@code LOGNAME}, {@code SHELL} become the agent's, {@code MAIL}, {@code XDG_RUNTIME_DIR} and
 * {@code SUDO_*} go, entries of path lists ({@code PATH} and the like) inside the server account's home go, and so
 * does any other variable whose value is a path there. Pure: the caller passes the environment in.
 */
public final class AgentEnvironment {

    /** Comma-separated names of further variables the agent must not see (the deployer's own secrets). */
    public static final String PRIVATE = "AGENT_RUNTIME_PRIVATE_ENV";

    private AgentEnvironment() {
    }

    /**
     * The agent's environment.
     *
     * @param server       the server's environment
     * @param agent        the account the agent's programs run as
     * @param serverUser   the account the server runs as
     * @param secretNames  variables that hold secrets (e.g. {@code SESSION_API_KEY})
     * @param secretValues secret values (e.g. the API key, however it was given): any variable holding one goes
     */
    public static Map<String, String> build(Map<String, String> server, SandboxUser agent, SandboxUser serverUser,
                                            Collection<String> secretNames, Collection<String> secretValues) {
        Map<String, String> env = new LinkedHashMap<>(server);
        JvmOnlyEnvironment.removeFrom(env);
        String extra = env.remove(PRIVATE);
        if (extra != null) {
            for (String name : extra.split(",")) {
                env.remove(name.trim());
            }
        }
        secretNames.forEach(env::remove);
        env.values().removeIf(v -> v != null && !v.isEmpty() && secretValues.contains(v));
        env.remove("PS1");
        env.remove("PROMPT_COMMAND");
        if (agent.uid() != serverUser.uid()) {
            asOtherAccount(env, agent, serverUser.home());
        }
        return env;
    }

    private static void asOtherAccount(Map<String, String> env, SandboxUser agent, Path serverHome) {
        env.remove("MAIL");
        env.remove("XDG_RUNTIME_DIR");
        env.keySet().removeIf(k -> k.startsWith("SUDO_"));
        boolean privateHome = !serverHome.toString().equals("/");
        if (privateHome) {
            for (Map.Entry<String, String> e : new ArrayList<>(env.entrySet())) {
                String value = e.getValue();
                if (value.indexOf(':') >= 0 && value.startsWith("/")) {
                    env.put(e.getKey(), outside(value, serverHome));
                } else if (inside(value, serverHome)) {
                    env.remove(e.getKey());
                }
            }
        }
        env.put("HOME", agent.home().toString());
        env.put("USER", agent.name());
        env.put("LOGNAME", agent.name());
        env.put("SHELL", agent.shell());
    }

    /** A {@code :}-separated list of paths without those inside {@code home}. */
    private static String outside(String list, Path home) {
        List<String> kept = new ArrayList<>();
        for (String entry : list.split(":", -1)) {
            if (!inside(entry, home)) {
                kept.add(entry);
            }
        }
        return String.join(":", kept);
    }

    private static boolean inside(String value, Path home) {
        if (value == null || !value.startsWith("/")) {
            return false;
        }
        String h = home.toString();
        return value.equals(h) || value.startsWith(h.endsWith("/") ? h : h + "/");
    }

    /** The names of {@code server}'s variables that {@link #build} removes, for a log line (never the values). */
    public static Set<String> removed(Map<String, String> server, Map<String, String> agent) {
        Objects.requireNonNull(agent, "agent");
        Set<String> gone = new java.util.TreeSet<>(server.keySet());
        gone.removeAll(agent.keySet());
        return gone;
    }
}
