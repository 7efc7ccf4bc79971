package dev.agentruntime.core.files;

import dev.agentruntime.core.spi.ActionHandler;
import dev.agentruntime.core.spi.CapabilityProvider;
import dev.agentruntime.core.spi.ProviderContext;
import java.util.List;

/** Registers {@code read}, {@code write} and {@code edit}; they share one editor, so undo sees every edit. */
public final class FilesProvider implements CapabilityProvider {

    @Override
    public String name() {
        return "files";
    }

    @Override
    public List<ActionHandler<?>> createHandlers(ProviderContext context) {
        FileEditor editor = FileEditor.of(context.workspace());
        return List.of(new FileReadHandler(editor), new FileWriteHandler(), new FileEditHandler(editor));
    }
}
