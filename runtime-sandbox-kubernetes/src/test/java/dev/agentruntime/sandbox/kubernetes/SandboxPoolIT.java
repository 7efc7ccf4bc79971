package dev.agentruntime.sandbox.kubernetes;

import dev.agentruntime.sandbox.Sandbox;
import dev.agentruntime.sandbox.SandboxException;
import dev.agentruntime.sandbox.SandboxPool;
import dev.agentruntime.sandbox.SandboxSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.CmdOutputObservation;
import dev.agentruntime.core.CmdRunAction;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool over the Kubernetes provider (mock API server, Pods run by {@link FakeKubelet}). */
@EnableKubernetesMockClient(crud = true)
class SandboxPoolIT {

    static KubernetesClient client;

    @TempDir
    static Path scratch;
    private static FakeKubelet kubelet;
    private static KubernetesSandboxes kubernetes;

    @BeforeAll
    static void cluster() {
        Path jar = Path.of("../runtime-server/target/runtime-server.jar").toAbsolutePath().normalize();
        kubelet = new FakeKubelet(client, "pool", jar, scratch);
        kubernetes = KubernetesSandboxes.using(client, "pool", KubernetesSandboxes.Access.POD_IP);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        kubernetes.close();
        kubelet.close();
    }

    private static int pods() {
        return client.pods().inNamespace("pool").list().getItems().size();
    }

    @Test
    void handsOutReadySandboxesReplacesThemAndClosesAllOnShutdown() throws Exception {
        SandboxSpec spec = SandboxSpec.builder().image("agent-runtime").port(18100).build();
        Sandbox first;
        Sandbox second;
        try (SandboxPool pool = new SandboxPool(kubernetes, spec, 2)) {
            first = pool.take(Duration.ofMinutes(1));
            second = pool.take(Duration.ofMinutes(1));
            assertThat(first.id()).isNotEqualTo(second.id());
            CmdOutputObservation o = (CmdOutputObservation) first.execute(new CmdRunAction("echo pooled"));
            assertThat(o.content()).contains("pooled");
            first.close();

            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (pool.ready() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(pool.ready()).as("both handed-out sandboxes were replaced").isEqualTo(2);
            assertThat(pods()).as("two warm, one handed out and open").isEqualTo(3);
        }
        assertThat(second.alive()).isFalse();
        assertThat(pods()).isZero();
    }

    @Test
    void aSandboxThatDiedWhileWarmIsSkipped() throws Exception {
        SandboxSpec spec = SandboxSpec.builder().image("agent-runtime").port(18200).build();
        try (SandboxPool pool = new SandboxPool(kubernetes, spec, 1)) {
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (pool.ready() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            String dead = client.pods().inNamespace("pool").list().getItems().get(0).getMetadata().getName();
            client.pods().inNamespace("pool").withName(dead).delete();
            while (kubelet.runningPods().contains(dead)) {
                Thread.sleep(20);
            }
            try (Sandbox s = pool.take(Duration.ofMinutes(1))) {
                assertThat(s.id()).isNotEqualTo(dead);
                assertThat(s.alive()).isTrue();
            }
        }
    }

    @Test
    void aPoolThatCannotStartSaysWhy() {
        SandboxSpec spec = SandboxSpec.builder().port(18300).label(FakeKubelet.BEHAVIOUR, "fail").build();
        try (SandboxPool pool = new SandboxPool(kubernetes, spec, 1)) {
            assertThatThrownBy(() -> pool.take(Duration.ofSeconds(3))).isInstanceOf(SandboxException.class)
                    .hasMessageContaining("no sandbox was ready within 3.0 s")
                    .hasMessageContaining("the last start failed")
                    .hasMessageContaining("exit code 1");
        }
        assertThatThrownBy(() -> new SandboxPool(kubernetes, SandboxSpec.defaults(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
