package dev.agentruntime.sandbox.kubernetes;

import dev.agentruntime.sandbox.Sandbox;
import dev.agentruntime.sandbox.SandboxException;
import dev.agentruntime.sandbox.SandboxGoneException;
import dev.agentruntime.sandbox.SandboxOwner;
import dev.agentruntime.sandbox.SandboxSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.CmdOutputObservation;
import dev.agentruntime.core.CmdRunAction;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes provider against fabric8's mock API server in CRUD mode, with {@link FakeKubelet} running each Pod
 * as a real server process at its own loopback "Pod IP". Tested at the API level: no cluster runs here.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesSandboxesIT {

    static KubernetesClient client;

    @TempDir
    static Path scratch;
    private static FakeKubelet kubelet;
    private static KubernetesSandboxes kubernetes;

    @BeforeAll
    static void cluster() {
        Path jar = Path.of("../runtime-server/target/runtime-server.jar").toAbsolutePath().normalize();
        kubelet = new FakeKubelet(client, "test", jar, scratch);
        kubernetes = KubernetesSandboxes.using(client, "test", KubernetesSandboxes.Access.POD_IP);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        kubernetes.close();
        kubelet.close();
    }

    private static SandboxSpec.Builder spec() {
        return SandboxSpec.builder().image("registry.example/agent-runtime:1").port(18000)
                .startTimeout(Duration.ofSeconds(60));
    }

    @Test
    void makesAPodAndASecretWaitsForReadinessAndDeletesBothOnClose() {
        SandboxSpec spec = spec().cpus(2).memoryMiB(1024).env("GREETING", "hello").label("team", "evals")
                .serverArgs(List.of("18000", "--working-dir", "/workspace")).build();
        Sandbox sandbox = kubernetes.start(spec);
        Pod pod = client.pods().inNamespace("test").withName(sandbox.id()).get();
        assertThat(PodSpecs.ready(pod)).as("start returns only once the Pod is ready").isTrue();
        assertThat(pod.getMetadata().getLabels()).containsEntry("team", "evals")
                .containsEntry(SandboxOwner.SANDBOX_LABEL, "true")
                .containsEntry("agentruntime.dev/owner-pid", Long.toString(ProcessHandle.current().pid()));
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        Container c = pod.getSpec().getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("registry.example/agent-runtime:1");
        assertThat(c.getArgs()).containsExactly("18000", "--working-dir", "/workspace");
        assertThat(c.getPorts().get(0).getContainerPort()).isEqualTo(18000);
        assertThat(c.getResources().getLimits()).containsEntry("cpu", new Quantity("2000m"))
                .containsEntry("memory", new Quantity(Long.toString(1024L << 20)));
        assertThat(c.getResources().getRequests()).isEqualTo(c.getResources().getLimits());
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/alive");
        assertThat(c.getReadinessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(18000);
        EnvVar key = c.getEnv().get(0);
        assertThat(key.getName()).isEqualTo("SESSION_API_KEY");
        assertThat(key.getValue()).as("the key is not in the Pod spec").isNull();
        assertThat(key.getValueFrom().getSecretKeyRef().getName()).isEqualTo(sandbox.id());
        assertThat(c.getEnv()).contains(new EnvVar("GREETING", "hello", null));

        Secret secret = client.secrets().inNamespace("test").withName(sandbox.id()).get();
        assertThat(secretValue(secret)).isEqualTo(sandbox.apiKey());
        assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isNotNull().isEqualTo(pod.getMetadata().getUid()));

        CmdOutputObservation o = (CmdOutputObservation) sandbox.execute(new CmdRunAction("echo $GREETING from pod"));
        assertThat(o.content()).contains("from pod");
        assertThat(sandbox.uri().getHost()).isEqualTo(pod.getStatus().getPodIP());

        sandbox.close();
        assertThat(client.pods().inNamespace("test").withName(sandbox.id()).get()).isNull();
        assertThat(client.secrets().inNamespace("test").withName(sandbox.id()).get()).isNull();
    }

    @Test
    void aPodThatNeverBecomesReadyIsDeletedAfterTheStartTimeout() {
        SandboxSpec spec = spec().label(FakeKubelet.BEHAVIOUR, "never-ready").startTimeout(Duration.ofSeconds(3))
                .build();
        assertThatThrownBy(() -> kubernetes.start(spec)).isInstanceOf(SandboxException.class)
                .hasMessageContaining("did not become ready within 3.0 s").hasMessageContaining("it was removed");
        assertThat(client.pods().inNamespace("test").withLabel(FakeKubelet.BEHAVIOUR, "never-ready").list()
                .getItems()).isEmpty();
        assertThat(client.secrets().inNamespace("test").withLabel(FakeKubelet.BEHAVIOUR, "never-ready").list()
                .getItems()).isEmpty();
    }

    @Test
    void aPodThatFailsIsReportedWithItsExitAndDeleted() {
        SandboxSpec spec = spec().label(FakeKubelet.BEHAVIOUR, "fail").build();
        assertThatThrownBy(() -> kubernetes.start(spec)).isInstanceOf(SandboxException.class)
                .hasMessageContaining("it ended before answering").hasMessageContaining("failed with exit code 1");
        assertThat(client.pods().inNamespace("test").withLabel(FakeKubelet.BEHAVIOUR, "fail").list().getItems())
                .isEmpty();
    }

    @Test
    void aPodDeletedInUseFailsTheNextActionWithThatReason() {
        try (Sandbox sandbox = kubernetes.start(spec().build())) {
            client.pods().inNamespace("test").withName(sandbox.id()).delete();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (kubelet.runningPods().contains(sandbox.id()) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThatThrownBy(() -> sandbox.execute(new CmdRunAction("echo hi")))
                    .isInstanceOf(SandboxGoneException.class).hasMessageContaining("was deleted");
        }
    }

    @Test
    void reapDeletesTheSandboxesOfEndedOwnersOnly() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        SandboxOwner gone = new SandboxOwner(SandboxOwner.current().host(), ended.pid(), 1L);
        SandboxOwner elsewhere = new SandboxOwner("another-host", ProcessHandle.current().pid(), 1L);
        leftover("agent-runtime-leftover", gone);
        leftover("agent-runtime-elsewhere", elsewhere);
        try (Sandbox mine = kubernetes.start(spec().build())) {
            assertThat(kubernetes.reap()).isEqualTo(1);
            assertThat(client.pods().inNamespace("test").withName("agent-runtime-leftover").get()).isNull();
            assertThat(client.secrets().inNamespace("test").withName("agent-runtime-leftover").get()).isNull();
            assertThat(client.pods().inNamespace("test").withName("agent-runtime-elsewhere").get()).isNotNull();
            assertThat(client.pods().inNamespace("test").withName(mine.id()).get()).isNotNull();
        } finally {
            client.pods().inNamespace("test").withName("agent-runtime-elsewhere").delete();
            client.secrets().inNamespace("test").withName("agent-runtime-elsewhere").delete();
        }
    }

    private static void leftover(String name, SandboxOwner owner) {
        Map<String, String> labels = new java.util.HashMap<>(owner.labels());
        labels.put(FakeKubelet.BEHAVIOUR, "ignore");
        client.secrets().inNamespace("test").resource(new SecretBuilder().withNewMetadata().withName(name)
                .withLabels(labels).endMetadata().addToStringData("api-key", "k").build()).create();
        client.pods().inNamespace("test").resource(new PodBuilder().withNewMetadata().withName(name)
                .withLabels(labels).endMetadata().withNewSpec().addNewContainer().withName("runtime").withImage("x")
                .endContainer().endSpec().build()).create();
    }

    private static String secretValue(Secret s) {
        if (s.getStringData() != null && s.getStringData().containsKey("api-key")) {
            return s.getStringData().get("api-key");
        }
        return new String(Base64.getDecoder().decode(s.getData().get("api-key")), StandardCharsets.UTF_8);
    }
}
