package dev.agentruntime.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.Dialect;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bodies OpenHands would refuse: each gets a specific message, never a Jackson trace or a NullPointerException. */
class MalformedRequestTest {

    static Stream<Arguments> bodies() {
        return Stream.of(
                bad("empty body", "", "Request body is empty; expected {\"action\": {...}}"),
                bad("whitespace body", "   ", "Request body is empty; expected {\"action\": {...}}"),
                bad("not JSON", "hello", "Request body is not valid JSON at line 1, column 1: Unrecognized token 'hello'"),
                bad("truncated JSON", "{\"action\": {\"action\": \"run\"",
                        "Request body is not valid JSON at line 1, column 28: Unexpected end-of-input"),
                bad("trailing garbage", "{\"action\": {}} x", "Request body is not valid JSON"),
                bad("array body", "[1, 2]", "Request body must be a JSON object {\"action\": {...}}, got list"),
                bad("string body", "\"run\"", "Request body must be a JSON object {\"action\": {...}}, got string"),
                bad("number body", "42", "got number"),
                bad("null body", "null", "got null"),
                bad("no action key", "{\"args\": {}}", "Request body has no \"action\" key; expected {\"action\": {...}}"),
                bad("action is a string", "{\"action\": \"run\"}", "action must be a dictionary"),
                bad("action is null", "{\"action\": null}", "action must be a dictionary"),
                bad("action is a list", "{\"action\": []}", "action must be a dictionary"),
                bad("no type", "{\"action\": {\"args\": {\"command\": \"ls\"}}}",
                        "'action' key is not found in action={'args': {'command': 'ls'}}"),
                bad("unknown type", "{\"action\": {\"action\": \"fly\"}}",
                        "'action['action']=fly' is not defined. Available actions: dict_keys(['run', 'run_ipython', "
                                + "'read', 'write', 'edit', 'browse', 'browse_interactive'])"),
                bad("agent-side type", "{\"action\": {\"action\": \"finish\", \"args\": {}}}",
                        "'action['action']=finish' is not defined"),
                bad("numeric type", "{\"action\": {\"action\": 3}}", "'action['action']=3' is not defined"),
                bad("args is a list", "{\"action\": {\"action\": \"run\", \"args\": [\"ls\"]}}",
                        "has the wrong arguments: args must be a dictionary, got list"),
                bad("unknown argument",
                        "{\"action\": {\"action\": \"run\", \"args\": {\"command\": \"ls\", \"foo\": 1}}}",
                        "action={'action': 'run', 'args': {'command': 'ls', 'foo': 1}} has the wrong arguments: "
                                + "CmdRunAction.__init__() got an unexpected keyword argument 'foo'"),
                bad("missing command", "{\"action\": {\"action\": \"run\", \"args\": {}}}",
                        "CmdRunAction.__init__() missing 1 required positional argument: 'command'"),
                bad("missing path and content", "{\"action\": {\"action\": \"write\", \"args\": {}}}",
                        "FileWriteAction.__init__() missing 2 required positional arguments: 'path' and 'content'"),
                bad("missing code", "{\"action\": {\"action\": \"run_ipython\", \"args\": {\"thought\": \"\"}}}",
                        "IPythonRunCellAction.__init__() missing 1 required positional argument: 'code'"),
                bad("missing url", "{\"action\": {\"action\": \"browse\"}}",
                        "BrowseURLAction.__init__() missing 1 required positional argument: 'url'"),
                bad("null command", "{\"action\": {\"action\": \"run\", \"args\": {\"command\": null}}}",
                        "'command' must be a string, got null"),
                bad("numeric command", "{\"action\": {\"action\": \"run\", \"args\": {\"command\": 5}}}",
                        "'command' must be a string, got number"),
                bad("string blocking",
                        "{\"action\": {\"action\": \"run\", \"args\": {\"command\": \"ls\", \"blocking\": \"yes\"}}}",
                        "'blocking' must be a boolean, got string"),
                bad("fractional start",
                        "{\"action\": {\"action\": \"read\", \"args\": {\"path\": \"a\", \"start\": 1.5}}}",
                        "'start' must be an integer, got number"),
                bad("string end", "{\"action\": {\"action\": \"read\", \"args\": {\"path\": \"a\", \"end\": \"-1\"}}}",
                        "'end' must be an integer, got string"),
                bad("bad confirmation",
                        "{\"action\": {\"action\": \"run\", \"args\": {\"command\": \"ls\", \"confirmation_state\": \"ok\"}}}",
                        "'confirmation_state' must be one of 'confirmed', 'rejected', 'awaiting_confirmation', got 'ok'"),
                bad("view range of strings",
                        "{\"action\": {\"action\": \"read\", \"args\": {\"path\": \"a\", \"view_range\": [\"1\", 2]}}}",
                        "'view_range' must be a list of integers, got ['1', 2]"),
                bad("view range as string",
                        "{\"action\": {\"action\": \"read\", \"args\": {\"path\": \"a\", \"view_range\": \"1-2\"}}}",
                        "'view_range' must be a list of integers, got string"),
                bad("timeout string",
                        "{\"action\": {\"action\": \"run\", \"args\": {\"command\": \"ls\"}, \"timeout\": \"soon\"}}",
                        "timeout must be a number of seconds, got 'soon'"),
                bad("timeout negative",
                        "{\"action\": {\"action\": \"run\", \"args\": {\"command\": \"ls\"}, \"timeout\": -1}}",
                        "timeout must be a positive number of seconds, got -1"),
                bad("timeout zero",
                        "{\"action\": {\"action\": \"run\", \"args\": {\"command\": \"ls\"}, \"timeout\": 0.0}}",
                        "timeout must be a positive number of seconds, got 0.0"),
                bad("legacy run with a current argument mix-up",
                        "{\"action\": {\"action\": \"write\", \"args\": {\"path\": \"a\", \"content\": \"x\", \"keep_prompt\": true}}}",
                        "FileWriteAction.__init__() got an unexpected keyword argument 'keep_prompt'"));
    }

    private static Arguments bad(String name, String body, String expectedMessagePart) {
        return Arguments.of(name, body, expectedMessagePart);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void rejectsWithASpecificMessage(String name, String body, String expected) {
        ActionDecoding decoding = OpenHandsWire.decodeAction(body, DialectPolicy.AUTO);

        assertThat(decoding).isInstanceOf(ActionDecoding.Rejected.class);
        String message = ((ActionDecoding.Rejected) decoding).message();
        assertThat(message).contains(expected).doesNotContain("com.fasterxml").doesNotContain("Exception");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void rejectsInTheForcedDialect(String name, String body, String expected) {
        ActionDecoding decoding = OpenHandsWire.decodeAction(body, DialectPolicy.LEGACY);

        assertThat(decoding).isInstanceOf(ActionDecoding.Rejected.class);
        assertThat(((ActionDecoding.Rejected) decoding).dialect()).isEqualTo(Dialect.LEGACY);
    }
}
