package dev.agentruntime.server.mcp;

/** The tools' descriptions (written for this project) and their JSON input schemas. */
final class ToolTexts {

    private ToolTexts() {
    }

    static final String BASH = """
            Runs a command in a persistent bash session in the sandbox. The working directory, environment variables
            and background jobs carry over from one call to the next. One command per call; chain steps with && or ;.
            A command that keeps running returns what it printed so far after a while without new output; then call
            again with is_input true and an empty command to see more, with text to type into the program, or with
            C-c to interrupt it. Put long-running servers in the background (cmd > log 2>&1 &). The result ends with
            the exit code and the working directory.""";

    static final String BASH_SCHEMA = """
            {"type": "object", "properties": {
              "command": {"type": "string", "description": "The bash command to run, or with is_input the text to type (C-c, C-d and C-z send the control keys)."},
              "is_input": {"type": "string", "enum": ["true", "false"], "description": "true to send the command as input to the program still running, instead of starting a new command. Default false."},
              "timeout": {"type": "number", "description": "Seconds after which a still-running command is interrupted. Without it, a command returns once it has printed nothing new for a while."},
              "session": {"type": "string", "description": "Run in this named shell session instead of the main one (e.g. a server in one, its tests in another); made on first use in the main session's directory."}
            }, "required": ["command"]}""";

    static final String EDITOR = """
            Views, creates and edits text files by absolute path. view shows a file with line numbers (view_range
            [start, end] for a part; -1 as end means to the last line) or lists a directory two levels deep. create
            writes file_text to a new file. str_replace replaces old_str, which must occur exactly once (whitespace
            included), with new_str. insert puts new_str after line insert_line (0 for the top). undo_edit reverts the
            last edit of the file. Edits answer with the changed lines so they can be checked.""";

    static final String EDITOR_SCHEMA = """
            {"type": "object", "properties": {
              "command": {"type": "string", "enum": ["view", "create", "str_replace", "insert", "undo_edit"], "description": "What to do."},
              "path": {"type": "string", "description": "Absolute path of the file or directory."},
              "file_text": {"type": "string", "description": "For create: the whole content of the new file."},
              "old_str": {"type": "string", "description": "For str_replace: the exact text to replace; it must occur once."},
              "new_str": {"type": "string", "description": "For str_replace: the replacement. For insert: the text to insert."},
              "insert_line": {"type": "integer", "description": "For insert: the line after which new_str goes (0 = top)."},
              "view_range": {"type": "array", "items": {"type": "integer"}, "description": "For view of a file: [first line, last line], 1-based; -1 as the last line means the end."}
            }, "required": ["command", "path"]}""";

    static final String IPYTHON = """
            Runs Python code in a persistent IPython kernel in the sandbox: variables, imports and the working
            directory carry over between calls. Magics work (%pip install ..., !ls). The result is what the cell
            printed and its value; images are saved and named.""";

    static final String IPYTHON_SCHEMA = """
            {"type": "object", "properties": {
              "code": {"type": "string", "description": "The Python code to run."}
            }, "required": ["code"]}""";

    static final String BROWSER = """
            Drives a headless browser with BrowserGym's Python-like actions, one or more per call, e.g.
            goto('http://localhost:3000'), click('12'), fill('7', 'text'), select_option('9', 'b'), scroll(0, 400),
            press('7', 'Enter'), go_back(), tab_focus(1), send_msg_to_user('...'), noop(1000). Elements are named by
            the bid numbers shown in the page's accessibility tree, which each result returns with the page as text
            and a screenshot.""";

    static final String BROWSER_SCHEMA = """
            {"type": "object", "properties": {
              "code": {"type": "string", "description": "The browser actions to run, one per line."}
            }, "required": ["code"]}""";
}
