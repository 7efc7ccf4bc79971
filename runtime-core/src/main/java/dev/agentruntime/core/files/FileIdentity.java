package dev.agentruntime.core.files;

import com.sun.jna.LastErrorException;
import com.sun.jna.ptr.IntByReference;
import dev.agentruntime.core.spi.SandboxUser;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * File work done with the sandbox user's rights, not the server's. OpenHands runs its server as root and its agent
 * as another account; every path an action or a route names is the agent's choice, and a check made before a root
 * write can be raced (a directory swapped for a symbolic link between the check and the write). Instead, the thread
 * doing the work takes the user's file-system identity for its duration ({@code setfsuid}, {@code setfsgid} and the
 * user's groups, for this thread alone): the kernel then checks every open, create and rename as it would for the
 * agent's own shell, and what it creates belongs to the user from the start. Where no switch is needed (the server
 * runs as the agent's account, or is not root) the work runs as it is.
 *
 * <p>Inside, code must stay on the calling thread and must not start processes (a child would inherit the identity)
 * or load classes from a jar that was never opened (the user may not read it).
 */
public final class FileIdentity {

    /** Work done as the user; it may throw one checked exception type. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    private static final ThreadLocal<SandboxUser> ACTING = new ThreadLocal<>();
    private static final Map<String, int[]> GROUPS = new ConcurrentHashMap<>();

    /*
     * A class loader opens a jar the first time it looks into it, and keeps it open. Work done as the user must not
     * be the first to need a jar, which may lie where the user cannot read (root's ~/.m2): one class of each jar the
     * work uses is looked up now, as the server. This jar itself is open already.
     */
    static {
        for (String name : new String[] {"org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream",
                "org.apache.commons.io.IOUtils", "org.apache.commons.lang3.ArrayUtils", "com.sun.jna.Native"}) {
            try {
                Class.forName(name, false, FileIdentity.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError absent) {
                // not on this class path: not needed either
            }
        }
    }

    private FileIdentity() {
    }

    /**
     * Runs {@code work} with {@code user}'s file rights on this thread, and gives the thread its own back after,
     * however {@code work} ends. Nested calls for the same user run as they are.
     *
     * @throws UnsupportedOperationException when the identity must change but this system offers no way to
     *                                       (the C library could not be bound): the work is not done as root
     */
    public static <T, E extends Exception> T as(SandboxUser user, Work<T, E> work) throws E {
        if (!user.receivesFiles() || user.equals(ACTING.get())) {
            return work.run();
        }
        if (Posix.C == null) {
            throw new UnsupportedOperationException("cannot act on files as " + user.name() + ": the C library "
                    + "could not be bound on this system");
        }
        if (ACTING.get() != null) {
            throw new IllegalStateException("already acting as " + ACTING.get().name());
        }
        int[] ownGroups = groups();
        int[] userGroups = GROUPS.computeIfAbsent(user.name(), n -> groupsOf(user));
        setGroups(userGroups);
        int ownGid = Posix.C.setfsgid(user.gid());
        int ownUid = Posix.C.setfsuid(user.uid());
        try {
            if (Posix.C.setfsgid(-1) != user.gid() || Posix.C.setfsuid(-1) != user.uid()) {
                throw new IllegalStateException("cannot take the file identity of " + user.name());
            }
            ACTING.set(user);
            return work.run();
        } finally {
            ACTING.remove();
            Posix.C.setfsuid(ownUid);
            Posix.C.setfsgid(ownGid);
            setGroups(ownGroups);
            if (Posix.C.setfsuid(-1) != ownUid || Posix.C.setfsgid(-1) != ownGid) {
                // Never reached on Linux (root may always take back its own ids); a thread left as the user would
                // silently act with the wrong rights, so this is not an exception to be caught.
                throw new InternalError("this thread could not take back its own file identity");
            }
        }
    }

    /** Whether this thread is acting as {@code user} (inside {@link #as}). */
    public static boolean actingAs(SandboxUser user) {
        return user.equals(ACTING.get());
    }

    private static int[] groups() {
        try {
            int n = (int) Posix.C.syscall(Posix.SYS_GETGROUPS, 0L, null);
            int[] groups = new int[Math.max(n, 1)];
            n = (int) Posix.C.syscall(Posix.SYS_GETGROUPS, (long) groups.length, groups);
            return Arrays.copyOf(groups, n);
        } catch (LastErrorException e) {
            throw new IllegalStateException("cannot read this thread's groups: errno " + e.getErrorCode(), e);
        }
    }

    private static void setGroups(int[] groups) {
        try {
            Posix.C.syscall(Posix.SYS_SETGROUPS, (long) groups.length, groups.length == 0 ? null : groups);
        } catch (LastErrorException e) {
            throw new IllegalStateException("cannot set this thread's groups: errno " + e.getErrorCode(), e);
        }
    }

    /** The user's groups as the system lists them ({@code getgrouplist}), its primary group among them. */
    private static int[] groupsOf(SandboxUser user) {
        int[] groups = new int[64];
        IntByReference count = new IntByReference(groups.length);
        if (Posix.C.getgrouplist(user.name(), user.gid(), groups, count) < 0) {
            groups = new int[count.getValue()];
            count.setValue(groups.length);
            if (Posix.C.getgrouplist(user.name(), user.gid(), groups, count) < 0) {
                return new int[] {user.gid()};
            }
        }
        return Arrays.copyOf(groups, count.getValue());
    }
}
