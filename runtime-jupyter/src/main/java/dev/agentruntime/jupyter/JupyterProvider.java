package dev.agentruntime.jupyter;

import dev.agentruntime.core.files.FileEditor;
import dev.agentruntime.core.spi.ActionHandler;
import dev.agentruntime.core.spi.CapabilityProvider;
import dev.agentruntime.core.spi.ProviderContext;
import java.util.List;

/**
 * Registers the {@code run_ipython} handler. The kernel starts (and, with {@code agent_skills}, imports the helpers)
 * in the background here; the first cell waits for it, so the runtime (and the server's port) does not wait for
 * Python. The kernel's {@code file_editor} shares the runtime's editor with the {@code edit} action.
 */
public final class JupyterProvider implements CapabilityProvider {

    @Override
    public java.util.Set<Class<?>> optionTypes() {
        return java.util.Set.of(JupyterOptions.class);
    }

    @Override
    public String name() {
        return "jupyter";
    }

    @Override
    public List<ActionHandler<?>> createHandlers(ProviderContext context) {
        JupyterOptions options = context.options(JupyterOptions.class).orElse(JupyterOptions.defaults());
        KernelOptions kernel = new KernelOptions(options.python(), context.workspace().initialDirectory(),
                context.workspace().userName(), java.util.Map.of(), options.startTimeout(),
                context.workspace().environment());
        return List.of(new IPythonHandler(kernel, options, context.workspace().user(),
                FileEditor.of(context.workspace())));
    }
}
