package dev.agentruntime.springai;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code agent-runtime.*}: where the agent's actions run, and which tools its model is offered.
 *
 * <pre>
 * agent-runtime.mode=in-process          # the default: this JVM, in agent-runtime.working-directory
 * agent-runtime.working-directory=work
 * agent-runtime.mode=remote              # a server started elsewhere
 * agent-runtime.url=http://sandbox:8000
 * agent-runtime.api-key=...
 * agent-runtime.mode=docker              # a fresh container of the image, removed with the context
 * agent-runtime.docker.image=agent-runtime
 * agent-runtime.docker.memory-mib=2048
 * agent-runtime.docker.cpus=2
 * agent-runtime.tools=execute_bash,str_replace_editor
 * </pre>
 */
@ConfigurationProperties("agent-runtime")
public class AgentRuntimeProperties {

    /** Where actions run. */
    public enum Mode {
        /** In this JVM, with the capability modules on the class path (a shell at least). */
        IN_PROCESS,
        /** On a runtime server started elsewhere ({@code url}, {@code api-key}). */
        REMOTE,
        /** In a Docker container of the sandbox image, started with the context and removed with it. */
        DOCKER
    }

    private Mode mode = Mode.IN_PROCESS;
    /** In-process: the agent's working directory, created when missing. */
    private Path workingDirectory = Path.of("workspace");
    /** In-process: the account commands run as (this process's when empty; another needs a root process). */
    private String user;
    /** Remote: the server's address. */
    private URI url;
    /** Remote: its API key ({@code X-Session-API-Key}), when it requires one. */
    private String apiKey;
    /** The tools offered by name ({@code execute_bash}, ...); empty: every tool the runtime serves. */
    private List<String> tools = List.of();
    /** A named bash session for the model's commands; empty: the runtime's main session. */
    private String session;
    private final Docker docker = new Docker();

    /** {@code agent-runtime.docker.*}. */
    public static class Docker {
        /** The sandbox image. */
        private String image = "agent-runtime";
        /** The Docker daemon, e.g. {@code unix:///var/run/docker.sock}; empty: the environment's. */
        private String host;
        /** Memory limit in MiB; 0: none. */
        private long memoryMib;
        /** CPU limit; 0: none. */
        private double cpus;
        /** How long the container may take to answer. */
        private Duration startTimeout = Duration.ofSeconds(60);

        public String getImage() {
            return image;
        }

        public void setImage(String image) {
            this.image = image;
        }

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public long getMemoryMib() {
            return memoryMib;
        }

        public void setMemoryMib(long memoryMib) {
            this.memoryMib = memoryMib;
        }

        public double getCpus() {
            return cpus;
        }

        public void setCpus(double cpus) {
            this.cpus = cpus;
        }

        public Duration getStartTimeout() {
            return startTimeout;
        }

        public void setStartTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
        }
    }

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public Path getWorkingDirectory() {
        return workingDirectory;
    }

    public void setWorkingDirectory(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public URI getUrl() {
        return url;
    }

    public void setUrl(URI url) {
        this.url = url;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public List<String> getTools() {
        return tools;
    }

    public void setTools(List<String> tools) {
        this.tools = tools;
    }

    public String getSession() {
        return session;
    }

    public void setSession(String session) {
        this.session = session;
    }

    public Docker getDocker() {
        return docker;
    }
}
