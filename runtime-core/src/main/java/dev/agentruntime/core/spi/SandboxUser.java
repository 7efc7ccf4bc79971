package dev.agentruntime.core.spi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The operating-system account the agent's processes run as and its files belong to: OpenHands runs its server as
 * root and the agent as {@code --username} (usually {@code openhands}).
 *
 * <p>When this process is root and the user is another account, {@link #launch(List)} starts programs as that user
 * with {@code setpriv} (util-linux), which changes the uid in place and then executes the program. No process stays
 * in between (as {@code su} does), so a program started on a terminal keeps it as its controlling terminal, and a
 * Ctrl-C typed there reaches the command in the foreground, not an intermediate {@code su} that would end the whole
 * session.
 *
 * @param name  the account name
 * @param uid   its uid, or -1 when unknown (then files are never given to it)
 * @param gid   its primary gid, or -1
 * @param home  its home directory
 * @param shell its login shell
 */
public record SandboxUser(String name, int uid, int gid, Path home, String shell) {

    /** The group the sandbox user's files get, as OpenHands gives its working directory ({@code user:root}). */
    public static final int FILE_GROUP = 0;

    private static final Path PASSWD_FILE = Path.of("/etc/passwd");
    private static final int PROCESS_UID = readProcessUid();
    private static final List<String> SETPRIV_LOCATIONS = List.of("/usr/bin/setpriv", "/bin/setpriv");

    public SandboxUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(shell, "shell");
    }

    /** The user this process runs as. */
    public static SandboxUser current() {
        return CurrentHolder.CURRENT;
    }

    /** The uid of this process. */
    public static int processUid() {
        return PROCESS_UID;
    }

    /** Whether this process runs as root and may therefore switch users and give files away. */
    public static boolean processIsRoot() {
        return PROCESS_UID == 0;
    }

    /**
     * The account {@code nameOrUid} (a name, or a uid when all digits, as {@code getent} reads it) from the system's
     * user database: {@code /etc/passwd} when the account is there, which costs no process; else {@code getent
     * passwd}, which also asks the other sources the system is configured with (LDAP, ...). Empty when unknown.
     */
    public static Optional<SandboxUser> lookup(String nameOrUid) {
        Objects.requireNonNull(nameOrUid, "nameOrUid");
        if (nameOrUid.isEmpty() || nameOrUid.contains(":") || nameOrUid.contains("\n")) {
            return Optional.empty();
        }
        String line = passwdFileEntry(PASSWD_FILE, nameOrUid);
        if (line == null) {
            line = getent(nameOrUid);
        }
        return line == null ? Optional.empty() : parsePasswd(line);
    }

    /** The first line of a passwd file for {@code nameOrUid}, matched as {@code getent} does, or null. */
    static String passwdFileEntry(Path file, String nameOrUid) {
        boolean byUid = nameOrUid.chars().allMatch(c -> c >= '0' && c <= '9');
        int field = byUid ? 2 : 0;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length >= 7 && f[field].equals(nameOrUid)) {
                    return line;
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable or not text: getent decides
        }
        return null;
    }

    /** One {@code passwd} line ({@code name:x:uid:gid:gecos:home:shell}), or empty when malformed. */
    static Optional<SandboxUser> parsePasswd(String line) {
        String[] f = line.strip().split(":", -1);
        if (f.length < 7) {
            return Optional.empty();
        }
        try {
            String shell = f[6].isEmpty() ? "/bin/sh" : f[6];
            return Optional.of(new SandboxUser(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    Path.of(f[5].isEmpty() ? "/" : f[5]), shell));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String getent(String key) {
        try {
            Process p = new ProcessBuilder("getent", "passwd", key).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isBlank()) {
                return null;
            }
            return out.lines().findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Whether this is the account this process runs as (then nothing needs switching or giving away). */
    public boolean isProcessUser() {
        return uid == PROCESS_UID;
    }

    /** Whether programs must be started through {@link #launch} to run as this user. */
    public boolean needsSwitch() {
        return !isProcessUser();
    }

    /** Whether new files should be given to this user: this process is root and the user is another account. */
    public boolean receivesFiles() {
        return PROCESS_UID == 0 && uid > 0;
    }

    /**
     * The command line that runs {@code command} as this user: the command itself for this process's user, else
     * {@code setpriv} with the user's uid, gid and groups in front.
     *
     * @throws IllegalStateException when the user differs from this process's and this process cannot switch (it is
     *                               not root, or {@code setpriv} is missing)
     */
    public List<String> launch(List<String> command) {
        if (!needsSwitch()) {
            return List.copyOf(command);
        }
        if (PROCESS_UID != 0 || uid < 0) {
            throw new IllegalStateException("cannot run programs as " + name + ": this process runs as uid "
                    + PROCESS_UID + ", and only root can switch users");
        }
        String setpriv = SETPRIV_LOCATIONS.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                .orElseThrow(() -> new IllegalStateException("cannot run programs as " + name
                        + ": setpriv (util-linux) is not installed"));
        List<String> line = new ArrayList<>(List.of(setpriv, "--reuid=" + uid, "--regid=" + Math.max(gid, 0),
                "--init-groups", "--"));
        line.addAll(command);
        return line;
    }

    /**
     * The variables a program started as this user needs besides the inherited ones: {@code HOME}, {@code USER},
     * {@code LOGNAME}, {@code SHELL} (as {@code su} sets them), or none for this process's user.
     */
    public Map<String, String> environment() {
        if (!needsSwitch()) {
            return Map.of();
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("USER", name);
        env.put("LOGNAME", name);
        env.put("SHELL", shell);
        return env;
    }

    private static int readProcessUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            return -1; // not Linux: treated as an ordinary user that never switches
        }
    }

    /** Looked up once, when first asked for. */
    private static final class CurrentHolder {
        static final SandboxUser CURRENT = lookup(Integer.toString(PROCESS_UID))
                .orElseGet(() -> new SandboxUser(ProcessHandle.current().info().user().orElse("unknown"), PROCESS_UID,
                        -1, Path.of("/"), "/bin/sh"));
    }
}
