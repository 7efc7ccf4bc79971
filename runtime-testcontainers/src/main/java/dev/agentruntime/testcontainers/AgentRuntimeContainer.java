package dev.agentruntime.testcontainers;

import dev.agentruntime.core.AgentRuntime;
import dev.agentruntime.core.RemoteRuntime;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The agent-runtime sandbox image as a Testcontainers container: it starts with a fresh API key (or yours), is ready
 * once {@code /alive} answers, and hands out an {@link AgentRuntime} connected to it.
 *
 * <pre>{@code
 * @Container
 * static AgentRuntimeContainer sandbox = new AgentRuntimeContainer("agent-runtime");
 *
 * @Test
 * void runsInTheSandbox() {
 *     Observation o = sandbox.runtime().execute(Actions.run("python3 --version"));
 * }
 * }</pre>
 *
 * The image's own command serves as OpenHands runs it (user {@code openhands}, working directory
 * {@code /workspace}, the Jupyter and agent-skills plugins). {@code DockerSandboxes} in {@code runtime-sandbox-docker}
 * does the same without Testcontainers, lean enough for a pool of sandboxes.
 *
 * @see <a href="https://java.testcontainers.org/">Testcontainers</a>
 */
public class AgentRuntimeContainer extends GenericContainer<AgentRuntimeContainer> {

    /** The port the server listens on in the container. */
    public static final int PORT = 8000;
    /** The image built from this repository ({@code bin/build-image}). */
    public static final String DEFAULT_IMAGE = "agent-runtime";

    private static final SecureRandom RANDOM = new SecureRandom();

    private String apiKey;
    private RemoteRuntime runtime;

    /** The default image, {@value #DEFAULT_IMAGE}. */
    public AgentRuntimeContainer() {
        this(DEFAULT_IMAGE);
    }

    public AgentRuntimeContainer(String image) {
        this(DockerImageName.parse(image));
    }

    public AgentRuntimeContainer(DockerImageName image) {
        super(image);
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        this.apiKey = HexFormat.of().formatHex(key);
        withExposedPorts(PORT);
        waitingFor(Wait.forHttp("/alive").forPort(PORT).forStatusCode(200)
                .withStartupTimeout(Duration.ofMinutes(2)));
    }

    /** The API key the server requires (default: a fresh random one). */
    public AgentRuntimeContainer withApiKey(String key) {
        this.apiKey = Objects.requireNonNull(key, "key");
        return self();
    }

    @Override
    protected void configure() {
        super.configure();
        withEnv("SESSION_API_KEY", apiKey);
    }

    /** The API key the server requires. */
    public String getApiKey() {
        return apiKey;
    }

    /** Where the server answers from the test, e.g. {@code http://localhost:32768}. */
    public URI getRuntimeUri() {
        return URI.create("http://" + getHost() + ":" + getMappedPort(PORT));
    }

    /** A runtime connected to the started container; the same one each time, closed when the container stops. */
    public synchronized AgentRuntime runtime() {
        if (runtime == null) {
            runtime = RemoteRuntime.builder(getRuntimeUri()).apiKey(apiKey).build();
        }
        return runtime;
    }

    @Override
    public void stop() {
        synchronized (this) {
            if (runtime != null) {
                runtime.close();
                runtime = null;
            }
        }
        super.stop();
    }
}
