package dev.agentruntime.shell.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Signals the process group that owns the shell's terminal, read from {@code /proc/<pid>/stat} (Linux). */
public final class ForegroundGroup {

    private ForegroundGroup() {
    }

    /** Sends {@code signal} to the process group in the foreground of the shell's terminal, if not the shell's. */
    public static void signal(long shellPid, String signal) {
        long group = foregroundGroup(shellPid);
        if (group <= 0 || group == shellPid) {
            return;
        }
        Signals.send(signal, "-" + group);
    }

    /** Field 8 of {@code /proc/<pid>/stat}: the foreground process group of the process's terminal. */
    public static long foregroundGroup(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.UTF_8);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[5]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
