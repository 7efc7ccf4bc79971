package dev.agentruntime.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentEnvironmentTest {

    static final SandboxUser ROOT = new SandboxUser("root", 0, 0, Path.of("/root"), "/bin/bash");
    static final SandboxUser AGENT = new SandboxUser("openhands", 1000, 0, Path.of("/home/openhands"), "/bin/bash");

    static Map<String, String> server() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/root/.cargo/bin:/usr/local/bin:/usr/bin:/root/.pyenv/shims:/bin");
        env.put("HOME", "/root");
        env.put("USER", "root");
        env.put("LOGNAME", "root");
        env.put("SHELL", "/bin/zsh");
        env.put("MAIL", "/var/mail/root");
        env.put("PYENV_ROOT", "/root/.pyenv");
        env.put("SUDO_USER", "admin");
        env.put("LANG", "C.UTF-8");
        env.put("SANDBOX_ENV_GITHUB_TOKEN", "ghp_for_the_agent");
        env.put("PIP_BREAK_SYSTEM_PACKAGES", "1");
        env.put("SESSION_API_KEY", "s3cret");
        env.put("COPY_OF_THE_KEY", "s3cret");
        env.put("DEPLOYER_TOKEN", "t");
        env.put("OTHER_TOKEN", "u");
        env.put(AgentEnvironment.PRIVATE, "DEPLOYER_TOKEN, OTHER_TOKEN");
        env.put("MALLOC_ARENA_MAX", "2");
        env.put(JvmOnlyEnvironment.NAMES, "MALLOC_ARENA_MAX");
        env.put("PS1", "# ");
        env.put("PROMPT_COMMAND", "history -a");
        return env;
    }

    @Test
    void anotherAccountGetsNoSecretAndNothingOfTheServerAccount() {
        Map<String, String> env = AgentEnvironment.build(server(), AGENT, ROOT, List.of("SESSION_API_KEY"),
                List.of("s3cret"));

        assertThat(env).containsEntry("PATH", "/usr/local/bin:/usr/bin:/bin")
                .containsEntry("HOME", "/home/openhands").containsEntry("USER", "openhands")
                .containsEntry("LOGNAME", "openhands").containsEntry("SHELL", "/bin/bash")
                .containsEntry("LANG", "C.UTF-8").containsEntry("SANDBOX_ENV_GITHUB_TOKEN", "ghp_for_the_agent")
                .containsEntry("PIP_BREAK_SYSTEM_PACKAGES", "1")
                .doesNotContainKeys("SESSION_API_KEY", "COPY_OF_THE_KEY", "DEPLOYER_TOKEN", "OTHER_TOKEN",
                        AgentEnvironment.PRIVATE, "MALLOC_ARENA_MAX", JvmOnlyEnvironment.NAMES, "PS1",
                        "PROMPT_COMMAND", "MAIL", "PYENV_ROOT", "SUDO_USER");
        assertThat(AgentEnvironment.removed(server(), env)).containsExactlyInAnyOrder("COPY_OF_THE_KEY", "DEPLOYER_TOKEN",
                "MAIL", "MALLOC_ARENA_MAX", JvmOnlyEnvironment.NAMES, "OTHER_TOKEN", AgentEnvironment.PRIVATE,
                "PROMPT_COMMAND", "PS1", "PYENV_ROOT", "SESSION_API_KEY", "SUDO_USER");
    }

    @Test
    void theSameAccountKeepsItsOwnSettingsButNoSecret() {
        Map<String, String> env = AgentEnvironment.build(server(), ROOT, ROOT, List.of("SESSION_API_KEY"),
                List.of("s3cret"));

        assertThat(env).containsEntry("PATH", server().get("PATH")).containsEntry("HOME", "/root")
                .containsEntry("PYENV_ROOT", "/root/.pyenv").containsEntry("SHELL", "/bin/zsh")
                .doesNotContainKeys("SESSION_API_KEY", "COPY_OF_THE_KEY", "DEPLOYER_TOKEN", "PS1");
    }

    @Test
    void aServerAccountHomedAtTheRootRemovesNoPath() {
        SandboxUser daemon = new SandboxUser("daemon", 1, 1, Path.of("/"), "/usr/sbin/nologin");
        Map<String, String> env = AgentEnvironment.build(Map.of("PATH", "/usr/bin:/bin", "DATA", "/srv/data"), AGENT,
                daemon, List.of(), List.of());

        assertThat(env).containsEntry("PATH", "/usr/bin:/bin").containsEntry("DATA", "/srv/data");
    }

    @Test
    void aHomeThatIsOnlyAPrefixOfAPathIsNotInsideIt() {
        Map<String, String> env = AgentEnvironment.build(Map.of("PATH", "/rootfs/bin:/root:/root/bin",
                "TOOLS", "/rootless/tools"), AGENT, ROOT, List.of(), List.of());

        assertThat(env).containsEntry("PATH", "/rootfs/bin").containsEntry("TOOLS", "/rootless/tools");
    }
}
