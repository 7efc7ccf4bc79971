package dev.agentruntime.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.spi.ActionHandler;
import dev.agentruntime.core.spi.CapabilityProvider;
import dev.agentruntime.core.spi.ExecutionContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InProcessRuntimeTest {

    private static final Path DIR = Path.of("/tmp/agent-runtime-test");

    /** A recording handler for write actions, standing in for a capability. */
    static final class RecordingWriteHandler implements ActionHandler<FileWriteAction> {
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        int closed;

        @Override
        public Class<FileWriteAction> actionType() {
            return FileWriteAction.class;
        }

        @Override
        public Observation handle(FileWriteAction action, ExecutionContext context) {
            seen.add(action.path() + "@" + context.dialect() + "@" + context.workspace().currentDirectory());
            if (action.content().equals("explode")) {
                throw new IllegalStateException("disk on fire");
            }
            return new FileWriteObservation("", action.path());
        }

        @Override
        public void close() {
            closed++;
        }
    }

    @Test
    void dispatchesToTheHandlerOfTheActionType() {
        RecordingWriteHandler handler = new RecordingWriteHandler();
        try (InProcessRuntime rt = AgentRuntime.builder().workingDirectory(DIR).discoverProviders(false)
                .handler(handler).build()) {

            Observation o = rt.execute(new FileWriteAction("a.txt", "x"), Dialect.LEGACY);

            assertThat(o).isEqualTo(new FileWriteObservation("", "a.txt"));
            assertThat(handler.seen).containsExactly("a.txt@LEGACY@" + DIR);
        }
    }

    @Test
    void answersAnUnservedActionWithTheListOfServedOnes() {
        try (InProcessRuntime rt = AgentRuntime.builder().workingDirectory(DIR).discoverProviders(false)
                .handler(new RecordingWriteHandler()).build()) {

            Observation o = rt.execute(new CmdRunAction("ls"));

            assertThat(o).isEqualTo(new ErrorObservation("run is not supported by this runtime; available: write"));
        }
    }

    @Test
    void turnsAHandlerFailureIntoAnErrorObservationAndKeepsServing() {
        RecordingWriteHandler handler = new RecordingWriteHandler();
        try (InProcessRuntime rt = AgentRuntime.builder().workingDirectory(DIR).discoverProviders(false)
                .handler(handler).build()) {

            Observation failed = rt.execute(new FileWriteAction("a", "explode"));
            Observation next = rt.execute(new FileWriteAction("b", "fine"));

            assertThat(failed).isInstanceOf(ErrorObservation.class);
            assertThat(failed.content()).isEqualTo(
                    "Internal error while executing the write action: IllegalStateException: disk on fire");
            assertThat(next).isEqualTo(new FileWriteObservation("", "b"));
        }
    }

    @Test
    void closesEveryHandlerOnceAndRefusesWorkAfterwards() {
        RecordingWriteHandler handler = new RecordingWriteHandler();
        InProcessRuntime rt = AgentRuntime.builder().workingDirectory(DIR).discoverProviders(false).handler(handler)
                .build();

        rt.close();
        rt.close();

        assertThat(handler.closed).isEqualTo(1);
        assertThatThrownBy(() -> rt.execute(new FileWriteAction("a", "x")))
                .isInstanceOf(IllegalStateException.class).hasMessage("the runtime is closed");
    }

    @Test
    void findsProvidersThroughTheServiceLoader() {
        try (InProcessRuntime rt = AgentRuntime.builder().workingDirectory(DIR).build()) {
            assertThat(rt.supportedActionTypes()).contains("browse");
            assertThat(rt.execute(new BrowseURLAction("http://x")).content()).isEqualTo("echo http://x");
        }
    }

    @Test
    void skipsDisabledProviders() {
        try (InProcessRuntime rt = AgentRuntime.builder().workingDirectory(DIR).disable("test-echo").build()) {
            assertThat(rt.supportedActionTypes()).doesNotContain("browse");
        }
    }

    @Test
    void refusesTwoProvidersForOneActionType() {
        CapabilityProvider twin = new EchoBrowseProvider() {
            @Override
            public String name() {
                return "twin";
            }
        };

        assertThatThrownBy(() -> AgentRuntime.builder().workingDirectory(DIR).provider(twin).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("both serve BrowseURLAction");
    }

    @Test
    void anOverriddenProviderHandlerIsClosed() {
        RecordingWriteHandler fromProvider = new RecordingWriteHandler();
        CapabilityProvider provider = new CapabilityProvider() {
            @Override
            public String name() {
                return "writer";
            }

            @Override
            public List<ActionHandler<?>> createHandlers(dev.agentruntime.core.spi.ProviderContext context) {
                return List.of(fromProvider);
            }
        };
        RecordingWriteHandler override = new RecordingWriteHandler();

        try (InProcessRuntime rt = AgentRuntime.builder().workingDirectory(DIR).discoverProviders(false)
                .provider(provider).handler(override).build()) {
            rt.execute(new FileWriteAction("a", "x"));

            assertThat(fromProvider.closed).isEqualTo(1);
            assertThat(fromProvider.seen).isEmpty();
            assertThat(override.seen).hasSize(1);
        }
    }

    @Test
    void requiresAWorkingDirectory() {
        assertThatThrownBy(() -> AgentRuntime.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessage("a working directory is required");
    }

    @Test
    void optionsReachTheProviderByType() {
        record Greeting(String text) {
        }
        List<String> got = new ArrayList<>();
        CapabilityProvider probe = new CapabilityProvider() {
            @Override
            public String name() {
                return "probe";
            }

            @Override
            public List<ActionHandler<?>> createHandlers(dev.agentruntime.core.spi.ProviderContext context) {
                got.add(context.options(Greeting.class).map(Greeting::text).orElse("none"));
                return List.of();
            }

            @Override
            public java.util.Set<Class<?>> optionTypes() {
                return java.util.Set.of(Greeting.class);
            }
        };

        AgentRuntime.builder().workingDirectory(DIR).discoverProviders(false).provider(probe)
                .options(new Greeting("hi")).build().close();

        assertThat(got).containsExactly("hi");
    }

    /** A path no file can have (a NUL, a lone surrogate) is the agent's error, answered as such; nothing breaks. */
    @Test
    void aPathNoFileCanHaveIsAnErrorThatSaysWhy(@TempDir Path dir) throws Exception {
        try (InProcessRuntime rt = AgentRuntime.builder().workingDirectory(dir).build()) {
            Observation nul = rt.execute(new FileWriteAction("a\u0000b.txt", "x"), Dialect.CURRENT);
            Observation surrogate = rt.execute(new FileReadAction("\ud800.txt"), Dialect.LEGACY);
            Observation after = rt.execute(new FileWriteAction("ok.txt", "x"), Dialect.CURRENT);

            assertThat(nul).isInstanceOf(ErrorObservation.class);
            assertThat(nul.content()).startsWith("Invalid path: ").contains("a\u0000b.txt")
                    .endsWith(" (Nul character not allowed).");
            assertThat(surrogate).isInstanceOf(ErrorObservation.class);
            assertThat(surrogate.content()).startsWith("Invalid path: ").contains("\ud800.txt",
                    "(Malformed input or input contains unmappable characters).");
            assertThat(after).isInstanceOf(FileWriteObservation.class);
            assertThat(java.nio.file.Files.readString(dir.resolve("ok.txt"))).isEqualTo("x\n");
        }
    }

    /** A timeout longer than a year overflowed the shell's nanosecond deadline; null asks for none. */
    @Test
    void aTimeoutOverAYearIsRefusedWhenTheActionIsMade() {
        assertThatThrownBy(() -> new CmdRunAction("sleep 1").withTimeout(java.time.Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("timeout must be at most a year (null for none), got ");
        assertThat(new CmdRunAction("sleep 1").withTimeout(Action.MAX_TIMEOUT).timeout()).isEqualTo(Action.MAX_TIMEOUT);
    }

    @Test
    void aTypoedCapabilityOrAForeignOptionsObjectIsAnErrorNamingTheKnownOnes() {
        assertThatThrownBy(() -> InProcessRuntime.builder().workingDirectory(DIR).disable("jupytr").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no capability is named 'jupytr'; the capabilities on the class path are files, test-echo");
        assertThatThrownBy(() -> InProcessRuntime.builder().workingDirectory(DIR).options(Duration.ofSeconds(1))
                .build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no capability on the class path reads options of type java.time.Duration; "
                        + "they read ");
    }
}
