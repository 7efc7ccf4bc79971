package dev.agentruntime.sandbox.kubernetes;

import dev.agentruntime.sandbox.Sandbox;
import dev.agentruntime.sandbox.SandboxException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;

/** One sandbox's Pod and Secret: their state, the Pod's log, the port-forward to it, and their deletion. */
final class KubernetesPod implements Sandbox.Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesPod.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private volatile LocalPortForward forward;

    KubernetesPod(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
    }

    String name() {
        return name;
    }

    void forwardedThrough(LocalPortForward forward) {
        this.forward = forward;
    }

    @Override
    public String howEnded() {
        Pod p;
        try {
            p = client.pods().inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            return null; // the API server cannot tell; do not claim the sandbox ended
        }
        if (p == null) {
            return "its pod " + name + " was deleted";
        }
        if (p.getMetadata().getDeletionTimestamp() != null) {
            return "its pod " + name + " is being deleted";
        }
        return PodSpecs.howEnded(p);
    }

    /** A failed start: the reason, that the Pod was removed, and the end of its log. Deletes the Pod. */
    SandboxException startFailure(String reason) {
        String log = logTail(40);
        destroy();
        return new SandboxException("sandbox " + name + " in namespace " + namespace + " failed to start: " + reason
                + "; it was removed. The end of its log:\n" + log);
    }

    String logTail(int lines) {
        try {
            String log = client.pods().inNamespace(namespace).withName(name).inContainer(PodSpecs.CONTAINER)
                    .tailingLines(lines).getLog();
            return log == null || log.isEmpty() ? "(its log is empty)" : log;
        } catch (KubernetesClientException e) {
            return "(its log could not be read: " + e.getMessage() + ")";
        }
    }

    /** Closes the port-forward and deletes the Pod and its Secret; never throws. */
    @Override
    public void destroy() {
        // Cleanup must happen even on an interrupted thread (a pool closing mid-start): the clients' I/O would fail.
        boolean interrupted = Thread.interrupted();
        try {
            removeAll();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void removeAll() {
        LocalPortForward f = forward;
        if (f != null) {
            try {
                f.close();
            } catch (IOException e) {
                LOG.debug("closing the port-forward to " + name, e);
            }
        }
        try {
            client.pods().inNamespace(namespace).withName(name).delete();
        } catch (KubernetesClientException e) {
            LOG.warn("deleting pod " + name + ": " + e.getMessage());
        }
        try {
            client.secrets().inNamespace(namespace).withName(name).delete();
        } catch (KubernetesClientException e) {
            LOG.warn("deleting secret " + name + ": " + e.getMessage());
        }
    }
}
