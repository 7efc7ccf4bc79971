package dev.agentruntime.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.agentruntime.core.files.Ownership;
import dev.agentruntime.core.spi.SandboxUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The Python client's user preparation (§C.1 of the protocol reference), without its crashes. When this server runs
 * as root and commands should run as another user:
 *
 * <ul>
 *   <li>an existing account of that name is adopted with its own uid (a different {@code --user-id} is logged and
 *       ignored, as the Python client does); its groups and rights are left as they are;</li>
 *   <li>otherwise the account is created as OpenHands creates it: home {@code /home/<name>}, shell bash, primary
 *       group root, member of {@code sudo}, and (when sudo is installed) a passwordless sudo rule in
 *       {@code /etc/sudoers.d}. When the asked uid belongs to another account, the next free uid is used and one
 *       warning names both. With {@code --no-sudo} ({@link ServerOptions#sudo()} false) the user gets neither the
 *       group nor the rule, and a rule this server wrote earlier is removed;</li>
 *   <li>the working directory is created and given to the user ({@code chown -R <user>:root}, {@code chmod g+rw}).</li>
 * </ul>
 *
 * A user that cannot be set up (an invalid name, {@code useradd} failing, a server that is not root asked to run as
 * someone else) is a {@link SetupException} with one line that says why; {@link Main} exits with it at once.
 */
final class UserSetup {

    private static final Logger LOG = LoggerFactory.getLogger(UserSetup.class);
    private static final int UID_SEARCH = 1000;

    /** The user could not be set up; the message is one line for the operator. */
    static final class SetupException extends Exception {
        private static final long serialVersionUID = 1L;

        SetupException(String message) {
            super(message);
        }
    }

    private UserSetup() {
    }

    /**
     * Prepares the account commands run as and the working directory.
     *
     * @return the account
     * @throws SetupException when the account cannot be set up
     */
    static SandboxUser prepare(ServerOptions options) throws SetupException {
        SandboxUser me = SandboxUser.current();
        String name = options.username();
        SandboxUser user;
        if (name == null || name.equals(me.name())) {
            user = me;
        } else if (!SandboxUser.processIsRoot()) {
            throw new SetupException("cannot run commands as '" + name + "': the server runs as '" + me.name()
                    + "', and only root can switch users");
        } else {
            user = SandboxUser.lookup(name).map(existing -> adopt(existing, options.userId()))
                    .orElse(null);
            if (user == null) {
                user = create(name, options.userId(), options.sudo());
            } else if (!options.sudo()) {
                withoutSudo(user);
            }
        }
        prepareWorkingDirectory(options.workingDirectory(), user);
        return user;
    }

    private static SandboxUser adopt(SandboxUser existing, int askedUid) {
        if (askedUid >= 0 && askedUid != existing.uid()) {
            LOG.warn("user " + existing.name() + " exists with uid " + existing.uid()
                    + "; running as it, not as uid " + askedUid);
        } else {
            LOG.info("running commands as the existing user " + existing.name() + " (uid "
                    + existing.uid() + ")");
        }
        return existing;
    }

    private static SandboxUser create(String name, int askedUid, boolean sudo) throws SetupException {
        int uid = askedUid;
        if (uid >= 0) {
            Optional<SandboxUser> holder = SandboxUser.lookup(Integer.toString(uid));
            if (holder.isPresent()) {
                uid = freeUid(uid + 1);
                LOG.warn("uid " + askedUid + " belongs to the user " + holder.get().name()
                        + "; creating the user " + name + " with uid " + (uid < 0 ? "chosen by useradd" : uid)
                        + " instead");
            }
        }
        boolean sudoGroup = sudo && groupExists("sudo");
        List<String> useradd = new ArrayList<>(List.of("useradd", "-rm", "-d", "/home/" + name, "-s", "/bin/bash",
                "-g", "root"));
        if (sudoGroup) {
            useradd.addAll(List.of("-G", "sudo"));
        }
        if (uid >= 0) {
            useradd.addAll(List.of("-u", Integer.toString(uid)));
        }
        useradd.add(name);
        Result r = run(useradd);
        if (r.exitCode() != 0) {
            throw new SetupException("cannot create the user '" + name + "': " + (r.exitCode() == 127
                    ? "useradd is not installed" : firstLine(r.output(), "useradd exited with " + r.exitCode())));
        }
        SandboxUser created = SandboxUser.lookup(name).orElseThrow(() -> new SetupException("useradd created the "
                + "user '" + name + "', but the system does not find it"));
        LOG.info("created the user " + name + " (uid " + created.uid() + ")" + (sudo ? "" : " without sudo"));
        if (sudo) {
            grantSudo(created);
        }
        return created;
    }

    /** The first uid from {@code from} that no account has, or -1 to let {@code useradd} choose. */
    private static int freeUid(int from) {
        for (int uid = from; uid < from + UID_SEARCH; uid++) {
            if (SandboxUser.lookup(Integer.toString(uid)).isEmpty()) {
                return uid;
            }
        }
        return -1;
    }

    private static boolean groupExists(String group) {
        return run(List.of("getent", "group", group)).exitCode() == 0;
    }

    private static final Path SUDO_RULES = Path.of("/etc/sudoers.d");

    /** The sudo rule this server writes for {@code user}: sudo skips files whose names hold a dot or end in '~'. */
    private static Path sudoRule(SandboxUser user) {
        return SUDO_RULES.resolve("agent-runtime-" + user.name().replaceAll("[^A-Za-z0-9_-]", "_"));
    }

    /**
     * {@code --no-sudo} for an existing account: the rule this server once wrote goes; the account's own groups are
     * the system's business, so membership of {@code sudo} is only reported.
     */
    private static void withoutSudo(SandboxUser user) {
        Path rule = sudoRule(user);
        try {
            if (Files.deleteIfExists(rule)) {
                LOG.info("removed the sudo rule " + rule + " (--no-sudo)");
            }
        } catch (IOException e) {
            LOG.warn("cannot remove the sudo rule " + rule + ": " + e.getMessage());
        }
        Result groups = run(List.of("id", "-nG", user.name()));
        if (groups.exitCode() == 0 && List.of(groups.output().strip().split("\\s+")).contains("sudo")) {
            LOG.warn("--no-sudo, but the existing user " + user.name() + " is a member of the group sudo: sudo "
                    + "may still let it act as root");
        }
    }

    /** A passwordless sudo rule for the user, when sudo is installed (agents run {@code sudo apt-get ...}). */
    private static void grantSudo(SandboxUser user) {
        if (!Files.isExecutable(Path.of("/usr/bin/sudo")) || !Files.isDirectory(SUDO_RULES)) {
            LOG.info("sudo is not installed; " + user.name() + " gets no sudo rule");
            return;
        }
        Path rule = sudoRule(user);
        try {
            Files.writeString(rule, user.name() + " ALL=(ALL) NOPASSWD:ALL\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(rule, PosixFilePermissions.fromString("r--r-----"));
        } catch (IOException e) {
            LOG.warn("cannot write the sudo rule " + rule + ": " + e.getMessage());
        }
    }

    private static void prepareWorkingDirectory(Path dir, SandboxUser user) throws SetupException {
        try {
            Ownership.createDirectories(dir, user);
        } catch (IOException e) {
            throw new SetupException("cannot create the working directory " + dir + ": " + e.getMessage());
        }
        if (user.receivesFiles()) {
            Result chown = run(List.of("chown", "-R", user.uid() + ":" + SandboxUser.FILE_GROUP, dir.toString()));
            if (chown.exitCode() != 0) {
                LOG.warn("cannot give " + dir + " to " + user.name() + ": "
                        + firstLine(chown.output(), "chown exited with " + chown.exitCode()));
            }
        }
        // chmod g+rw, as the Python client does, without a process.
        try {
            Set<PosixFilePermission> mode = new HashSet<>(Files.getPosixFilePermissions(dir));
            if (mode.add(PosixFilePermission.GROUP_READ) | mode.add(PosixFilePermission.GROUP_WRITE)) {
                Files.setPosixFilePermissions(dir, mode);
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("cannot let the group write to " + dir + ": " + e.getMessage());
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(60, TimeUnit.SECONDS) ? new Result(p.exitValue(), out) : new Result(-1, "timed out");
        } catch (IOException e) {
            return new Result(127, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private static String firstLine(String text, String fallback) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(fallback);
    }
}
