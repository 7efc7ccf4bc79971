package dev.agentruntime.sandbox;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The process that started a sandbox, as it is written into the sandbox's labels: host name, pid and the process's
 * start time (so that a reused pid is not taken for the owner). A sandbox whose owner ran on this host and is no
 * longer running is a leftover; {@link SandboxProvider#reap()} removes those. The label keys and values are valid
 * both as Docker labels and as Kubernetes labels.
 *
 * @param host         the owner's host name, as a label value
 * @param pid          the owner's process id
 * @param startMillis  the owner's start time in epoch milliseconds
 */
public record SandboxOwner(String host, long pid, long startMillis) {

    /** Marks a container or pod as one of agent-runtime's sandboxes ({@code "true"}). */
    public static final String SANDBOX_LABEL = "agentruntime.dev/sandbox";
    public static final String HOST_LABEL = "agentruntime.dev/owner-host";
    public static final String PID_LABEL = "agentruntime.dev/owner-pid";
    public static final String START_LABEL = "agentruntime.dev/owner-start";

    private static final SandboxOwner CURRENT = of(ProcessHandle.current());

    /** This JVM. */
    public static SandboxOwner current() {
        return CURRENT;
    }

    public static SandboxOwner of(ProcessHandle process) {
        long start = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return new SandboxOwner(localHost(), process.pid(), start);
    }

    /** The labels that mark a sandbox as ours and name this owner. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(SANDBOX_LABEL, "true");
        labels.put(HOST_LABEL, host);
        labels.put(PID_LABEL, Long.toString(pid));
        labels.put(START_LABEL, Long.toString(startMillis));
        return labels;
    }

    /** The owner named by a sandbox's labels, or empty when they do not name one. */
    public static Optional<SandboxOwner> fromLabels(Map<String, String> labels) {
        if (labels == null || !"true".equals(labels.get(SANDBOX_LABEL))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SandboxOwner(labels.getOrDefault(HOST_LABEL, ""),
                    Long.parseLong(labels.getOrDefault(PID_LABEL, "")),
                    Long.parseLong(labels.getOrDefault(START_LABEL, ""))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether this owner ran on this host and has ended. An owner on another host is never taken for dead: this
     * host cannot know.
     */
    public boolean endedOnThisHost() {
        if (!host.equals(localHost())) {
            return false;
        }
        return ProcessHandle.of(pid).map(p -> !of(p).equals(this)).orElse(true);
    }

    private static String localHost() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            name = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        return labelValue(name);
    }

    /** A Kubernetes label value: at most 63 of {@code [a-z0-9._-]}, beginning and ending alphanumeric. */
    public static String labelValue(String s) {
        String v = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        if (v.length() > 63) {
            v = v.substring(0, 63);
        }
        v = v.replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
        return v.isEmpty() ? "unknown" : v;
    }
}
