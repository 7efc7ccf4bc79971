package dev.agentruntime.shell;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.agentruntime.core.files.Ownership;
import dev.agentruntime.core.spi.SandboxUser;
import dev.agentruntime.shell.internal.ForegroundGroup;
import dev.agentruntime.shell.internal.InitScript;
import dev.agentruntime.shell.internal.PromptMarker;
import dev.agentruntime.shell.internal.ShellProcess;
import dev.agentruntime.shell.internal.TerminalReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One interactive bash in a real pseudo-terminal that keeps its state (working directory, environment, functions,
 * background jobs) from command to command.
 *
 * <pre>{@code
 * try (BashSession bash = BashSession.start(ShellOptions.builder(dir).build())) {
 *     bash.run("export X=1", null, Duration.ofSeconds(10));
 *     CommandResult r = bash.run("echo $X", null, Duration.ofSeconds(10));   // r.output() == "1\n"
 * }
 * }</pre>
 *
 * <p>A one-line command is typed, as a person would; any other text (several lines, heredocs, tabs, non-ASCII) is
 * handed to bash through a file it reads and {@code eval}s, so it runs exactly as written and yields exactly one
 * prompt. The prompt carries a per-session marker with the exit code and working directory, so a command costs one
 * round trip. A command that outlives a timeout
 * keeps running: {@link #awaitOutput}, {@link #sendInput} and {@link #interrupt} continue it.
 *
 * <p>Threading: the methods that run or wait are synchronized (one caller at a time) and block up to the timeouts
 * given; {@link #close} may be called from any thread and ends a waiting call promptly. If the shell dies, the wait
 * reports {@link CommandStatus#SHELL_DIED} and the next command starts a fresh shell in the last working directory.
 */
public final class BashSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BashSession.class);
    /** How long after input ends a program a second prompt, from the Enter typed with it, may follow. */
    private static final Duration STRAY_PROMPT_WINDOW = Duration.ofMillis(50);

    private final ShellOptions options;
    private final SandboxUser user;
    private final Path controlDirectory;
    private final Path commandFile;
    private volatile ShellProcess process;
    private volatile TerminalReader reader;
    private volatile java.util.function.Consumer<String> listener;
    private Thread readerThread;
    private volatile PromptInfo lastPrompt; // read without the session's lock: named sessions start from its cwd
    private boolean running;
    private volatile boolean closed;
    private PromptMarker marker;
    /** The shell's {@code /proc/<pid>/cmdline} as started: another one means a command replaced it. */
    private byte[] shellCommandLine;

    private BashSession(ShellOptions options, SandboxUser user, Path controlDirectory) {
        this.options = options;
        this.user = user;
        this.controlDirectory = controlDirectory;
        this.commandFile = controlDirectory.resolve("command");
    }

    /**
     * Starts bash and waits for its first prompt (up to {@link ShellOptions#startTimeout()}), then runs the
     * options' init commands; one that fails or hangs is logged (and interrupted), not fatal.
     *
     * @throws ShellException when bash cannot be started or does not come up
     */
    public static BashSession start(ShellOptions options) {
        Objects.requireNonNull(options, "options");
        SandboxUser user = options.user() == null ? SandboxUser.current() : SandboxUser.lookup(options.user())
                .orElseThrow(() -> new ShellException("cannot start bash as " + options.user()
                        + ": there is no such user", null));
        Path control;
        try {
            Files.createDirectories(options.workingDirectory());
            // Private to the shell's user, who reads the command files the server writes there.
            control = Files.createTempDirectory("agent-runtime-shell-");
            Ownership.handOver(control, user);
        } catch (IOException e) {
            throw new ShellException("cannot prepare the shell's directories: " + e.getMessage(), e);
        }
        BashSession session = new BashSession(options, user, control);
        try {
            session.spawn(options.workingDirectory());
            for (String init : options.initCommands()) {
                session.runInit(init);
            }
            return session;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            session.close();
            throw new ShellException("interrupted while starting the shell", e);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private void spawn(Path directory) throws InterruptedException {
        marker = PromptMarker.random();
        try {
            Path init = controlDirectory.resolve("init.sh");
            Files.writeString(init, InitScript.of(marker, options.umask(), directory), StandardCharsets.UTF_8);
            process = ShellProcess.start(directory, user, options.readRcFiles(), options.baseEnvironment(),
                    options.environment(),
                    options.columns(), options.rows());
            reader = new TerminalReader(process.output(), marker, options.maxOutputChars());
            reader.setListener(listener);
            readerThread = new Thread(reader, "bash-reader-" + process.pid());
            readerThread.setDaemon(true);
            readerThread.start();
            process.write(" . '" + init + "'\n");
        } catch (IOException e) {
            throw new ShellException("cannot start bash: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        TerminalReader.Outcome first = reader.await(deadline, 0);
        if (first.prompt() == null) {
            String seen = reader.takeOutput(new long[1]);
            throw new ShellException("bash did not show its prompt within " + options.startTimeout().toSeconds()
                    + " s" + (first.eof() ? " (it exited)" : "") + "; it printed: " + tail(seen), null);
        }
        lastPrompt = first.prompt();
        reader.discardOutput();
        running = false;
        shellCommandLine = readCommandLine(process.pid());
    }

    /** Runs one init command; a failure is logged and the shell goes on, as OpenHands' set-up would want. */
    private void runInit(String command) throws InterruptedException {
        CommandResult r = run(command, options.startTimeout(), null);
        if (!r.completed()) {
            r = interrupt(Duration.ofSeconds(2));
            LOG.warn("init command did not finish within "
                    + options.startTimeout().toSeconds() + " s and was interrupted: " + command);
        } else if (r.exitCode() != 0) {
            LOG.warn("init command failed with exit code " + r.exitCode() + ": "
                    + command + (r.output().isBlank() ? "" : "\n" + tail(r.output().strip())));
        }
    }

    private static String tail(String s) {
        return s.length() <= 500 ? s : "..." + s.substring(s.length() - 500);
    }

    /**
     * Runs a command and waits for it.
     *
     * @param command         any bash text; several lines run as one script
     * @param hardTimeout     return after this long at the latest, or {@code null} for no limit
     * @param noChangeTimeout return when no output arrived for this long, or {@code null} to wait for the hard
     *                        timeout only
     * @throws IllegalStateException when a command is still running (use {@link #sendInput}, {@link #awaitOutput}
     *                               or {@link #interrupt}) or the session is closed
     */
    public synchronized CommandResult run(String command, Duration hardTimeout, Duration noChangeTimeout)
            throws InterruptedException {
        Objects.requireNonNull(command, "command");
        String unencodable = dev.agentruntime.core.files.TextFiles.whyUnencodable(command, "command");
        if (unencodable != null) {
            // Checked before the shell sees anything: it stays ready for the next command.
            throw new IllegalArgumentException(unencodable.replace("Nothing was written.", "Nothing was run."));
        }
        ensureShell();
        if (running) {
            throw new IllegalStateException("a command is still running");
        }
        process.restoreTerminalMode();
        try {
            reader.beginCapture();
            running = true;
            if (isTypeable(command)) {
                process.write(command + "\n"); // as a person (or OpenHands' tmux) would type it
            } else {
                Files.writeString(commandFile, command, StandardCharsets.UTF_8);
                process.write(" IFS= read -r -d '' __ar_cmd < '" + commandFile + "'; eval \"$__ar_cmd\"\n");
            }
        } catch (IOException e) {
            running = false; // nothing reached bash: the session is as it was
            throw new UncheckedIOException("cannot hand the command to bash", e);
        }
        return await(hardTimeout, noChangeTimeout);
    }

    /**
     * Whether a command is simply typed, as a person (or OpenHands' tmux) would: one line of printable ASCII. An
     * incomplete line ({@code cat << EOF}, an open quote) then leaves bash waiting for the rest, which the agent can
     * type as input. Several lines, tabs, control characters and non-ASCII text go through the command file instead,
     * where bash reads the whole text as one script and shows exactly one prompt for it.
     */
    static boolean isTypeable(String command) {
        if (command.isEmpty() || command.length() > 4000) {
            return false;
        }
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Types text into the terminal (to the running program, or to bash when nothing runs) and waits like
     * {@link #run}. Add {@code "\n"} to press Enter; control characters such as Ctrl-D (U+0004) are sent
     * as they are.
     */
    public synchronized CommandResult sendInput(String keys, Duration hardTimeout, Duration noChangeTimeout)
            throws InterruptedException {
        Objects.requireNonNull(keys, "keys");
        ensureShell();
        if (!running) {
            reader.beginCapture();
            running = true;
        }
        try {
            process.write(keys);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the terminal", e);
        }
        CommandResult r = await(hardTimeout, noChangeTimeout);
        if (r.completed() && keys.indexOf('\n') >= 0) {
            absorbStrayPrompts();
        }
        return r;
    }

    /**
     * A program that ends on a key (less on {@code q}) leaves the Enter typed after it to bash, which answers with a
     * prompt of its own a moment later. Left alone, that prompt would end the next command before it printed
     * anything; here it is taken while the shell is still ours.
     */
    private void absorbStrayPrompts() throws InterruptedException {
        long seen = reader.promptCount();
        while (reader.awaitPromptsAbove(seen, System.nanoTime() + STRAY_PROMPT_WINDOW.toNanos())) {
            seen = reader.promptCount();
        }
    }

    /**
     * Waits for more output (OpenHands' empty command). While a command runs, like {@link #run}; when none runs,
     * for the whole {@code hardTimeout}, returning what arrived meanwhile (a background job's output) with status
     * {@link CommandStatus#HARD_TIMEOUT}, as the 2024 client's {@code ''} did.
     */
    public synchronized CommandResult awaitOutput(Duration hardTimeout, Duration noChangeTimeout)
            throws InterruptedException {
        ensureShell();
        if (running) {
            return await(hardTimeout, noChangeTimeout);
        }
        Objects.requireNonNull(hardTimeout, "an idle wait needs a hardTimeout");
        reader.beginCapture();
        TerminalReader.Outcome outcome = reader.await((System.nanoTime() + hardTimeout.toNanos()) | 1, 0);
        long[] dropped = new long[1];
        String output = reader.takeOutput(dropped);
        if (outcome.eof()) {
            return new CommandResult(output, CommandStatus.SHELL_DIED, null, dropped[0], shellExitCode());
        }
        // A prompt here would be one the agent typed without us: it stays an idle shell either way.
        return new CommandResult(output, CommandStatus.HARD_TIMEOUT, null, dropped[0], -1);
    }

    /**
     * Sends Ctrl-C and waits up to {@code wait} for the prompt; when the program ignores it (a terminal in raw mode),
     * signals the terminal's foreground process group with SIGINT, then SIGKILL.
     */
    public synchronized CommandResult interrupt(Duration wait) throws InterruptedException {
        CommandResult first = sendInput("\u0003", wait, null);
        if (first.status() != CommandStatus.HARD_TIMEOUT) {
            return first;
        }
        for (String signal : new String[] {"INT", "KILL"}) {
            ForegroundGroup.signal(process.pid(), signal);
            CommandResult next = await(wait, null);
            String output = first.rawOutput() + next.rawOutput();
            if (next.status() != CommandStatus.HARD_TIMEOUT) {
                return new CommandResult(output, next.status(), next.prompt(), next.droppedChars(),
                        next.shellExitCode());
            }
            first = new CommandResult(output, next.status(), null, next.droppedChars(), -1);
        }
        return first;
    }

    private CommandResult await(Duration hardTimeout, Duration noChangeTimeout) throws InterruptedException {
        long deadline = hardTimeout == null ? 0 : (System.nanoTime() + hardTimeout.toNanos()) | 1;
        TerminalReader.Outcome outcome = reader.await(deadline, noChangeTimeout == null ? 0 : noChangeTimeout.toNanos());
        long[] dropped = new long[1];
        String output = reader.takeOutput(dropped);
        if (outcome.prompt() != null) {
            running = false;
            lastPrompt = outcome.prompt();
            return new CommandResult(output, CommandStatus.COMPLETED, lastPrompt, dropped[0], -1);
        }
        if (outcome.eof()) {
            running = false;
            int code = shellExitCode();
            return new CommandResult(output, CommandStatus.SHELL_DIED, null, dropped[0], code);
        }
        if (replacedAndIdle()) {
            CommandResult restored = restoreReplacedShell(output, dropped[0]);
            if (restored != null) {
                return restored;
            }
        }
        return new CommandResult(output,
                outcome.noChange() ? CommandStatus.NO_CHANGE_TIMEOUT : CommandStatus.HARD_TIMEOUT, null, dropped[0], -1);
    }

    /** What a command says when it replaced the shell and the session started its own again. */
    static final String SHELL_RESTORED = "[The shell was replaced (exec). The session started its own shell again, "
            + "with its settings, in the same directory; exported variables were kept.]";

    private static final java.util.Set<String> SHELLS = java.util.Set.of("bash", "sh", "dash", "zsh", "ksh", "mksh");

    /**
     * Whether a command replaced the shell ({@code exec bash}: the same process, another program) with a shell that
     * waits at a prompt of its own, which carries no marker: without help no command would ever end again. Read from
     * {@code /proc}: its command line changed, it is a shell, it sleeps, and it owns the terminal.
     */
    private boolean replacedAndIdle() {
        long pid = process.pid();
        try {
            byte[] now = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
            if (shellCommandLine == null || java.util.Arrays.equals(now, shellCommandLine)) {
                return false;
            }
            Path exe = Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe")).getFileName();
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.UTF_8);
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return exe != null && SHELLS.contains(exe.toString()) && state == 'S'
                    && ForegroundGroup.foregroundGroup(pid) == pid;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Replaces the replacing shell with the session's own (its original command line, so its flags and rc files
     * are as configured), sources the session's settings there, and waits for the marker prompt (up to 5 s).
     */
    private CommandResult restoreReplacedShell(String output, long dropped) throws InterruptedException {
        try {
            Path repair = controlDirectory.resolve("restore.sh");
            Files.writeString(repair, InitScript.of(marker, options.umask(), null), StandardCharsets.UTF_8);
            StringBuilder exec = new StringBuilder(" exec");
            for (String arg : new String(shellCommandLine, StandardCharsets.UTF_8).split("\0")) {
                exec.append(" '").append(arg.replace("'", "'\\''")).append('\'');
            }
            process.restoreTerminalMode();
            process.write(exec + "\n . '" + repair + "'\n");
        } catch (IOException e) {
            return null;
        }
        TerminalReader.Outcome outcome = reader.await(System.nanoTime() + 5_000_000_000L | 1, 0);
        if (outcome.prompt() == null) {
            return null;
        }
        LOG.info("bash was replaced by a command (exec); the session started its own again");
        reader.discardOutput();
        running = false;
        lastPrompt = outcome.prompt();
        String shown = output.isEmpty() || output.endsWith("\n") ? output : output + "\n";
        return new CommandResult(shown + SHELL_RESTORED, CommandStatus.COMPLETED, lastPrompt, dropped, -1);
    }

    private static byte[] readCommandLine(long pid) {
        try {
            return Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
        } catch (IOException e) {
            return null;
        }
    }

    private int shellExitCode() throws InterruptedException {
        for (int i = 0; i < 50 && process.isAlive(); i++) {
            Thread.sleep(20);
        }
        return process.exitCode();
    }

    /** Starts a fresh shell in the last working directory when the previous one died. */
    private void ensureShell() throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("the shell session is closed");
        }
        if (reader.isEof()) {
            LOG.info("bash ended; starting a new one in " + workingDirectory());
            process.close();
            running = false;
            Path dir = workingDirectory();
            spawn(Files.isDirectory(dir) ? dir : options.workingDirectory());
        }
    }

    /** The handle of {@link #streamTo}: closing it stops the listening. */
    public interface Streaming extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Hands the output of this session's commands to {@code listener} as it arrives (the terminal's text, escape
     * sequences included, prompts left out), until the returned handle is closed. The listener runs on the session's
     * reader thread and must not block; the results of {@link #run} and the others are unchanged. One listener at a
     * time: a new one replaces the old.
     */
    public Streaming streamTo(java.util.function.Consumer<String> listener) {
        this.listener = listener;
        TerminalReader r = reader;
        if (r != null) {
            r.setListener(listener);
        }
        return () -> {
            if (this.listener == listener) {
                this.listener = null;
                TerminalReader current = reader;
                if (current != null) {
                    current.setListener(null);
                }
            }
        };
    }

    /** Whether a command is running (it outlived its last wait). */
    public synchronized boolean isRunning() {
        return running;
    }

    /** The facts of the last prompt the shell showed. */
    public PromptInfo lastPrompt() {
        return lastPrompt;
    }

    /** The shell's working directory as of its last prompt. */
    public synchronized Path workingDirectory() {
        return Path.of(lastPrompt.workingDirectory());
    }

    /** The pid of the bash process (changes when a dead shell is replaced). */
    public long pid() {
        return process.pid();
    }

    public ShellOptions options() {
        return options;
    }

    /** Ends bash and every process it started; idempotent, callable from any thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ShellProcess p = process;
        if (p != null) {
            p.close();
        }
        try (Stream<Path> files = Files.walk(controlDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("cannot remove " + controlDirectory, e);
        }
    }
}
