package dev.agentruntime.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of the OpenHands splitting table (§C.5), plus the cases bashlex gets wrong. */
class CommandSplitterTest {

    static Stream<Arguments> understood() {
        return Stream.of(
                row("simple", "ls -l", "ls -l"),
                row("semicolon list", "ls; pwd", "ls; pwd"),
                row("and list", "echo a && echo b", "echo a && echo b"),
                row("pipe", "a | b", "a | b"),
                row("two lines", "ls\npwd", "ls", "pwd"),
                row("assignments", "a=1\nb=2", "a=1", "b=2"),
                row("background then command", "ls &\npwd", "ls &", "pwd"),
                row("blank lines dropped", "echo hello\n\n\necho world", "echo hello", "echo world"),
                row("heredoc then command", "cat <<EOF\nmultiline\ntext\nEOF\necho \"Done\"",
                        "cat <<EOF\nmultiline\ntext\nEOF", "echo \"Done\""),
                row("single-quoted heredoc delimiter", "cat <<'EOF'\nhello $x\nEOF\necho done",
                        "cat <<'EOF'\nhello $x\nEOF", "echo done"),
                row("double-quoted heredoc delimiter", "cat <<\"EOF\"\nhi\nEOF\necho x",
                        "cat <<\"EOF\"\nhi\nEOF", "echo x"),
                row("heredoc to a file with tabs stripped", "cat <<-END > f.txt\n\tline\n\tEND\nls",
                        "cat <<-END > f.txt\n\tline\n\tEND", "ls"),
                row("heredoc body with keywords and quotes", "cat << 'EOF'\nif it's done\nfi\nEOF",
                        "cat << 'EOF'\nif it's done\nfi\nEOF"),
                row("comments glue to the command before",
                        "echo \"Hello\" # This is a comment\n# This is another comment\nls -l",
                        "echo \"Hello\" # This is a comment\n# This is another comment", "ls -l"),
                row("only a comment", "# only comment", "# only comment"),
                row("backslash continuation", "echo a \\\n b", "echo a \\\n b"),
                row("for loop", "for i in 1 2; do\n echo $i\ndone", "for i in 1 2; do\n echo $i\ndone"),
                row("if block", "if true; then\necho x\nfi", "if true; then\necho x\nfi"),
                row("while loop then command", "while false; do\n  echo no\ndone\necho after",
                        "while false; do\n  echo no\ndone", "echo after"),
                row("function and call", "f() { echo x; }\nf", "f() { echo x; }", "f"),
                row("multi-line function", "greet() {\n  echo hi\n}\ngreet", "greet() {\n  echo hi\n}", "greet"),
                row("substitution with heredoc", "x=$(cat <<EOF\nhi\nEOF\n)", "x=$(cat <<EOF\nhi\nEOF\n)"),
                row("subshell", "(cd /tmp && ls)", "(cd /tmp && ls)"),
                row("multi-line subshell", "(\n cd /tmp\n ls\n)", "(\n cd /tmp\n ls\n)"),
                row("double brackets", "[[ -f x ]] && echo y", "[[ -f x ]] && echo y"),
                row("case", "case x in a) echo a;; esac", "case x in a) echo a;; esac"),
                row("multi-line case", "case $1 in\n  a|b) echo ab ;;\n  *) echo other ;;\nesac\necho end",
                        "case $1 in\n  a|b) echo ab ;;\n  *) echo other ;;\nesac", "echo end"),
                row("keyword as an argument", "echo done\necho fi", "echo done", "echo fi"),
                row("pipe at line end continues", "ls |\n grep x", "ls |\n grep x"),
                row("and at line end continues", "true &&\n echo ok", "true &&\n echo ok"),
                row("quoted newline", "echo 'a\nb'\nls", "echo 'a\nb'", "ls"),
                row("double-quoted substitution", "echo \"$(date)\"\nls", "echo \"$(date)\"", "ls"),
                row("ansi-c quote", "echo $'it\\'s'\nls", "echo $'it\\'s'", "ls"),
                row("here-string is no heredoc", "cat <<< hi\nls", "cat <<< hi", "ls"),
                row("find with escaped semicolon", "find . -exec grep x {} \\;", "find . -exec grep x {} \\;"),
                row("special key", "C-c", "C-c"),
                row("empty", "", ""),
                row("blank", "   ", ""));
    }

    static Stream<Arguments> notUnderstood() {
        return Stream.of(
                Arguments.of("unterminated heredoc", "cat << EOF"),
                Arguments.of("unclosed double quote", "echo \"Unclosed quote"),
                Arguments.of("unclosed single quote", "echo 'Unclosed quote"),
                Arguments.of("unclosed backtick", "echo `unclosed"),
                Arguments.of("unclosed if", "if true; then\necho x"),
                Arguments.of("stray closing parenthesis", "echo a )\nls"));
    }

    private static Arguments row(String name, String input, String... expected) {
        return Arguments.of(name, input, List.of(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("understood")
    void splitsTopLevelCommands(String name, String input, List<String> expected) {
        CommandSplitter.Split split = CommandSplitter.split(input);

        assertThat(split.commands()).isEqualTo(expected);
        assertThat(split.understood()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notUnderstood")
    void returnsInputItCannotParseWhole(String name, String input) {
        CommandSplitter.Split split = CommandSplitter.split(input);

        assertThat(split.commands()).containsExactly(input);
        assertThat(split.understood()).isFalse();
    }
}
