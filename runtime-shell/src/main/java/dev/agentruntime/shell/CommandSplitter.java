package dev.agentruntime.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a multi-line string into its top-level bash commands: a new command starts at a newline that is outside
 * quotes, heredocs, compound commands ({@code if}, {@code for}, {@code case}, {@code {...}}, {@code (...)}),
 * command substitutions and line continuations. Comment lines stay with the command before them; blank lines are
 * dropped. Quoted heredoc delimiters ({@code <<'EOF'}, {@code <<"EOF"}) are understood.
 *
 * <p>Never throws: input it cannot understand (an unclosed quote, an unterminated heredoc, unbalanced blocks) is
 * returned whole as one command, as OpenHands does. Stateless and thread-safe.
 */
public final class CommandSplitter {

    /**
     * The outcome of a split.
     *
     * @param commands   the commands in order; {@code [""]} for blank input
     * @param understood whether the input was parsed; when false, {@code commands} is the whole input
     */
    public record Split(List<String> commands, boolean understood) {
        public Split {
            commands = List.copyOf(commands);
        }
    }


    private CommandSplitter() {
    }

    /** Splits {@code input}; see the class documentation. */
    public static Split split(String input) {
        if (input.isBlank()) {
            return new Split(List.of(""), true);
        }
        try {
            List<Integer> boundaries = new BashScanner(input).boundaries();
            if (boundaries == null) {
                return new Split(List.of(input), false);
            }
            return new Split(assemble(input, boundaries), true);
        } catch (RuntimeException e) {
            // A bug in the scanner must not fail the command: behave like an unparsable input.
            return new Split(List.of(input), false);
        }
    }

    private static List<String> assemble(String input, List<Integer> boundaries) {
        List<String> commands = new ArrayList<>();
        int start = 0;
        boundaries.add(input.length());
        for (int end : boundaries) {
            String piece = input.substring(start, end).strip();
            start = end;
            if (piece.isEmpty()) {
                continue;
            }
            if (isCommentOnly(piece) && !commands.isEmpty()) {
                commands.set(commands.size() - 1, commands.get(commands.size() - 1) + "\n" + piece);
            } else {
                commands.add(piece);
            }
        }
        return commands.isEmpty() ? List.of(input.strip()) : commands;
    }

    private static boolean isCommentOnly(String piece) {
        return piece.lines().allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"));
    }
}
