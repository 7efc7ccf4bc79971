package dev.agentruntime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.spi.SandboxUser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CompilerPriorityTest {

    @Test
    void asRootTheCompilerThreadsRunAtTheLowestPriorityUntilClosed() throws Exception {
        CompilerPriority during = CompilerPriority.lowerDuringStartUp();
        try {
            if (!SandboxUser.processIsRoot()) {
                assertThat(during.lowered()).as("only root could raise it again").isEmpty();
                return;
            }
            assertThat(during.lowered()).as("this JVM's C1/C2 threads").isNotEmpty();
            for (int tid : during.lowered().keySet()) {
                assertThat(CompilerPriority.niceOf(task(tid))).isEqualTo(19);
            }
        } finally {
            java.util.Map<Integer, Integer> before = java.util.Map.copyOf(during.lowered());
            during.close();
            for (var e : before.entrySet()) {
                assertThat(CompilerPriority.niceOf(task(e.getKey()))).as("restored").isEqualTo(e.getValue());
            }
        }
    }

    @Test
    void theNiceValueIsReadAfterTheThreadName() throws Exception {
        assertThat(CompilerPriority.niceOf(Path.of("/proc/self"))).isBetween(-20, 19);
    }

    private static Path task(int tid) {
        return Path.of("/proc/self/task", Integer.toString(tid));
    }
}
