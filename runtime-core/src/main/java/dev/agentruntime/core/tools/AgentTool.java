package dev.agentruntime.core.tools;

import java.util.Arrays;
import java.util.Optional;

/**
 * OpenHands' function-calling tools, as data: the names and parameters of its CodeAct agent's tools (so a model
 * trained on them needs no new prompt), with descriptions written for this project, and JSON schemas for the
 * parameters. {@link AgentTools} turns a call of one into an action and its observation into what the model reads.
 */
public enum AgentTool {

    /** A command in the persistent bash session: {@code command}, {@code is_input}, {@code timeout}, ours {@code session}. */
    EXECUTE_BASH("execute_bash", "run", """
            Runs a command in a persistent bash session in the sandbox. The working directory, environment variables \
            and background jobs carry over from one call to the next. One command per call; chain steps with && or ;. \
            A command that keeps running returns what it printed so far once it has printed nothing new for a while; \
            then call again with is_input true and an empty command to see more, with text to type into the program, \
            or with C-c to interrupt it. Put long-running servers in the background (cmd > log 2>&1 &). The result \
            ends with the exit code and the working directory.""", """
            {"type": "object", "properties": {
              "command": {"type": "string", "description": "The bash command to run, or with is_input the text to type (C-c, C-d and C-z send the control keys)."},
              "is_input": {"type": "string", "enum": ["true", "false"], "description": "true to send the command as input to the program still running, instead of starting a new command. Default false."},
              "timeout": {"type": "number", "description": "Seconds to wait for the command to finish; a command still running then is left running. Without it, a command returns once it has printed nothing new for 10 seconds, or after 120 seconds."},
              "session": {"type": "string", "description": "Run in this named shell session instead of the main one (e.g. a server in one, its tests in another); made on first use in the main session's directory."}
            }, "required": ["command"]}"""),

    /** The file editor: {@code command} (view, create, str_replace, insert, undo_edit), {@code path} and the rest. */
    STR_REPLACE_EDITOR("str_replace_editor", "edit", """
            Views, creates and edits text files by absolute path. view shows a file with line numbers (view_range \
            [start, end] for a part; -1 as end means to the last line) or lists a directory two levels deep. create \
            writes file_text to a new file. str_replace replaces old_str, which must occur exactly once (whitespace \
            included), with new_str. insert puts new_str after line insert_line (0 for the top). undo_edit reverts the \
            last edit of the file. Edits answer with the changed lines so they can be checked.""", """
            {"type": "object", "properties": {
              "command": {"type": "string", "enum": ["view", "create", "str_replace", "insert", "undo_edit"], "description": "What to do."},
              "path": {"type": "string", "description": "Absolute path of the file or directory."},
              "file_text": {"type": "string", "description": "For create: the whole content of the new file."},
              "old_str": {"type": "string", "description": "For str_replace: the exact text to replace; it must occur once."},
              "new_str": {"type": "string", "description": "For str_replace: the replacement. For insert: the text to insert."},
              "insert_line": {"type": "integer", "description": "For insert: the line after which new_str goes (0 = top)."},
              "view_range": {"type": "array", "items": {"type": "integer"}, "description": "For view of a file: [first line, last line], 1-based; -1 as the last line means the end."}
            }, "required": ["command", "path"]}"""),

    /** A cell for the IPython kernel: {@code code}. */
    EXECUTE_IPYTHON_CELL("execute_ipython_cell", "run_ipython", """
            Runs Python code in a persistent IPython kernel in the sandbox: variables, imports and the working \
            directory carry over between calls. Magics work (%pip install ..., !ls). The result is what the cell \
            printed and its value; images come back as images.""", """
            {"type": "object", "properties": {
              "code": {"type": "string", "description": "The Python code to run."}
            }, "required": ["code"]}"""),

    /** The browser: {@code code}, BrowserGym actions. */
    BROWSER("browser", "browse_interactive", """
            Drives a headless browser with BrowserGym's Python-like actions, one or more per call, e.g. \
            goto('http://localhost:3000'), click('12'), fill('7', 'text'), select_option('9', 'b'), scroll(0, 400), \
            press('7', 'Enter'), go_back(), tab_focus(1), send_msg_to_user('...'), noop(1000). Elements are named by \
            the bid numbers shown in the page's accessibility tree, which each result returns with the page as text \
            and a screenshot.""", """
            {"type": "object", "properties": {
              "code": {"type": "string", "description": "The browser actions to run, one per line."}
            }, "required": ["code"]}""");

    private final String toolName;
    private final String actionType;
    private final String description;
    private final String parametersJson;

    AgentTool(String toolName, String actionType, String description, String parametersJson) {
        this.toolName = toolName;
        this.actionType = actionType;
        this.description = description;
        this.parametersJson = parametersJson;
    }

    /** The function's name, as OpenHands names it: {@code execute_bash}, ... */
    public String toolName() {
        return toolName;
    }

    /** What to tell the model about the tool. */
    public String description() {
        return description;
    }

    /** The JSON schema of the parameters, as JSON text (an object schema). */
    public String parametersJson() {
        return parametersJson;
    }

    /** The action type a runtime must serve for this tool to be offered ({@code run}, {@code edit}, ...). */
    public String actionType() {
        return actionType;
    }

    /** The tool of that function name, or empty. */
    public static Optional<AgentTool> named(String toolName) {
        return Arrays.stream(values()).filter(t -> t.toolName.equals(toolName)).findFirst();
    }
}
