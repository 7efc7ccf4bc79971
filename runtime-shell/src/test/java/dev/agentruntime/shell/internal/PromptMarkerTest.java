package dev.agentruntime.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.shell.PromptInfo;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The prompt parser, on prompts as bash renders them (the separator is U+001F). */
class PromptMarkerTest {

    private static final PromptMarker MARKER = PromptMarker.withToken("0123456789abcdef");
    private static final String S = "\u001f";

    static Stream<Arguments> rendered() {
        return Stream.of(
                Arguments.of("plain", "0" + S + S + "root" + S + "vm" + S + "/root" + S + "/usr/bin/python" + S
                        + "/workspace", new PromptInfo(0, -1, "root", "vm", "/root", "/usr/bin/python", "/workspace")),
                Arguments.of("failed command and a background job", "127" + S + "4242" + S + "agent" + S + "box" + S
                        + "/home/agent" + S + "" + S + "/tmp", new PromptInfo(127, 4242, "agent", "box",
                        "/home/agent", "", "/tmp")),
                Arguments.of("a directory with spaces and the separator's neighbours", "1" + S + S + "u" + S + "h"
                        + S + "/h" + S + "" + S + "/work/my dir;x", new PromptInfo(1, -1, "u", "h", "/h", "",
                        "/work/my dir;x")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rendered")
    void parsesRenderedPrompts(String name, String body, PromptInfo expected) {
        assertThat(MARKER.parse(body)).isEqualTo(expected);
    }

    static Stream<Arguments> notPrompts() {
        return Stream.of(
                Arguments.of("the literal PS1, as env prints it", "${?}" + S + "${!}" + S + "\\u" + S + "\\h" + S
                        + "${HOME}" + S + "${__ar_py}" + S + "${PWD}"),
                Arguments.of("too few fields", "0" + S + S + "root"),
                Arguments.of("an exit code that is no number", "x" + S + S + "u" + S + "h" + S + "/h" + S + S + "/"),
                Arguments.of("a relative directory", "0" + S + S + "u" + S + "h" + S + "/h" + S + S + "tmp"),
                Arguments.of("empty", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notPrompts")
    void refusesWhatIsNotARenderedPrompt(String name, String body) {
        assertThat(MARKER.parse(body)).isNull();
    }

    @Test
    void thePs1UsesNoCommandSubstitution() {
        assertThat(MARKER.ps1()).startsWith(MARKER.start()).endsWith(MARKER.end()).doesNotContain("$(")
                .doesNotContain("`");
    }

    @Test
    void everySessionGetsItsOwnToken() {
        assertThat(PromptMarker.random().start()).isNotEqualTo(PromptMarker.random().start());
    }
}
