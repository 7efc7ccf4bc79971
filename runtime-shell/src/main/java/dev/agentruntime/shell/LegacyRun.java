package dev.agentruntime.shell;

import dev.agentruntime.core.CmdOutputMetadata;
import dev.agentruntime.core.CmdOutputObservation;
import dev.agentruntime.core.CmdRunAction;
import dev.agentruntime.core.Observation;
import dev.agentruntime.core.bytes.Words;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The 2024 runtime client's {@code run} semantics (§C.3 of the protocol reference): the commands of a multi-line
 * input run in turn and stop at the first non-zero exit; output keeps {@code \r\n} line ends and, unless
 * {@code keep_prompt} is false, ends with the prompt; a blocking command that times out is interrupted (exit 130).
 * The output is what the terminal sent, escape sequences included: the pexpect client cleaned nothing.
 */
final class LegacyRun {

    /** The 2024 client's soft timeout for non-blocking commands, continuations and Ctrl-C. */
    static final Duration SOFT_TIMEOUT = Duration.ofSeconds(5);

    private LegacyRun() {
    }

    private record Step(String output, int exitCode) {
    }

    static Observation execute(BashSession session, CmdRunAction action) throws InterruptedException {
        List<String> commands = CommandSplitter.split(action.command()).commands();
        int max = session.options().maxOutputChars();
        if (commands.size() == 1) { // the usual case: the step's output as it is, a megabyte output not copied again
            Step step = step(session, commands.get(0), action);
            return new CmdOutputObservation(boundedAsSent(withoutTrailingLineEnds(step.output()), max),
                    action.command(), CmdOutputMetadata.ofExitCode(step.exitCode()), action.hidden());
        }
        StringBuilder all = new StringBuilder();
        int exitCode = 0;
        for (String command : commands) {
            Step step = step(session, command, action);
            if (all.length() > 0) {
                stripTrailing(all);
                all.append(' ').append(command).append("\r\n");
            }
            all.append(step.output()).append("\r\n");
            exitCode = step.exitCode();
            if (exitCode != 0) {
                break;
            }
        }
        return new CmdOutputObservation(boundedAsSent(withoutTrailingLineEnds(all.toString()), max),
                action.command(), CmdOutputMetadata.ofExitCode(exitCode), action.hidden());
    }

    private static final java.util.regex.Pattern DROPPED = java.util.regex.Pattern.compile(
            "\r?\n\\[\\.\\.\\. (\\d+) characters of output were dropped to bound memory \\.\\.\\.\\]\r?\n");

    /**
     * The output bound ({@link ShellOptions#maxOutputChars}) as the content is sent: the terminal's kept head and tail
     * grow by a {@code \r} per line here, up to twice as long for short lines, so an output over the bound is cut
     * again around one marker that counts everything dropped.
     */
    static String boundedAsSent(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        long dropped = 0;
        String kept = text;
        java.util.regex.Matcher m = DROPPED.matcher(text);
        if (m.find()) {
            dropped = Long.parseLong(m.group(1));
            kept = text.substring(0, m.start()) + text.substring(m.end());
        }
        int half = max / 2;
        if (kept.length() <= 2 * half) {
            return text;
        }
        int headEnd = Character.isLowSurrogate(kept.charAt(half)) ? half - 1 : half;
        int tailStart = kept.length() - half;
        tailStart += Character.isLowSurrogate(kept.charAt(tailStart)) ? 1 : 0;
        dropped += tailStart - headEnd;
        return kept.substring(0, headEnd) + "\r\n[... " + dropped + " characters of output were dropped to bound "
                + "memory ...]\r\n" + kept.substring(tailStart);
    }

    private static String withoutTrailingLineEnds(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\n')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static Step step(BashSession session, String command, CmdRunAction action)
            throws InterruptedException {
        if (command.isEmpty()) {
            // pexpect's expect(prompt, 5 s): whatever arrives meanwhile (a background job's output, say) and, if the
            // running command ends, its exit code; when nothing runs, the whole 5 s pass and the output is exit -1.
            return finish(session.awaitOutput(SOFT_TIMEOUT, null), action, false, SOFT_TIMEOUT, session);
        }
        if (command.toLowerCase(Locale.ROOT).equals("ctrl+c")) {
            CommandResult r = session.interrupt(SOFT_TIMEOUT);
            return new Step(crlf(r.rawOutput(), prompt(r.prompt(), action)), 130);
        }
        boolean blocking = action.blocking() && action.timeout() != null;
        Duration limit = blocking ? action.timeout() : SOFT_TIMEOUT;
        CommandResult r = session.isRunning()
                ? session.sendInput(command + "\n", limit, null) // the 2024 client typed it into the program
                : session.run(command, limit, null);
        return finish(r, action, blocking, limit, session);
    }

    private static Step finish(CommandResult r, CmdRunAction action, boolean killOnTimeout, Duration limit,
                               BashSession session) throws InterruptedException {
        switch (r.status()) {
            case COMPLETED:
                return new Step(crlf(r.rawOutput(), prompt(r.prompt(), action)), r.exitCode());
            case SHELL_DIED:
                return new Step(crlf(r.rawOutput(), "\r\n[The shell exited with code " + r.shellExitCode() + ".]"),
                        r.shellExitCode());
            default:
                if (!killOnTimeout) {
                    return new Step(crlf(r.rawOutput(), prompt(null, action)), -1);
                }
                CommandResult after = session.interrupt(SOFT_TIMEOUT);
                return new Step(crlf(r.rawOutput() + after.rawOutput(), "\r\n\r\n[Command timed out after "
                        + seconds(limit) + " seconds. SIGINT was sent to interrupt it.]" + prompt(after.prompt(),
                        action)), 130);
        }
    }

    /**
     * What follows the output: the 2024 prompt, {@code [Python Interpreter: ...]}, then {@code user@host:dir $ } (or
     * {@code #}); a line end alone when no prompt came; nothing without {@code keep_prompt}.
     */
    private static String prompt(PromptInfo p, CmdRunAction action) {
        if (!action.keepPrompt()) {
            return "";
        }
        if (p == null) {
            return "\r\n";
        }
        String other = p.pythonPath().isEmpty() ? "" : "[Python Interpreter: " + p.pythonPath() + "]";
        String dir = p.workingDirectory();
        if (!p.home().isEmpty() && !p.home().equals("/")
                && (dir.equals(p.home()) || dir.startsWith(p.home() + "/"))) {
            dir = "~" + dir.substring(p.home().length());
        }
        return "\r\n" + other + "\n" + p.user() + "@" + p.host() + ":" + dir + " "
                + (p.user().equals("root") ? "#" : "$") + " ";
    }

    /**
     * The pseudo-terminal of the 2024 client ended every line with {@code \r\n}: a line feed not after a return gets
     * one. Latin-1 text (ASCII output, the usual) is converted on its bytes eight at a time, at half the cost of
     * {@link String#replace} under C1 (6.9 MB of {@code seq}: 20 ms before); other text takes that path.
     */
    static String crlf(String s) {
        return crlf(s, "");
    }

    /** {@link #crlf(String)} of {@code s}, then {@code suffix} as it is: one string made, however long. */
    static String crlf(String s, String suffix) {
        if (s.length() >= 1024) {
            byte[] latin1 = s.getBytes(StandardCharsets.ISO_8859_1); // a copy for Latin-1 text; '?' for other chars
            byte[] end = suffix.getBytes(StandardCharsets.ISO_8859_1);
            if (Words.replacedNothing(s, latin1) && Words.replacedNothing(suffix, end)) {
                return crlfLatin1(latin1, end);
            }
        }
        String bare = s.indexOf('\r') < 0 ? s : s.replace("\r\n", "\n");
        return (bare.indexOf('\n') < 0 ? bare : bare.replace("\n", "\r\n")) + suffix;
    }

    private static String crlfLatin1(byte[] in, byte[] suffix) {
        int n = in.length;
        int feeds = 0; // an upper bound (a borrow may mark a byte 0x0B after a line feed too): room, not the count
        for (int i = 0; i <= n - 8; i += 8) {
            for (long m = Words.marks(Words.get(in, i), (byte) '\n'); m != 0; m &= m - 1) {
                feeds++;
            }
        }
        for (int i = n & ~7; i < n; i++) {
            feeds += in[i] == '\n' ? 1 : 0;
        }
        byte[] out = new byte[n + feeds + 8 + suffix.length];
        int at = 0;
        int i = 0;
        while (i <= n - 8) {
            long word = Words.get(in, i);
            long m = Words.marks(word, (byte) '\n');
            Words.put(out, at, word);
            if (m == 0) {
                at += 8;
                i += 8;
                continue;
            }
            int k = Words.firstMarked(m);
            at += k;
            i += k;
            if (i == 0 || in[i - 1] != '\r') {
                out[at++] = '\r';
            }
            out[at++] = '\n';
            i++;
        }
        for (; i < n; i++) {
            if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r')) {
                out[at++] = '\r';
            }
            out[at++] = in[i];
        }
        System.arraycopy(suffix, 0, out, at, suffix.length);
        return new String(out, 0, at + suffix.length, StandardCharsets.ISO_8859_1);
    }

    private static String seconds(Duration d) {
        double s = d.toNanos() / 1e9;
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }

    private static void stripTrailing(StringBuilder sb) {
        int end = sb.length();
        while (end > 0 && Character.isWhitespace(sb.charAt(end - 1))) {
            end--;
        }
        sb.setLength(end);
    }
}
