package dev.agentruntime.core.wire;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments each action type accepts on the wire: the union of both dialects, since the current server accepts
 * legacy bodies ({@code is_confirmed} renamed, {@code keep_prompt} dropped).
 */
final class ArgSpec {

    enum Kind { STRING, NULLABLE_STRING, BOOL, INT, CONFIRMATION, SECURITY_RISK, VIEW_RANGE, INSERT_LINE, IGNORED }

    record Arg(String name, Kind kind, boolean required) {
    }

    record ActionSpec(String type, String pythonClass, Map<String, Arg> args) {
        List<String> requiredNames() {
            return args.values().stream().filter(Arg::required).map(Arg::name).toList();
        }
    }

    /** Arguments that mark a request as legacy. */
    static final Set<String> LEGACY_MARKERS = Set.of("keep_prompt", "is_confirmed");

    /** Arguments only the current dialect sends. */
    static final Set<String> CURRENT_MARKERS = Set.of("is_input", "is_static", "cwd", "hidden", "confirmation_state",
            "security_risk", "include_extra", "impl_source", "view_range", "return_axtree");

    static final Map<String, ActionSpec> SPECS = buildSpecs();

    private ArgSpec() {
    }

    private static Map<String, ActionSpec> buildSpecs() {
        Map<String, ActionSpec> specs = new LinkedHashMap<>();
        add(specs, "run", "CmdRunAction",
                req("command", Kind.STRING), opt("is_input", Kind.BOOL), opt("thought", Kind.STRING),
                opt("blocking", Kind.BOOL), opt("keep_prompt", Kind.BOOL), opt("is_static", Kind.BOOL),
                opt("cwd", Kind.NULLABLE_STRING), opt("hidden", Kind.BOOL), opt("is_confirmed", Kind.CONFIRMATION),
                opt("confirmation_state", Kind.CONFIRMATION), opt("security_risk", Kind.SECURITY_RISK),
                opt("session", Kind.NULLABLE_STRING)); // ours: a named shell session
        add(specs, "run_ipython", "IPythonRunCellAction",
                req("code", Kind.STRING), opt("thought", Kind.STRING), opt("include_extra", Kind.BOOL),
                opt("is_confirmed", Kind.CONFIRMATION), opt("confirmation_state", Kind.CONFIRMATION),
                opt("security_risk", Kind.SECURITY_RISK), opt("kernel_init_code", Kind.STRING));
        add(specs, "read", "FileReadAction",
                req("path", Kind.STRING), opt("start", Kind.INT), opt("end", Kind.INT), opt("thought", Kind.STRING),
                opt("security_risk", Kind.SECURITY_RISK), opt("impl_source", Kind.STRING),
                opt("view_range", Kind.VIEW_RANGE));
        add(specs, "write", "FileWriteAction",
                req("path", Kind.STRING), req("content", Kind.STRING), opt("start", Kind.INT), opt("end", Kind.INT),
                opt("thought", Kind.STRING), opt("security_risk", Kind.SECURITY_RISK),
                opt("verbatim", Kind.BOOL)); // ours: write the content exactly as given
        add(specs, "edit", "FileEditAction",
                req("path", Kind.STRING), opt("command", Kind.STRING), opt("file_text", Kind.NULLABLE_STRING),
                opt("old_str", Kind.NULLABLE_STRING), opt("new_str", Kind.NULLABLE_STRING),
                opt("insert_line", Kind.INSERT_LINE), opt("content", Kind.STRING), opt("start", Kind.INT),
                opt("end", Kind.INT), opt("thought", Kind.STRING), opt("security_risk", Kind.SECURITY_RISK),
                opt("impl_source", Kind.STRING));
        add(specs, "browse", "BrowseURLAction",
                req("url", Kind.STRING), opt("thought", Kind.STRING), opt("security_risk", Kind.SECURITY_RISK),
                opt("return_axtree", Kind.BOOL));
        add(specs, "browse_interactive", "BrowseInteractiveAction",
                req("browser_actions", Kind.STRING), opt("thought", Kind.STRING),
                opt("browsergym_send_msg_to_user", Kind.STRING), opt("security_risk", Kind.SECURITY_RISK),
                opt("return_axtree", Kind.BOOL));
        return Map.copyOf(specs);
    }

    private static void add(Map<String, ActionSpec> specs, String type, String pythonClass, Arg... args) {
        Map<String, Arg> byName = new LinkedHashMap<>();
        for (Arg arg : args) {
            byName.put(arg.name(), arg);
        }
        // Keys the current server drops before construction, whatever the action.
        byName.put("task_completed", opt("task_completed", Kind.IGNORED));
        byName.put("translated_ipython_code", opt("translated_ipython_code", Kind.IGNORED));
        byName.put("timestamp", opt("timestamp", Kind.IGNORED));
        specs.put(type, new ActionSpec(type, pythonClass, byName));
    }

    private static Arg req(String name, Kind kind) {
        return new Arg(name, kind, true);
    }

    private static Arg opt(String name, Kind kind) {
        return new Arg(name, kind, false);
    }

    /** The runnable action types in OpenHands' order, for the "not defined" message. */
    static final List<String> TYPES =
            List.of("run", "run_ipython", "read", "write", "edit", "browse", "browse_interactive");
}
