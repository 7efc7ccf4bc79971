package dev.agentruntime.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ActionParserTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                ok("click by bid", "click(\"12\")", call("click", List.of("12"), Map.of())),
                ok("single quotes", "click('a51')", call("click", List.of("a51"), Map.of())),
                ok("fill with text", "fill(\"7\", \"hello world\")", call("fill", List.of("7", "hello world"), Map.of())),
                ok("escapes", "fill('7', 'it\\'s\\n\\t\\u00e9')", call("fill", List.of("7", "it's\n\té"), Map.of())),
                ok("triple quotes", "fill('7', \"\"\"line1\nline2\"\"\")",
                        call("fill", List.of("7", "line1\nline2"), Map.of())),
                ok("keywords", "click('12', button='right', modifiers=['Shift'])",
                        call("click", List.of("12"), Map.of("button", "right", "modifiers", List.of("Shift")))),
                ok("numbers", "scroll(0, -200.5)", call("scroll", List.of(0L, -200.5), Map.of())),
                ok("no arguments", "go_back()", call("go_back", List.of(), Map.of())),
                ok("booleans and none", "noop(wait_ms=None)", call("noop", List.of(), mapOfNull("wait_ms"))),
                ok("goto", "goto(\"http://localhost:8000/a?b=c\")",
                        call("goto", List.of("http://localhost:8000/a?b=c"), Map.of())),
                ok("select list", "select_option('3', ['red', 'blue'])",
                        call("select_option", List.of("3", List.of("red", "blue")), Map.of())),
                ok("trailing comma and spaces", "  click( '1' , )  ", call("click", List.of("1"), Map.of())));
    }

    private static Map<String, Object> mapOfNull(String key) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put(key, null);
        return m;
    }

    private static BrowserCall call(String name, List<Object> positional, Map<String, Object> keywords) {
        return new BrowserCall(name, positional, keywords, "");
    }

    private static Arguments ok(String name, String text, BrowserCall expected) {
        return Arguments.of(name, text, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parsesOneCall(String name, String text, BrowserCall expected) {
        ActionParser.Parsed parsed = ActionParser.parse(text);

        assertThat(parsed).isInstanceOf(ActionParser.Parsed.Calls.class);
        List<BrowserCall> calls = ((ActionParser.Parsed.Calls) parsed).calls();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).name()).isEqualTo(expected.name());
        assertThat(calls.get(0).positional()).isEqualTo(expected.positional());
        assertThat(calls.get(0).keywords()).isEqualTo(expected.keywords());
    }

    @org.junit.jupiter.api.Test
    void parsesSeveralCallsWithCommentsAndBlankLines() {
        ActionParser.Parsed parsed = ActionParser.parse("# fill the form\nfill('1', 'Ann')\n\nclick('2'); noop()\n");

        assertThat(((ActionParser.Parsed.Calls) parsed).calls()).extracting(BrowserCall::name)
                .containsExactly("fill", "click", "noop");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                bad("unterminated string", "click('12)", "line 1, column 7: unterminated string"),
                bad("missing parenthesis", "click('12'", "expected ',' or ')'"),
                bad("bare word", "click(twelve)", "unknown name 'twelve' (strings need quotes)"),
                bad("not a call", "hello", "expected '('"),
                bad("positional after keyword", "click(button='left', '12')",
                        "positional argument follows keyword argument"),
                bad("repeated keyword", "click(bid='1', bid='2')", "keyword argument 'bid' repeated"),
                bad("garbage after call", "click('1') click('2')", "expected the end of the line after the call"),
                bad("second line position", "noop()\nclick(", "line 2, column 7"),
                bad("number", "scroll(1.2.3, 0)", "invalid number '1.2.3'"));
    }

    private static Arguments bad(String name, String text, String messagePart) {
        return Arguments.of(name, text, messagePart);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void reportsWhereTheActionIsMalformed(String name, String text, String messagePart) {
        ActionParser.Parsed parsed = ActionParser.parse(text);

        assertThat(parsed).isInstanceOf(ActionParser.Parsed.Invalid.class);
        assertThat(((ActionParser.Parsed.Invalid) parsed).message()).startsWith("Invalid browser action at line")
                .contains(messagePart);
    }
}
