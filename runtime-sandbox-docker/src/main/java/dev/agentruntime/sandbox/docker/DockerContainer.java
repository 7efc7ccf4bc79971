package dev.agentruntime.sandbox.docker;

import dev.agentruntime.sandbox.Sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** One sandbox's container: its state as the daemon sees it, its log, and its removal. */
final class DockerContainer implements Sandbox.Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DockerContainer.class);

    private final DockerClient docker;
    private final String id;
    private final String name;
    private final int stopSeconds;

    DockerContainer(DockerClient docker, String id, String name, int stopSeconds) {
        this.docker = docker;
        this.id = id;
        this.name = name;
        this.stopSeconds = stopSeconds;
    }

    @Override
    public String howEnded() {
        InspectContainerResponse.ContainerState state;
        try {
            state = docker.inspectContainerCmd(id).exec().getState();
        } catch (NotFoundException e) {
            return "its container " + name + " was removed";
        } catch (RuntimeException e) {
            return null; // the daemon cannot tell; do not claim the sandbox ended
        }
        if (Boolean.TRUE.equals(state.getRunning())) {
            return null;
        }
        Long code = state.getExitCodeLong();
        String how = "its container " + name + " " + state.getStatus()
                + (code == null ? "" : " with exit code " + code);
        if (Boolean.TRUE.equals(state.getOOMKilled())) {
            how += " (killed for using more than its memory limit)";
        } else if (state.getError() != null && !state.getError().isEmpty()) {
            how += " (" + state.getError() + ")";
        }
        return how;
    }

    /** The last {@code lines} lines of the container's output, or a note that there is none. */
    String logTail(int lines) {
        StringBuilder log = new StringBuilder();
        try {
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(lines)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            log.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            return "(its log could not be read: " + e.getMessage() + ")";
        }
        return log.length() == 0 ? "(its log is empty)" : log.toString();
    }

    /** Stops the container (SIGTERM, then SIGKILL after the stop time) and removes it; never throws. */
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
        try {
            docker.stopContainerCmd(id).withTimeout(stopSeconds).exec();
        } catch (NotModifiedException | NotFoundException e) {
            // already stopped, or already gone
        } catch (RuntimeException e) {
            LOG.warn("stopping container " + name + ": " + e.getMessage());
        }
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (RuntimeException e) {
            LOG.warn("removing container " + name + ": " + e.getMessage());
        }
    }
}
