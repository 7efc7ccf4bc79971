package dev.agentruntime.core.wire;

import dev.agentruntime.core.Action;
import dev.agentruntime.core.BrowseInteractiveAction;
import dev.agentruntime.core.BrowseURLAction;
import dev.agentruntime.core.CmdRunAction;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.FileEditAction;
import dev.agentruntime.core.FileReadAction;
import dev.agentruntime.core.FileWriteAction;
import dev.agentruntime.core.IPythonRunCellAction;
import java.time.Duration;

/** Builds action records from validated arguments, applying each dialect's defaults and rules. */
final class ActionFactory {

    private ActionFactory() {
    }

    static Action create(String type, ArgValues a, Duration timeout, Dialect dialect) {
        String thought = a.string("thought", "");
        int risk = a.integer("security_risk", -1);
        return switch (type) {
            case "run" -> new CmdRunAction(a.string("command", ""), a.bool("is_input", false),
                    // Legacy: setting any timeout makes an event blocking (the 2024 Event.timeout setter).
                    dialect == Dialect.LEGACY && timeout != null || a.bool("blocking", false), timeout,
                    a.bool("keep_prompt", true), a.bool("is_static", false), a.string("cwd", null),
                    a.bool("hidden", false), thought, a.confirmation(), risk, a.string("session", null));
            case "run_ipython" -> new IPythonRunCellAction(a.string("code", ""), a.bool("include_extra", true),
                    a.string("kernel_init_code", ""), timeout, thought, a.confirmation(), risk);
            case "read" -> new FileReadAction(a.string("path", ""), a.integer("start", 0), a.integer("end", -1),
                    a.string("impl_source", "default"), a.intList("view_range"), timeout, thought, risk);
            case "write" -> new FileWriteAction(a.string("path", ""), a.string("content", ""),
                    a.integer("start", 0), a.integer("end", -1), timeout, thought, risk, a.bool("verbatim", false));
            case "edit" -> new FileEditAction(a.string("path", ""), a.string("command", ""),
                    a.string("file_text", null), a.string("old_str", null), a.string("new_str", null),
                    a.nullableInteger("insert_line"), a.string("content", ""), a.integer("start", 1),
                    a.integer("end", -1), a.string("impl_source", "oh_aci"), timeout, thought, risk);
            case "browse" -> new BrowseURLAction(a.string("url", ""), a.bool("return_axtree", false), timeout,
                    thought, risk);
            case "browse_interactive" -> new BrowseInteractiveAction(a.string("browser_actions", ""),
                    a.string("browsergym_send_msg_to_user", ""), a.bool("return_axtree", false), timeout, thought,
                    risk);
            default -> throw new IllegalStateException("no factory for action type " + type);
        };
    }
}
