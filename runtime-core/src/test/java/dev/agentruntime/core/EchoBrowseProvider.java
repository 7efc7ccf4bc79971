package dev.agentruntime.core;

import dev.agentruntime.core.spi.ActionHandler;
import dev.agentruntime.core.spi.CapabilityProvider;
import dev.agentruntime.core.spi.ExecutionContext;
import dev.agentruntime.core.spi.ProviderContext;
import java.util.List;

/** Registered in the test resources' {@code META-INF/services}, to prove discovery works. */
public class EchoBrowseProvider implements CapabilityProvider {

    @Override
    public String name() {
        return "test-echo";
    }

    @Override
    public List<ActionHandler<?>> createHandlers(ProviderContext context) {
        return List.of(new ActionHandler<BrowseURLAction>() {
            @Override
            public Class<BrowseURLAction> actionType() {
                return BrowseURLAction.class;
            }

            @Override
            public Observation handle(BrowseURLAction action, ExecutionContext ctx) {
                return new ErrorObservation("echo " + action.url());
            }
        });
    }
}
