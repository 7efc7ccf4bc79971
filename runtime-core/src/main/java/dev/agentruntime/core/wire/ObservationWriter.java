package dev.agentruntime.core.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.agentruntime.core.BrowserOutputObservation;
import dev.agentruntime.core.CmdOutputMetadata;
import dev.agentruntime.core.CmdOutputObservation;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.ErrorObservation;
import dev.agentruntime.core.FileEditObservation;
import dev.agentruntime.core.FileReadObservation;
import dev.agentruntime.core.FileWriteObservation;
import dev.agentruntime.core.IPythonRunCellObservation;
import dev.agentruntime.core.Observation;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes observations as the OpenHands servers answer: {@code message}, {@code observation}, {@code content},
 * {@code extras} and, in the current dialect, {@code success} for run and IPython observations.
 */
final class ObservationWriter {

    private ObservationWriter() {
    }

    static void write(JsonGenerator g, Observation o, Dialect d) throws IOException {
        boolean legacy = d == Dialect.LEGACY;
        g.writeStartObject();
        g.writeStringField("message", message(o));
        g.writeStringField("observation", o.type());
        LongStrings.writeField(g, "content", content(o, legacy));
        g.writeObjectFieldStart("extras");
        Boolean success = null;
        if (o instanceof CmdOutputObservation run) {
            writeRunExtras(g, run, legacy);
            success = run.exitCode() == 0;
        } else if (o instanceof IPythonRunCellObservation cell) {
            g.writeStringField("code", cell.code());
            if (!legacy) {
                g.writeFieldName("image_urls");
                g.writeObject(cell.imageUrls());
            }
            success = true;
        } else if (o instanceof FileReadObservation read) {
            g.writeStringField("path", read.path());
            if (!legacy) {
                g.writeStringField("impl_source", read.implSource());
            }
        } else if (o instanceof FileWriteObservation write) {
            g.writeStringField("path", write.path());
        } else if (o instanceof FileEditObservation edit) {
            g.writeStringField("path", edit.path());
            g.writeBooleanField("prev_exist", edit.prevExist());
            g.writeStringField("old_content", edit.oldContent());
            g.writeStringField("new_content", edit.newContent());
            g.writeStringField("impl_source", edit.implSource());
            g.writeStringField("diff", edit.diff());
            g.writeNullField("_diff_cache");
        } else if (o instanceof BrowserOutputObservation browse) {
            writeBrowseExtras(g, browse, legacy);
        } else if (o instanceof ErrorObservation error && !legacy) {
            g.writeStringField("error_id", error.errorId());
        }
        g.writeEndObject();
        if (!legacy && success != null) {
            g.writeBooleanField("success", success);
        }
        g.writeEndObject();
    }

    static String message(Observation o) {
        if (o instanceof CmdOutputObservation run) {
            return "Command `" + run.command() + "` executed with exit code " + run.exitCode() + ".";
        } else if (o instanceof IPythonRunCellObservation) {
            return "Code executed in IPython cell.";
        } else if (o instanceof FileReadObservation read) {
            return "I read the file " + read.path() + ".";
        } else if (o instanceof FileWriteObservation write) {
            return "I wrote to the file " + write.path() + ".";
        } else if (o instanceof FileEditObservation edit) {
            return "I edited the file " + edit.path() + ".";
        } else if (o instanceof BrowserOutputObservation browse) {
            return "Visited " + browse.url();
        }
        return o.content();
    }

    private static String content(Observation o, boolean legacy) {
        if (!legacy && o instanceof CmdOutputObservation run && !run.hidden()) {
            return OpenHandsWire.truncateMiddle(run.content(), OpenHandsWire.MAX_CMD_OUTPUT_SIZE);
        }
        return o.content();
    }

    private static void writeRunExtras(JsonGenerator g, CmdOutputObservation run, boolean legacy)
            throws IOException {
        if (legacy) {
            g.writeNumberField("command_id", -1);
            g.writeStringField("command", run.command());
            g.writeNumberField("exit_code", run.exitCode());
            return;
        }
        CmdOutputMetadata m = run.metadata();
        g.writeStringField("command", run.command());
        g.writeObjectFieldStart("metadata");
        g.writeNumberField("exit_code", m.exitCode());
        g.writeNumberField("pid", m.pid());
        g.writeStringField("username", m.username());
        g.writeStringField("hostname", m.hostname());
        g.writeStringField("working_dir", m.workingDir());
        g.writeStringField("py_interpreter_path", m.pyInterpreterPath());
        g.writeStringField("prefix", m.prefix());
        g.writeStringField("suffix", m.suffix());
        g.writeEndObject();
        g.writeBooleanField("hidden", run.hidden());
    }

    private static void writeBrowseExtras(JsonGenerator g, BrowserOutputObservation b, boolean legacy)
            throws IOException {
        g.writeStringField("url", b.url());
        if (!legacy) {
            g.writeStringField("trigger_by_action", b.triggerByAction());
        }
        g.writeStringField("screenshot", b.screenshot());
        if (!legacy) {
            g.writeStringField("screenshot_path", b.screenshotPath());
            g.writeStringField("set_of_marks", b.setOfMarks());
        }
        g.writeBooleanField("error", b.error());
        if (!legacy) {
            g.writeFieldName("goal_image_urls");
            g.writeObject(List.of());
        }
        g.writeFieldName("open_pages_urls");
        g.writeObject(b.openPagesUrls());
        g.writeNumberField("active_page_index", b.activePageIndex());
        g.writeFieldName("dom_object");
        g.writeObject(b.domObject());
        g.writeFieldName("axtree_object");
        g.writeObject(b.axtreeObject());
        g.writeFieldName("extra_element_properties");
        g.writeObject(b.extraElementProperties());
        g.writeStringField("last_browser_action", b.lastBrowserAction());
        g.writeStringField("last_browser_action_error", b.lastBrowserActionError());
        g.writeStringField("focused_element_bid", b.focusedElementBid());
        if (!legacy) {
            g.writeBooleanField("filter_visible_only", false);
        }
    }
}
