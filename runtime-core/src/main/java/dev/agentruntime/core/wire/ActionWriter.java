package dev.agentruntime.core.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.agentruntime.core.Action;
import dev.agentruntime.core.BrowseInteractiveAction;
import dev.agentruntime.core.BrowseURLAction;
import dev.agentruntime.core.CmdRunAction;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.FileEditAction;
import dev.agentruntime.core.FileReadAction;
import dev.agentruntime.core.FileWriteAction;
import dev.agentruntime.core.IPythonRunCellAction;
import java.io.IOException;
import java.time.Duration;

/** Writes actions as the OpenHands hosts send them, key for key and in their order. */
final class ActionWriter {

    private ActionWriter() {
    }

    static void write(JsonGenerator g, Action action, Dialect d) throws IOException {
        boolean legacy = d == Dialect.LEGACY;
        g.writeStartObject();
        g.writeStringField("message", message(action, legacy));
        g.writeStringField("action", action.type());
        g.writeObjectFieldStart("args");
        if (action instanceof CmdRunAction a) {
            g.writeStringField("command", a.command());
            if (!legacy) {
                g.writeBooleanField("is_input", a.isInput());
            }
            g.writeStringField("thought", a.thought());
            g.writeBooleanField("blocking", a.blocking());
            if (legacy) {
                g.writeBooleanField("keep_prompt", a.keepPrompt());
                g.writeStringField("is_confirmed", a.confirmation().wireName());
                legacyRisk(g, a);
            } else {
                g.writeBooleanField("is_static", a.isStatic());
                g.writeStringField("cwd", a.cwd());
                g.writeBooleanField("hidden", a.hidden());
                g.writeStringField("confirmation_state", a.confirmation().wireName());
                g.writeNumberField("security_risk", a.securityRisk());
            }
            if (a.session() != null) { // ours; absent otherwise, so that OpenHands' JSON stays as it is
                g.writeStringField("session", a.session());
            }
        } else if (action instanceof IPythonRunCellAction a) {
            g.writeStringField("code", a.code());
            g.writeStringField("thought", a.thought());
            if (!legacy) {
                g.writeBooleanField("include_extra", a.includeExtra());
            }
            g.writeStringField(legacy ? "is_confirmed" : "confirmation_state", a.confirmation().wireName());
            risk(g, a, legacy);
            g.writeStringField("kernel_init_code", a.kernelInitCode());
        } else if (action instanceof FileReadAction a) {
            g.writeStringField("path", a.path());
            g.writeNumberField("start", a.start());
            g.writeNumberField("end", a.end());
            g.writeStringField("thought", a.thought());
            risk(g, a, legacy);
            if (!legacy) {
                g.writeStringField("impl_source", a.implSource());
                g.writeFieldName("view_range");
                g.writeObject(a.viewRange());
            }
        } else if (action instanceof FileWriteAction a) {
            g.writeStringField("path", a.path());
            g.writeStringField("content", a.content());
            g.writeNumberField("start", a.start());
            g.writeNumberField("end", a.end());
            g.writeStringField("thought", a.thought());
            risk(g, a, legacy);
            if (a.verbatim()) { // ours; absent otherwise, so that OpenHands' JSON stays as it is
                g.writeBooleanField("verbatim", true);
            }
        } else if (action instanceof FileEditAction a) {
            writeEdit(g, a);
        } else if (action instanceof BrowseURLAction a) {
            g.writeStringField("url", a.url());
            g.writeStringField("thought", a.thought());
            risk(g, a, legacy);
            if (!legacy) {
                g.writeBooleanField("return_axtree", a.returnAxtree());
            }
        } else if (action instanceof BrowseInteractiveAction a) {
            g.writeStringField("browser_actions", a.browserActions());
            g.writeStringField("thought", a.thought());
            g.writeStringField("browsergym_send_msg_to_user", a.browsergymSendMsgToUser());
            risk(g, a, legacy);
            if (!legacy) {
                g.writeBooleanField("return_axtree", a.returnAxtree());
            }
        }

        g.writeEndObject();
        if (action.timeout() != null) {
            writeSeconds(g, "timeout", action.timeout(), legacy);
        }
        g.writeEndObject();
    }

    private static void writeEdit(JsonGenerator g, FileEditAction a) throws IOException {
        g.writeStringField("path", a.path());
        g.writeStringField("command", a.command());
        g.writeStringField("file_text", a.fileText());
        g.writeStringField("old_str", a.oldStr());
        g.writeStringField("new_str", a.newStr());
        g.writeFieldName("insert_line");
        if (a.insertLine() == null) {
            g.writeNull();
        } else {
            g.writeNumber(a.insertLine());
        }
        g.writeStringField("content", a.content());
        g.writeNumberField("start", a.start());
        g.writeNumberField("end", a.end());
        g.writeStringField("thought", a.thought());
        g.writeNumberField("security_risk", a.securityRisk());
        g.writeStringField("impl_source", a.implSource());
    }

    /** The 2024 serializer drops an unset security risk; the current one always writes it. */
    private static void risk(JsonGenerator g, Action a, boolean legacy) throws IOException {
        if (legacy) {
            legacyRisk(g, a);
        } else {
            g.writeNumberField("security_risk", a.securityRisk());
        }
    }

    private static void legacyRisk(JsonGenerator g, Action a) throws IOException {
        if (a.securityRisk() != -1) {
            g.writeNumberField("security_risk", a.securityRisk());
        }
    }

    /** Legacy hosts send whole seconds as an int ({@code 120}), current ones as a float ({@code 120.0}). */
    static void writeSeconds(JsonGenerator g, String name, Duration d, boolean legacy) throws IOException {
        double seconds = d.toNanos() / 1e9;
        if (legacy && seconds == Math.rint(seconds)) {
            g.writeNumberField(name, (long) seconds);
        } else {
            g.writeNumberField(name, seconds);
        }
    }

    static String message(Action action, boolean legacy) {
        if (action instanceof CmdRunAction a) {
            return "Running command: " + a.command();
        } else if (action instanceof IPythonRunCellAction a) {
            return "Running Python code interactively: " + a.code();
        } else if (action instanceof FileReadAction a) {
            return "Reading file: " + a.path();
        } else if (action instanceof FileWriteAction a) {
            return "Writing file: " + a.path();
        } else if (action instanceof BrowseURLAction a) {
            return legacy ? "Browsing URL: " + a.url() : "I am browsing the URL: " + a.url();
        } else if (action instanceof BrowseInteractiveAction a) {
            return legacy ? "Executing browser actions: " + a.browserActions()
                    : "I am interacting with the browser:\n```\n" + a.browserActions() + "\n```";
        }
        return ""; // FileEditAction has no message in OpenHands
    }
}
