package dev.agentruntime.shell.internal;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import dev.agentruntime.core.spi.SandboxUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The one place that knows pty4j, with {@link TerminalInput} and {@link TerminalOutput} which read and write its
 * terminal: a bash process on a pseudo-terminal, its streams, and a termination that leaves no process behind
 * (hang-up first, which bash forwards to its jobs, then force on the whole tree).
 */
public final class ShellProcess implements AutoCloseable {

    private final PtyProcess process;
    private final OutputStream stdin;
    private final InputStream output;
    /** The terminal, for its modes; {@code null} where they cannot be reached (not Linux). */
    private final TerminalDescriptor modes;
    private volatile boolean closed;

    private ShellProcess(PtyProcess process) {
        this.process = process;
        this.stdin = TerminalOutput.of(process);
        this.output = TerminalInput.of(process);
        this.modes = TerminalDescriptor.duplicate(process);
    }

    /**
     * Starts an interactive bash as {@code user}: directly on the terminal, so that bash is the terminal's session
     * leader with job control and a Ctrl-C reaches the command in the foreground (see {@link SandboxUser#launch}).
     *
     * @param user     the account bash runs as
     * @param readRc   whether bash reads its rc files
     * @param baseEnv  the variables bash starts from, or {@code null} for this process's without the JVM-only ones
     * @param extraEnv added after the base and the user's {@code HOME}, {@code USER}, ...
     */
    public static ShellProcess start(Path directory, SandboxUser user, boolean readRc, Map<String, String> baseEnv,
                                     Map<String, String> extraEnv, int columns, int rows) throws IOException {
        List<String> bash = new ArrayList<>(List.of("/bin/bash"));
        if (!readRc) {
            bash.add("--norc");
            bash.add("--noprofile");
        }
        bash.add("--noediting"); // see InitScript: the terminal's modes, not readline's copy, decide the echo
        bash.add("-i");
        List<String> command;
        try {
            command = user.launch(bash);
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
        PtyNative.prepare();
        Map<String, String> env = new HashMap<>(baseEnv != null ? baseEnv : System.getenv());
        dev.agentruntime.core.spi.JvmOnlyEnvironment.removeFrom(env);
        env.put("TERM", "xterm-256color");
        env.remove("PROMPT_COMMAND");
        env.remove("PS1");
        env.putAll(user.environment());
        env.putAll(extraEnv);
        PtyProcess p = new PtyProcessBuilder(command.toArray(String[]::new))
                .setEnvironment(env)
                .setDirectory(directory.toString())
                .setInitialColumns(columns)
                .setInitialRows(rows)
                .setConsole(false)
                .start();
        return new ShellProcess(p);
    }

    /** What the terminal shows: one stream, for one reader; it ends when the shell and its terminal are gone. */
    public InputStream output() {
        return output;
    }

    /** Types text into the terminal. */
    public void write(String text) throws IOException {
        stdin.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        stdin.flush();
    }

    public long pid() {
        return process.pid();
    }

    // struct termios (Linux, every architecture): c_iflag, c_oflag, c_cflag, c_lflag, then c_line, c_cc, speeds.
    private static final int TERMIOS_BYTES = 64;
    private static final int C_OFLAG = 4;
    private static final int C_LFLAG = 12;
    private static final int ONLCR = 04;
    private static final int ISIG = 01;
    private static final int ICANON = 02;
    private static final int ECHO = 010;
    private static final int ECHONL = 0100;

    /**
     * Puts the terminal back in the mode commands are typed in: no echo, no carriage return added before a line
     * feed, lines, signals. A program may have left it otherwise ({@code stty sane}, {@code stty echo}, an editor
     * that crashed in raw mode), and every later observation would start with the command typed. Bash reads its
     * commands without readline ({@link InitScript}), so what is set here holds for the next line.
     *
     * @return whether anything had to change
     */
    public boolean restoreTerminalMode() {
        if (modes == null) {
            return false;
        }
        modes.lock();
        try (com.sun.jna.Memory t = new com.sun.jna.Memory(TERMIOS_BYTES)) {
            if (modes.closing()) {
                return false;
            }
            LibC.tcgetattr(modes.fd, t);
            int oflag = t.getInt(C_OFLAG);
            int lflag = t.getInt(C_LFLAG);
            int quietO = oflag & ~ONLCR;
            int quietL = (lflag & ~(ECHO | ECHONL)) | ICANON | ISIG;
            if (quietO == oflag && quietL == lflag) {
                return false;
            }
            t.setInt(C_OFLAG, quietO);
            t.setInt(C_LFLAG, quietL);
            LibC.tcsetattr(modes.fd, 0, t); // TCSANOW
            return true;
        } catch (com.sun.jna.LastErrorException e) {
            return false;
        } finally {
            modes.unlock();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The shell's exit status, or -1 while it runs. */
    public int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Ends bash and everything it started, background jobs included. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> tree = new ArrayList<>();
        ProcessHandle.of(process.pid()).ifPresent(h -> {
            tree.add(h);
            h.descendants().forEach(tree::add);
        });
        // Hang-up: interactive bash ignores SIGTERM but forwards SIGHUP to its jobs.
        Signals.hangUp(tree.stream().map(ProcessHandle::pid).toList());
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            process.waitFor(500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle h : tree) {
            h.descendants().forEach(ProcessHandle::destroyForcibly);
            h.destroyForcibly();
        }
        process.destroyForcibly();
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            output.close(); // our duplicate; pty4j's destroy closed its own
        } catch (IOException e) {
            // closed either way
        }
        if (modes != null) {
            modes.close();
        }
    }
}
