package dev.agentruntime.shell.internal;

import java.nio.file.Path;

/**
 * The script a new shell sources before its first prompt: no echo and no {@code \r\n} translation on the terminal,
 * no history expansion, the marker prompt, the working directory.
 *
 * <p>Bash runs without line editing ({@code --noediting}, {@link ShellProcess}): it reads its commands as the
 * terminal hands them over, so the terminal's own modes decide the echo, and the server can restore them before each
 * command ({@link ShellProcess#restoreTerminalMode()}); readline would put back its own saved copy after every
 * line. The prompt function also gives bash back its standard error when a command closed or moved it ({@code exec 2>&-}):
 * the prompt, and so the end of every command, is written there.
 */
public final class InitScript {

    private InitScript() {
    }

    public static String of(PromptMarker marker, String umask, Path directory) {
        String ps1 = marker.ps1().replace("'", "'\\''");
        StringBuilder s = new StringBuilder();
        s.append("stty -echo -onlcr 2>/dev/null\n");
        s.append("set +o history +H\n"); // typed commands must not meet history expansion (`echo hi!`)
        if (umask != null) {
            s.append("umask ").append(umask).append('\n');
        }
        s.append("export PS2=''\n");
        // Finding python without a fork: `which` in the prompt would cost a process per command.
        // Recomputed only when PATH changes: a prompt costs no fork and, usually, no file lookup.
        s.append("__ar_prompt() { [[ -t 2 ]] || exec 2>/dev/tty; if [[ \"$PATH\" != \"$__ar_path\" ]]; then local IFS=: __ar_d; __ar_py=; ")
                .append("for __ar_d in $PATH; do if [[ -x $__ar_d/python && ! -d $__ar_d/python ]]; then ")
                .append("__ar_py=$__ar_d/python; break; fi; done; __ar_path=$PATH; fi; PS1='").append(ps1)
                .append("'; }\n");
        // An array: a user's `PROMPT_COMMAND=...` replaces element 0 only, so our prompt survives it.
        s.append("PROMPT_COMMAND=(':' '__ar_prompt')\n");
        if (directory != null) {
            s.append("cd -- '").append(directory.toString().replace("'", "'\\''")).append("'\n");
        }
        return s.toString();
    }
}
