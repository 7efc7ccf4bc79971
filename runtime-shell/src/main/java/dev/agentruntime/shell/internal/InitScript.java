package dev.agentruntime.shell.internal;

import java.nio.file.Path;

/**
 * The script a new shell sources before its first prompt: no echo and no {@code \r\n} translation on the terminal,
 * no bracketed paste or completion in readline, no history expansion, the marker prompt, the working directory.
 */
public final class InitScript {

    private InitScript() {
    }

    public static String of(PromptMarker marker, String umask, Path directory) {
        String ps1 = marker.ps1().replace("'", "'\\''");
        StringBuilder s = new StringBuilder();
        s.append("stty -echo -onlcr 2>/dev/null\n");
        s.append("bind 'set enable-bracketed-paste off' 2>/dev/null\n");
        s.append("bind 'set disable-completion on' 2>/dev/null\n");
        s.append("set +o history +H\n"); // typed commands must not meet history expansion (`echo hi!`)
        if (umask != null) {
            s.append("umask ").append(umask).append('\n');
        }
        s.append("export PS2=''\n");
        // Finding python without a fork: `which` in the prompt would cost a process per command.
        // Recomputed only when PATH changes: a prompt costs no fork and, usually, no file lookup.
        s.append("__ar_prompt() { if [[ \"$PATH\" != \"$__ar_path\" ]]; then local IFS=: __ar_d; __ar_py=; ")
                .append("for __ar_d in $PATH; do if [[ -x $__ar_d/python && ! -d $__ar_d/python ]]; then ")
                .append("__ar_py=$__ar_d/python; break; fi; done; __ar_path=$PATH; fi; PS1='").append(ps1)
                .append("'; }\n");
        // An array: a user's `PROMPT_COMMAND=...` replaces element 0 only, so our prompt survives it.
        s.append("PROMPT_COMMAND=(':' '__ar_prompt')\n");
        s.append("cd -- '").append(directory.toString().replace("'", "'\\''")).append("'\n");
        return s.toString();
    }
}
