package dev.agentruntime.sandbox.docker;

import dev.agentruntime.sandbox.Sandbox;
import dev.agentruntime.sandbox.SandboxException;
import dev.agentruntime.sandbox.SandboxOwner;
import dev.agentruntime.sandbox.SandboxProvider;
import dev.agentruntime.sandbox.SandboxSpec;
import dev.agentruntime.sandbox.spi.ApiKeys;
import dev.agentruntime.sandbox.spi.Readiness;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.agentruntime.core.RemoteRuntime;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sandboxes as Docker containers of the agent-runtime image, through docker-java. Each container gets a random host
 * port on {@code 127.0.0.1} (configurable), a fresh API key, the spec's CPU and memory limits, the workspace folder
 * when one is given, and labels that name this JVM as its owner. Thread-safe.
 *
 * <pre>{@code
 * try (DockerSandboxes docker = DockerSandboxes.connect();
 *      Sandbox sandbox = docker.start(SandboxSpec.defaults())) {
 *     sandbox.execute(new CmdRunAction("whoami"));   // openhands
 * }
 * }</pre>
 */
public final class DockerSandboxes implements SandboxProvider {

    private static final Logger LOG = LoggerFactory.getLogger(DockerSandboxes.class);
    /** The time a server is given to end its processes on {@code close()} before Docker kills it. */
    private static final int STOP_SECONDS = 10;

    private final DockerClient docker;
    private final String dockerHost;
    private final String publishAddress;
    private final Set<Sandbox> open = ConcurrentHashMap.newKeySet();

    private DockerSandboxes(DockerClient docker, String dockerHost, String publishAddress) {
        this.docker = docker;
        this.dockerHost = dockerHost;
        this.publishAddress = publishAddress;
    }

    /** The daemon that {@code DOCKER_HOST} names, or the local socket; ports published on {@code 127.0.0.1}. */
    public static DockerSandboxes connect() {
        return connect(DefaultDockerClientConfig.createDefaultConfigBuilder().build().getDockerHost().toString(),
                "127.0.0.1");
    }

    /**
     * A daemon at {@code dockerHost} (e.g. {@code unix:///var/run/docker.sock} or {@code tcp://host:2375}), with
     * the sandboxes' ports published on {@code publishAddress}, the address this JVM reaches them at. Connects
     * lazily: an unreachable daemon fails the first {@link #start}.
     */
    public static DockerSandboxes connect(String dockerHost, String publishAddress) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost).build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig()).maxConnections(64)
                .connectionTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofSeconds(120)).build();
        return new DockerSandboxes(DockerClientImpl.getInstance(config, http), dockerHost, publishAddress);
    }

    /** Whether the daemon answers a ping. */
    public boolean available() {
        try {
            docker.pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public Sandbox start(SandboxSpec spec) {
        String apiKey = ApiKeys.fresh();
        String name = "agent-runtime-" + ApiKeys.shortId();
        String id;
        try {
            id = create(spec, name, apiKey);
        } catch (RuntimeException e) {
            if (!(e.getCause() instanceof NotFoundException)) { // an unknown image makes no container
                removeCreated(name);
            }
            throw e;
        }
        DockerContainer container = new DockerContainer(docker, id, name, STOP_SECONDS);
        try {
            docker.startContainerCmd(id).exec();
            URI uri = URI.create("http://" + publishAddress + ":" + hostPort(id, spec.port()));
            RemoteRuntime remote = RemoteRuntime.builder(uri).apiKey(apiKey).build();
            String notReady = Readiness.await(remote, spec.startTimeout(), container::howEnded);
            if (notReady != null) {
                throw new SandboxException("sandbox " + name + " from image " + spec.image() + " failed to start: "
                        + notReady + "; it was removed. The end of its log:\n" + container.logTail(40));
            }
            Sandbox sandbox = Sandbox.of(name, uri, apiKey, remote, container, open::remove);
            open.add(sandbox);
            LOG.debug("started {} at {}", name, uri);
            return sandbox;
        } catch (InterruptedException e) {
            container.destroy();
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while starting sandbox " + name);
        } catch (RuntimeException e) {
            container.destroy();
            throw e instanceof SandboxException se ? se : failure("start sandbox " + name, e);
        }
    }

    private String create(SandboxSpec spec, String name, String apiKey) {
        ExposedPort port = ExposedPort.tcp(spec.port());
        HostConfig host = HostConfig.newHostConfig()
                .withPortBindings(new PortBinding(Ports.Binding.bindIp(publishAddress), port));
        if (spec.cpus() > 0) {
            host.withNanoCPUs((long) (spec.cpus() * 1e9));
        }
        if (spec.memoryBytes() > 0) {
            host.withMemory(spec.memoryBytes()).withMemorySwap(spec.memoryBytes());
        }
        if (spec.workspace() != null) {
            host.withBinds(new Bind(spec.workspace().toAbsolutePath().toString(), new Volume("/workspace")));
        }
        List<String> env = new ArrayList<>();
        env.add("SESSION_API_KEY=" + apiKey);
        spec.env().forEach((k, v) -> env.add(k + "=" + v));
        Map<String, String> labels = new LinkedHashMap<>(spec.labels());
        labels.putAll(SandboxOwner.current().labels());
        CreateContainerCmd cmd = docker.createContainerCmd(spec.image()).withName(name).withLabels(labels)
                .withEnv(env).withExposedPorts(port).withHostConfig(host);
        if (!spec.serverArgs().isEmpty()) {
            cmd.withCmd(spec.serverArgs());
        }
        try {
            return cmd.exec().getId();
        } catch (NotFoundException e) {
            throw new SandboxException("image " + spec.image() + " not found on the Docker daemon at " + dockerHost
                    + ": build it with bin/build-image or pull it", e);
        } catch (RuntimeException e) {
            throw failure("create a container from " + spec.image(), e);
        }
    }

    /**
     * A create that failed on this side (the thread interrupted by a closing pool, a dropped connection) may still
     * have made the container, or be making it: looks for it by its name, which no other sandbox has, for up to a
     * second, and removes it.
     */
    private void removeCreated(String name) {
        boolean interrupted = Thread.interrupted(); // the client's I/O fails on an interrupted thread
        try {
            for (int attempt = 0; attempt < 10; attempt++) {
                if (!docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(name)).exec().isEmpty()) {
                    new DockerContainer(docker, name, name, 0).destroy();
                    return;
                }
                Thread.sleep(100);
            }
        } catch (RuntimeException e) {
            LOG.debug("looking for a half-created " + name, e);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String hostPort(String id, int containerPort) {
        InspectContainerResponse inspect = docker.inspectContainerCmd(id).exec();
        Ports.Binding[] bindings = inspect.getNetworkSettings().getPorts().getBindings()
                .get(ExposedPort.tcp(containerPort));
        if (bindings == null || bindings.length == 0) {
            throw new SandboxException("Docker published no host port for the container's port " + containerPort);
        }
        return bindings[0].getHostPortSpec();
    }

    @Override
    public int reap() {
        List<Container> ours;
        try {
            ours = docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(SandboxOwner.SANDBOX_LABEL, "true")).exec();
        } catch (RuntimeException e) {
            throw failure("list containers", e);
        }
        int removed = 0;
        for (Container c : ours) {
            boolean leftover = SandboxOwner.fromLabels(c.getLabels()).map(SandboxOwner::endedOnThisHost).orElse(false);
            if (leftover) {
                LOG.info("removing leftover sandbox {} ({})",
                        String.join(",", c.getNames()), c.getStatus());
                new DockerContainer(docker, c.getId(), c.getId(), 0).destroy();
                removed++;
            }
        }
        return removed;
    }

    /** Closes every open sandbox of this provider, then the Docker client. */
    @Override
    public void close() {
        for (Sandbox s : List.copyOf(open)) {
            s.close();
        }
        try {
            docker.close();
        } catch (java.io.IOException e) {
            LOG.debug("closing the Docker client", e);
        }
    }

    /** A Docker failure as a {@link SandboxException}; an unreachable daemon says where it was looked for. */
    private SandboxException failure(String what, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return new SandboxException("cannot reach the Docker daemon at " + dockerHost + " to " + what + ": "
                        + t.getMessage() + " (is dockerd running? docker info tells)", e);
            }
        }
        return new SandboxException("Docker failed to " + what + ": " + e.getMessage(), e);
    }
}
