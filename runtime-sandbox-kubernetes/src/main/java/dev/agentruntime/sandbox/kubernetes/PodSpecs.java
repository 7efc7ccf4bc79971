package dev.agentruntime.sandbox.kubernetes;

import dev.agentruntime.sandbox.SandboxSpec;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.Map;

/** The Pod of a sandbox, and how to read its state. */
final class PodSpecs {

    static final String CONTAINER = "runtime";

    private PodSpecs() {
    }

    /**
     * One container of the image, its server arguments, the API key from the Secret, the spec's resources as both
     * requests and limits (a Guaranteed pod when both are set), a readiness probe on {@code /alive}, an
     * {@code emptyDir} workspace, and no restarts: a sandbox that ended is gone, as a Docker one is.
     */
    static Pod pod(String name, Map<String, String> labels, SandboxSpec spec) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec()
                    .withRestartPolicy("Never")
                    .withTerminationGracePeriodSeconds(10L)
                    .withAutomountServiceAccountToken(false)
                    .addNewContainer()
                        .withName(CONTAINER).withImage(spec.image()).withImagePullPolicy("IfNotPresent")
                        .withArgs(spec.serverArgs().isEmpty() ? null : spec.serverArgs())
                        .withEnv(KubernetesSandboxes.env(name, spec.env()))
                        .addNewPort().withName("http").withContainerPort(spec.port()).withProtocol("TCP").endPort()
                        .withResources(KubernetesSandboxes.resources(spec).build())
                        .withNewReadinessProbe()
                            .withNewHttpGet().withPath("/alive").withNewPort(spec.port()).endHttpGet()
                            .withPeriodSeconds(1).withFailureThreshold(3).withTimeoutSeconds(2)
                        .endReadinessProbe()
                        .addNewVolumeMount().withName("workspace").withMountPath("/workspace").endVolumeMount()
                    .endContainer()
                    .addNewVolume().withName("workspace").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
                .build();
    }

    /** Whether the Pod's {@code Ready} condition is true. */
    static boolean ready(Pod p) {
        if (p.getStatus() == null || p.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition c : p.getStatus().getConditions()) {
            if ("Ready".equals(c.getType()) && "True".equals(c.getStatus())) {
                return true;
            }
        }
        return false;
    }

    /** How the Pod ended ({@code Failed} or {@code Succeeded}, with its container's exit), or null. */
    static String howEnded(Pod p) {
        String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
        if (!"Failed".equals(phase) && !"Succeeded".equals(phase)) {
            return null;
        }
        StringBuilder how = new StringBuilder("its pod " + p.getMetadata().getName() + " " + phase.toLowerCase());
        if (p.getStatus().getContainerStatuses() != null) {
            for (ContainerStatus cs : p.getStatus().getContainerStatuses()) {
                if (cs.getState() != null && cs.getState().getTerminated() != null) {
                    var t = cs.getState().getTerminated();
                    how.append(" with exit code ").append(t.getExitCode());
                    if (t.getReason() != null) {
                        how.append(" (").append(t.getReason()).append(")");
                    }
                }
            }
        }
        if (p.getStatus().getReason() != null) {
            how.append(": ").append(p.getStatus().getReason());
        }
        return how.toString();
    }
}
