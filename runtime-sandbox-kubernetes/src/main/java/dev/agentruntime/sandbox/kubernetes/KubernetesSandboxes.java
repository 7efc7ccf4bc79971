package dev.agentruntime.sandbox.kubernetes;

import dev.agentruntime.sandbox.Sandbox;
import dev.agentruntime.sandbox.SandboxException;
import dev.agentruntime.sandbox.SandboxOwner;
import dev.agentruntime.sandbox.SandboxProvider;
import dev.agentruntime.sandbox.SandboxSpec;
import dev.agentruntime.sandbox.spi.ApiKeys;
import dev.agentruntime.sandbox.spi.Readiness;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.agentruntime.core.RemoteRuntime;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Sandboxes as Kubernetes Pods of the agent-runtime image, through the fabric8 client: one Pod and one Secret (its API
 * key) per sandbox, with the spec's resources as requests and limits, a readiness probe on {@code /alive}, and labels
 * that name this process as the owner. The sandbox is reached through a port-forward from outside the cluster or at
 * the Pod's IP from inside it ({@link Access}). {@code close()} deletes the Pod and the Secret. A host folder
 * ({@link SandboxSpec#workspace()}) is not mounted: the workspace is the Pod's own {@code emptyDir}. Thread-safe.
 */
public final class KubernetesSandboxes implements SandboxProvider {

    /** How this process reaches a sandbox's server. */
    public enum Access {
        /** A port-forward through the API server: works from outside the cluster. */
        PORT_FORWARD,
        /** The Pod's IP and the container's port: for a process that runs inside the cluster. */
        POD_IP;

        /** {@link #POD_IP} inside a cluster (where {@code KUBERNETES_SERVICE_HOST} is set), else a port-forward. */
        static Access detect() {
            return System.getenv("KUBERNETES_SERVICE_HOST") != null ? POD_IP : PORT_FORWARD;
        }
    }

    static final String API_KEY_ENTRY = "api-key";
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesSandboxes.class);

    private final KubernetesClient client;
    private final boolean ownsClient;
    private final String namespace;
    private final Access access;
    private final Set<Sandbox> open = ConcurrentHashMap.newKeySet();

    private KubernetesSandboxes(KubernetesClient client, boolean ownsClient, String namespace, Access access) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.namespace = namespace;
        this.access = access;
    }

    /** The cluster of the current kubeconfig (or the in-cluster service account), in its namespace. */
    public static KubernetesSandboxes connect() {
        KubernetesClient client = new KubernetesClientBuilder().build();
        return new KubernetesSandboxes(client, true, namespaceOf(client), Access.detect());
    }

    /**
     * Sandboxes through a client the caller owns (and closes), in {@code namespace} (null: the client's), reached
     * with {@code access} (null: a port-forward outside a cluster, the Pod's IP inside one).
     */
    public static KubernetesSandboxes using(KubernetesClient client, String namespace, Access access) {
        Objects.requireNonNull(client, "client");
        return new KubernetesSandboxes(client, false, namespace == null ? namespaceOf(client) : namespace,
                access == null ? Access.detect() : access);
    }

    private static String namespaceOf(KubernetesClient client) {
        return client.getNamespace() == null ? "default" : client.getNamespace();
    }

    @Override
    public Sandbox start(SandboxSpec spec) {
        String name = "agent-runtime-" + ApiKeys.shortId();
        String apiKey = ApiKeys.fresh();
        Map<String, String> labels = new LinkedHashMap<>(spec.labels());
        labels.putAll(SandboxOwner.current().labels());
        KubernetesPod pod = new KubernetesPod(client, namespace, name);
        try {
            Secret secret = client.secrets().inNamespace(namespace).resource(new SecretBuilder()
                    .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                    .withType("Opaque").addToStringData(API_KEY_ENTRY, apiKey).build()).create();
            Pod created = client.pods().inNamespace(namespace).resource(PodSpecs.pod(name, labels, spec)).create();
            // The Secret goes with its Pod, even when the Pod is deleted by someone else.
            client.secrets().inNamespace(namespace).withName(secret.getMetadata().getName()).edit(s -> {
                s.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("v1")
                        .withKind("Pod").withName(name).withUid(created.getMetadata().getUid()).build()));
                return s;
            });
            Pod ready = awaitReady(pod, spec.startTimeout());
            URI uri = connectTo(pod, ready, spec.port());
            RemoteRuntime remote = RemoteRuntime.builder(uri).apiKey(apiKey).build();
            String notAnswering = Readiness.await(remote, Duration.ofSeconds(10), pod::howEnded);
            if (notAnswering != null) {
                throw pod.startFailure("it was ready, but " + notAnswering);
            }
            Sandbox sandbox = Sandbox.of(name, uri, apiKey, remote, pod, open::remove);
            open.add(sandbox);
            return sandbox;
        } catch (InterruptedException e) {
            pod.destroy();
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while starting sandbox " + name);
        } catch (SandboxException e) {
            pod.destroy();
            throw e;
        } catch (KubernetesClientException e) {
            pod.destroy();
            throw new SandboxException("Kubernetes failed to start sandbox " + name + " in namespace " + namespace
                    + " at " + client.getMasterUrl() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            pod.destroy();
            throw new SandboxException("cannot start sandbox " + name + " on Kubernetes at " + client.getMasterUrl()
                    + ": " + e, e);
        }
    }

    private Pod awaitReady(KubernetesPod pod, Duration timeout) {
        Pod p;
        try {
            p = client.pods().inNamespace(namespace).withName(pod.name()).waitUntilCondition(
                    x -> x == null || PodSpecs.ready(x) || PodSpecs.howEnded(x) != null,
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (KubernetesClientTimeoutException e) {
            throw pod.startFailure("it did not become ready within " + timeout.toMillis() / 1000.0 + " s");
        }
        if (p == null) {
            throw pod.startFailure("its pod was deleted while it started");
        }
        String ended = PodSpecs.howEnded(p);
        if (ended != null) {
            throw pod.startFailure("it ended before answering: " + ended);
        }
        return p;
    }

    private URI connectTo(KubernetesPod pod, Pod ready, int port) {
        if (access == Access.POD_IP) {
            String ip = ready.getStatus().getPodIP();
            if (ip == null || ip.isEmpty()) {
                throw pod.startFailure("it is ready but has no Pod IP");
            }
            return URI.create("http://" + (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port);
        }
        LocalPortForward forward = client.pods().inNamespace(namespace).withName(pod.name()).portForward(port);
        pod.forwardedThrough(forward);
        return URI.create("http://127.0.0.1:" + forward.getLocalPort());
    }

    @Override
    public int reap() {
        try {
            List<String> leftovers = new ArrayList<>();
            for (Pod p : client.pods().inNamespace(namespace).withLabel(SandboxOwner.SANDBOX_LABEL, "true").list()
                    .getItems()) {
                if (SandboxOwner.fromLabels(p.getMetadata().getLabels()).map(SandboxOwner::endedOnThisHost)
                        .orElse(false)) {
                    leftovers.add(p.getMetadata().getName());
                }
            }
            for (Secret s : client.secrets().inNamespace(namespace).withLabel(SandboxOwner.SANDBOX_LABEL, "true")
                    .list().getItems()) {
                String name = s.getMetadata().getName();
                if (!leftovers.contains(name) && SandboxOwner.fromLabels(s.getMetadata().getLabels())
                        .map(SandboxOwner::endedOnThisHost).orElse(false)) {
                    leftovers.add(name);
                }
            }
            for (String name : leftovers) {
                LOG.info("removing leftover sandbox {}", name);
                new KubernetesPod(client, namespace, name).destroy();
            }
            return leftovers.size();
        } catch (KubernetesClientException e) {
            throw new SandboxException("Kubernetes failed to list sandboxes in namespace " + namespace + " at "
                    + client.getMasterUrl() + ": " + e.getMessage(), e);
        }
    }

    /** Closes every open sandbox of this provider, then the client when this provider made it. */
    @Override
    public void close() {
        for (Sandbox s : List.copyOf(open)) {
            s.close();
        }
        if (ownsClient) {
            client.close();
        }
    }

    static List<EnvVar> env(String secretName, Map<String, String> extra) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVarBuilder().withName("SESSION_API_KEY").withNewValueFrom().withNewSecretKeyRef()
                .withName(secretName).withKey(API_KEY_ENTRY).endSecretKeyRef().endValueFrom().build());
        extra.forEach((k, v) -> env.add(new EnvVar(k, v, null)));
        return env;
    }

    static ResourceRequirementsBuilder resources(SandboxSpec spec) {
        Map<String, Quantity> amounts = new LinkedHashMap<>();
        if (spec.cpus() > 0) {
            amounts.put("cpu", new Quantity(Math.round(spec.cpus() * 1000) + "m"));
        }
        if (spec.memoryBytes() > 0) {
            amounts.put("memory", new Quantity(Long.toString(spec.memoryBytes())));
        }
        return new ResourceRequirementsBuilder().withRequests(amounts).withLimits(amounts);
    }
}
