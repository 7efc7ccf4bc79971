package dev.agentruntime.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SandboxOwnerTest {

    @Test
    void labelsRoundTripAndNameThisJvm() {
        SandboxOwner me = SandboxOwner.current();
        assertThat(me.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(SandboxOwner.fromLabels(me.labels())).contains(me);
        assertThat(me.endedOnThisHost()).isFalse();
    }

    @Test
    void anEndedProcessOrAReusedPidIsAnEndedOwnerButAnotherHostNeverIs() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        assertThat(new SandboxOwner(SandboxOwner.current().host(), p.pid(), 5L).endedOnThisHost()).isTrue();
        SandboxOwner me = SandboxOwner.current();
        assertThat(new SandboxOwner(me.host(), me.pid(), me.startMillis() - 1).endedOnThisHost())
                .as("same pid, another start time").isTrue();
        assertThat(new SandboxOwner("elsewhere", p.pid(), 5L).endedOnThisHost()).isFalse();
    }

    @Test
    void labelsThatDoNotNameAnOwnerAreNotOurs() {
        assertThat(SandboxOwner.fromLabels(Map.of())).isEmpty();
        assertThat(SandboxOwner.fromLabels(Map.of(SandboxOwner.SANDBOX_LABEL, "true", "agentruntime.dev/owner-pid",
                "x"))).isEmpty();
        assertThat(SandboxOwner.fromLabels(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "build-7.ci.example.org, build-7.ci.example.org",
        "My_Laptop, my_laptop",
        "-weird host!, weird-host",
        "'', unknown",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, "
            + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    })
    void hostNamesBecomeValidKubernetesLabelValues(String host, String label) {
        assertThat(SandboxOwner.labelValue(host)).isEqualTo(label).matches("[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?");
    }

    @Test
    void specsRejectNonsense() {
        assertThatThrownBy(() -> SandboxSpec.builder().port(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxSpec.builder().cpus(-1).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxSpec.builder().startTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        SandboxSpec s = SandboxSpec.builder().memoryMiB(512).env("A", "1").build();
        assertThat(s.toBuilder().build()).isEqualTo(s);
        assertThat(s.memoryBytes()).isEqualTo(512L << 20);
    }
}
