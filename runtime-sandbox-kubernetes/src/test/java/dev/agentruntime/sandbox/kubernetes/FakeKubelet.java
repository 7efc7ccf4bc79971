package dev.agentruntime.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Plays the kubelet against the mock API server: for each new sandbox Pod it runs the real server jar as the Pod's
 * "container" on a loopback address of its own (127.0.0.N, the Pod IP) and the Pod's container port, with the API
 * key read from the Secret the Pod's env names, probes the Pod's readiness path, and then reports the Pod Running and
 * Ready. A deleted Pod's process is killed. A Pod labelled {@code test/behaviour=never-ready} runs but is never
 * ready; {@code fail} ends at once with exit code 1;
 * {@code ignore} is left as it is.
 */
final class FakeKubelet implements AutoCloseable {

    static final String BEHAVIOUR = "test/behaviour";

    private final KubernetesClient client;
    private final String namespace;
    private final Path serverJar;
    private final Path scratch;
    private final Map<String, Process> running = new ConcurrentHashMap<>();
    private final Set<String> handled = ConcurrentHashMap.newKeySet();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Thread loop;
    private int nextAddress = 10;
    private volatile boolean closed;

    FakeKubelet(KubernetesClient client, String namespace, Path serverJar, Path scratch) {
        this.client = client;
        this.namespace = namespace;
        this.serverJar = serverJar;
        this.scratch = scratch;
        this.loop = new Thread(this::run, "fake-kubelet");
        loop.setDaemon(true);
        loop.start();
    }

    /** The Pods whose server process is running. */
    Set<String> runningPods() {
        return Set.copyOf(running.keySet());
    }

    private void run() {
        while (!closed) {
            try {
                List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
                Set<String> names = pods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
                for (Pod p : pods) {
                    if (handled.add(p.getMetadata().getName())) {
                        Thread t = new Thread(() -> admit(p), "fake-kubelet-" + p.getMetadata().getName());
                        t.setDaemon(true);
                        t.start();
                    }
                }
                running.keySet().removeIf(name -> {
                    if (names.contains(name)) {
                        return false;
                    }
                    running.get(name).destroyForcibly();
                    return true;
                });
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!closed) {
                    System.err.println("fake kubelet: " + e);
                }
            }
        }
    }

    private void admit(Pod pod) {
        String name = pod.getMetadata().getName();
        String behaviour = pod.getMetadata().getLabels().getOrDefault(BEHAVIOUR, "serve");
        try {
            if (behaviour.equals("ignore")) {
                return;
            }
            if (behaviour.equals("fail")) {
                setStatus(name, new PodBuilder(pod).withNewStatus().withPhase("Failed").addNewContainerStatus()
                        .withName(PodSpecs.CONTAINER).withNewState().withNewTerminated().withExitCode(1)
                        .withReason("Error").endTerminated().endState().endContainerStatus().endStatus().build());
                return;
            }
            Container c = pod.getSpec().getContainers().get(0);
            int port = c.getPorts().get(0).getContainerPort();
            String ip = "127.0.0." + nextAddress();
            String keySecret = c.getEnv().get(0).getValueFrom().getSecretKeyRef().getName();
            String keyEntry = c.getEnv().get(0).getValueFrom().getSecretKeyRef().getKey();
            Path workDir = Files.createTempDirectory(scratch, name);
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", serverJar.toString(),
                    Integer.toString(port), "--host", ip, "--working-dir", workDir.toString(), "--no-enable-browser"));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(workDir.resolveSibling(name + ".log").toFile());
            pb.environment().put("SESSION_API_KEY", secretValue(keySecret, keyEntry));
            running.put(name, pb.start());
            if (!behaviour.equals("never-ready")) {
                probe(ip, port, c.getReadinessProbe().getHttpGet().getPath());
            }
            setStatus(name, new PodBuilder(pod).withNewStatus().withPhase("Running").withPodIP(ip)
                    .addNewCondition().withType("Ready").withStatus(behaviour.equals("never-ready") ? "False" : "True")
                    .endCondition().endStatus().build());
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("fake kubelet: cannot run pod " + name + ": " + e);
        }
    }

    private synchronized int nextAddress() {
        return nextAddress++;
    }

    private String secretValue(String secretName, String entry) {
        Secret s = client.secrets().inNamespace(namespace).withName(secretName).get();
        if (s.getStringData() != null && s.getStringData().containsKey(entry)) {
            return s.getStringData().get(entry);
        }
        return new String(Base64.getDecoder().decode(s.getData().get(entry)), StandardCharsets.UTF_8);
    }

    private void probe(String ip, int port, String path) throws InterruptedException {
        URI uri = URI.create("http://" + ip + ":" + port + path);
        for (int i = 0; i < 600 && !closed; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
    }

    private void setStatus(String name, Pod withStatus) {
        client.pods().inNamespace(namespace).withName(name).editStatus(p -> new PodBuilder(p)
                .withStatus(withStatus.getStatus()).build());
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        loop.interrupt();
        loop.join(5000);
        running.values().forEach(Process::destroyForcibly);
        for (Process p : running.values()) {
            p.waitFor();
        }
    }
}
