package dev.agentruntime.browser;

import dev.agentruntime.core.spi.ActionHandler;
import dev.agentruntime.core.spi.CapabilityProvider;
import dev.agentruntime.core.spi.ProviderContext;
import java.util.List;

/** Registers {@code browse} and {@code browse_interactive}; the browser opens on the first browse action. */
public final class BrowserProvider implements CapabilityProvider {

    @Override
    public java.util.Set<Class<?>> optionTypes() {
        return java.util.Set.of(BrowserOptions.class);
    }

    @Override
    public String name() {
        return "browser";
    }

    @Override
    public List<ActionHandler<?>> createHandlers(ProviderContext context) {
        BrowserHolder holder = new BrowserHolder(context.options(BrowserOptions.class).orElse(
                BrowserOptions.defaults().withDownloads(context.workspace().initialDirectory().resolve(".downloads"),
                        context.workspace().user())));
        return List.of(new BrowseHandlers.Url(holder), new BrowseHandlers.Interactive(holder));
    }
}
