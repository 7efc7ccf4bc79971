package dev.agentruntime.core.files;

import dev.agentruntime.core.FileEditAction;
import dev.agentruntime.core.FileEditObservation;
import dev.agentruntime.core.Observation;
import dev.agentruntime.core.spi.ActionHandler;
import dev.agentruntime.core.spi.ExecutionContext;

/**
 * {@code edit} with {@code impl_source="oh_aci"}: the editor's commands, the unified diff of the change. LLM-based
 * edits are done by the host through {@code read}/{@code write}; OpenHands answers them with an HTTP 500 (a failed
 * assertion), here they get an observation that says so.
 */
public final class FileEditHandler implements ActionHandler<FileEditAction> {

    private final FileEditor editor;

    public FileEditHandler(FileEditor editor) {
        this.editor = editor;
    }

    @Override
    public Class<FileEditAction> actionType() {
        return FileEditAction.class;
    }

    @Override
    public Observation handle(FileEditAction a, ExecutionContext context) {
        if (!a.implSource().equals("oh_aci")) {
            return new FileEditObservation("ERROR:\nThe edit implementation '" + a.implSource() + "' is not "
                    + "supported by this runtime: LLM-based edits are applied by the host with read and write actions. "
                    + "Use impl_source 'oh_aci' (the str_replace_editor commands).", a.path(), false, a.oldStr(),
                    a.newStr(), a.implSource(), "");
        }
        FileEditor.Result r = editor.execute(a.command(), a.path(), a.fileText(), a.oldStr(), a.newStr(),
                a.insertLine(), null);
        String diff = UnifiedDiff.of(r.oldText() == null ? "" : r.oldText(), r.newText() == null ? "" : r.newText(),
                a.path());
        return new FileEditObservation(r.output(), a.path(), r.prevExist(), a.oldStr(), a.newStr(), "oh_aci", diff);
    }
}
