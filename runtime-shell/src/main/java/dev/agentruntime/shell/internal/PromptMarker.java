package dev.agentruntime.shell.internal;

import dev.agentruntime.shell.PromptInfo;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The per-session prompt: a random token framing the prompt's facts, so that program output cannot pass for a
 * prompt, and the literal PS1 (as {@code env} or {@code set} print it) never parses.
 *
 * <p>The PS1 uses only parameter expansions and prompt escapes: no command substitution, so showing a prompt forks
 * nothing.
 */
public final class PromptMarker {

    static final char SEP = '\u001f';
    private static final java.util.regex.Pattern SEPARATOR = java.util.regex.Pattern.compile("\u001f");
    private static final java.util.regex.Pattern EXIT_CODE = java.util.regex.Pattern.compile("-?\\d{1,3}");
    private static final java.util.regex.Pattern PID = java.util.regex.Pattern.compile("\\d*");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String start;
    private final String end;

    private PromptMarker(String token) {
        this.start = "###AR-" + token + "###";
        this.end = "###/AR-" + token + "###";
    }

    public static PromptMarker random() {
        byte[] token = new byte[8];
        RANDOM.nextBytes(token);
        return new PromptMarker(HexFormat.of().formatHex(token));
    }

    /** A marker with a fixed token, for tests. */
    public static PromptMarker withToken(String token) {
        return new PromptMarker(token);
    }

    public String start() {
        return start;
    }

    public String end() {
        return end;
    }

    /** The PS1 value; {@code __ar_py} is set by the prompt function before each prompt. */
    public String ps1() {
        return start + "${?}" + SEP + "${!}" + SEP + "\\u" + SEP + "\\h" + SEP + "${HOME}" + SEP + "${__ar_py}" + SEP
                + "${PWD}" + end;
    }

    /**
     * Parses the text between {@link #start()} and {@link #end()}.
     *
     * @return the facts, or {@code null} when the text is not a rendered prompt
     */
    public PromptInfo parse(String body) {
        String[] f = SEPARATOR.split(body, 7);
        if (f.length != 7 || !EXIT_CODE.matcher(f[0]).matches() || !PID.matcher(f[1]).matches()
                || !f[6].startsWith("/")) {
            return null;
        }
        int pid = f[1].isEmpty() ? -1 : parsePid(f[1]);
        return new PromptInfo(Integer.parseInt(f[0]), pid, f[2], f[3], f[4], f[5], f[6]);
    }

    private static int parsePid(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
