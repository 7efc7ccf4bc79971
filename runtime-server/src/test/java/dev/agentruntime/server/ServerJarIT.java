package dev.agentruntime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.core.spi.SandboxUser;
import dev.agentruntime.core.testing.TestUsers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The fat jar as a sandbox image runs it: start, serve, and leave no process behind on SIGTERM. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerJarIT {

    @TempDir
    Path dir;

    @Test
    void startsServesAndEndsEveryChildOnSigterm() throws Exception {
        Path jar = Path.of("target/runtime-server.jar").toAbsolutePath();
        assertThat(jar).exists();
        Process server = new ProcessBuilder("java", "-jar", jar.toString(), "0", "--working-dir", dir.toString(),
                "--host", "127.0.0.1", "--no-enable-browser").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            int port = readPort(server);
            HttpFixture http = new HttpFixture(port, null);
            assertThat(http.get("/alive").status()).isEqualTo(200);
            assertThat(Files.getPosixFilePermissions(dir)).as("chmod g+rw, as the Python client does")
                    .contains(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE);

            String out = http.post("/execute_action", "{\"action\":{\"action\":\"run\",\"args\":{\"command\":"
                    + "\"sleep 300 & echo $!\",\"is_input\":false}}}").json().get("content").asText();
            long sleeper = Long.parseLong(out.lines().reduce((a, b) -> b).orElseThrow().trim());
            assertThat(ProcessHandle.of(sleeper)).isPresent();

            server.destroy(); // SIGTERM

            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false)
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void unknownPluginExitsWithAMessage() throws Exception {
        Path jar = Path.of("target/runtime-server.jar").toAbsolutePath();
        Process p = new ProcessBuilder("java", "-jar", jar.toString(), "0", "--working-dir", dir.toString(),
                "--plugins", "wizard").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).startsWith("error: Plugin wizard not found");
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void aUidHeldByAnotherAccountGivesTheNewUserAFreeOneAndOneWarning() throws Exception {
        SandboxUser holder = TestUsers.sandboxUser(); // skips unless root
        String name = "arnewuid";
        TestUsers.exec(List.of("userdel", "-r", name));
        Path log = dir.resolve("server.log");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process server = new ProcessBuilder("java", "-jar", jar().toString(), "0", "--working-dir",
                dir.resolve("ws").toString(), "--host", "127.0.0.1", "--no-enable-browser", "--username", name,
                "--user-id", Integer.toString(holder.uid())).redirectError(log.toFile()).start();
        try {
            HttpFixture http = new HttpFixture(readPort(server), null);
            String uid = http.post("/execute_action", HttpFixture.run("id -un; id -u")).json().get("content").asText();

            SandboxUser created = SandboxUser.lookup(name).orElseThrow();
            assertThat(uid).isEqualTo(name + "\n" + created.uid());
            assertThat(created.uid()).isNotEqualTo(holder.uid());
            assertThat(Files.readAllLines(log)).filteredOn(l -> l.contains("WARNING")).singleElement().asString()
                    .endsWith("uid " + holder.uid() + " belongs to the user " + holder.name() + "; creating the user "
                            + name + " with uid " + created.uid() + " instead");
        } finally {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            TestUsers.exec(List.of("userdel", "-r", name));
            Files.deleteIfExists(Path.of("/etc/sudoers.d/agent-runtime-" + name)); // the rule the server wrote
        }
    }

    @Test
    void aUserThatCannotBeCreatedEndsTheServerAtOnceWithOneLine() throws Exception {
        TestUsers.sandboxUser(); // skips unless root: only root creates users
        long start = System.nanoTime();
        Process p = new ProcessBuilder("java", "-jar", jar().toString(), "0", "--working-dir",
                dir.resolve("ws").toString(), "--username", "no such user").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(out).isEmpty();
        assertThat(err.lines().toList()).singleElement().asString().startsWith("error: cannot create the user "
                + "'no such user': useradd: invalid user name 'no such user'");
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(15));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"SIGTERM", "SIGKILL"})
    void noChildProcessOutlivesTheServer(String signal) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")),
                "Chromium is not installed");
        Process server = new ProcessBuilder("java", "-jar", jar().toString(), "0", "--working-dir",
                dir.toString(), "--host", "127.0.0.1", "--browser-engine", "chromium", "--plugins", "jupyter")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            HttpFixture http = new HttpFixture(readPort(server), null);
            assertThat(http.get("/server_info").json().get("browser_engine").asText()).isEqualTo("chromium");
            String browsed = http.post("/execute_action", "{\"action\":{\"action\":\"browse\",\"args\":{\"url\":"
                    + "\"about:blank\",\"return_axtree\":false}}}").json().at("/extras/screenshot").asText();
            assertThat(browsed).startsWith("data:image/png;base64,");
            assertThat(http.post("/execute_action", "{\"action\":{\"action\":\"run_ipython\",\"args\":{\"code\":"
                    + "\"print(1)\"}}}").json().get("content").asText()).startsWith("1\n");
            http.post("/execute_action", HttpFixture.run("sleep 300 &"));
            // bash shows its prompt once it has forked the job; the fork may not have become sleep yet.
            List<ProcessHandle> children = server.toHandle().descendants().toList();
            for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); children.stream().noneMatch(
                    p -> p.info().commandLine().orElse("").contains("sleep 300")) && System.nanoTime() < until; ) {
                Thread.sleep(20);
                children = server.toHandle().descendants().toList();
            }
            assertThat(children).as("children: %s", children.stream().map(p -> p.info().commandLine().orElse("?"))
                    .toList()).anyMatch(p -> p.info().commandLine().orElse("").contains("agent-runtime-chromium-"))
                    .anyMatch(p -> p.info().commandLine().orElse("").contains("ipykernel_launcher"))
                    .anyMatch(p -> p.info().commandLine().orElse("").contains("sleep 300"));

            if (signal.equals("SIGTERM")) {
                server.destroy();
            } else {
                server.destroyForcibly();
            }

            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(children).noneMatch(ProcessHandle::isAlive);
        } finally {
            server.destroyForcibly();
        }
    }

    /**
     * Processes that leave the agent's session ({@code setsid}, a subshell's job, the jobs of a shell that was
     * killed) are adopted by the server rather than by init: reaped when they end, ended when the server is.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(TestUsers.As.class)
    void processesThatLeftTheSessionEndWithTheServer(TestUsers.As as) throws Exception {
        SandboxUser user = as.account();
        Path ws = TestUsers.workspace(Files.createDirectories(dir.resolve("escape-" + as)), user);
        List<String> command = new java.util.ArrayList<>(List.of("java", "-jar", jar().toString(), "0",
                "--working-dir", ws.toString(), "--host", "127.0.0.1", "--no-enable-browser"));
        if (!user.isProcessUser()) {
            command.addAll(List.of("--username", user.name()));
        }
        Process server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String tag = "77" + (10 + as.ordinal());
        try {
            HttpFixture http = new HttpFixture(readPort(server), null);
            http.post("/execute_action", HttpFixture.run("setsid sleep " + tag + "1 > /dev/null 2>&1 &"));
            http.post("/execute_action", HttpFixture.run("setsid bash -c 'sleep " + tag + "2' > /dev/null 2>&1 &"));
            http.post("/execute_action", HttpFixture.run("(sleep " + tag + "3 > /dev/null 2>&1 &)"));
            http.post("/execute_action", HttpFixture.run("setsid sh -c 'exit 0' &"));
            http.post("/execute_action", HttpFixture.run("sleep " + tag + "4 > /dev/null 2>&1 & kill -9 $$"));
            assertThat(http.post("/execute_action", HttpFixture.run("echo new shell")).json().get("content")
                    .asText()).endsWith("new shell");
            for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    processes("sleep " + tag).size() < 4 && System.nanoTime() < until; ) {
                Thread.sleep(50);
            }
            assertThat(processes("sleep " + tag)).as("the escapees").hasSize(4);
            for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    !zombieChildren(server.pid()).isEmpty() && System.nanoTime() < until; ) {
                Thread.sleep(100);
            }
            assertThat(zombieChildren(server.pid())).as("adopted children that ended are reaped").isEmpty();

            server.destroy();

            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
            for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    !processes("sleep " + tag).isEmpty() && System.nanoTime() < until; ) {
                Thread.sleep(50);
            }
            assertThat(processes("sleep " + tag)).as("left running after SIGTERM").isEmpty();
        } finally {
            server.destroyForcibly();
            for (ProcessHandle p : processes("sleep " + tag)) {
                p.destroyForcibly();
            }
        }
    }

    /** Live processes whose command line contains {@code text}. */
    private static List<ProcessHandle> processes(String text) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(text)
                && !isZombie(p.pid())).toList();
    }

    private static List<Long> zombieChildren(long parent) throws java.io.IOException {
        List<Long> zombies = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> all = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (f[0].equals("Z") && Long.parseLong(f[1]) == parent) {
                        zombies.add(Long.parseLong(name));
                    }
                } catch (java.io.IOException gone) {
                    // ended meanwhile
                }
            }
        }
        return zombies;
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (java.io.IOException e) {
            return true;
        }
    }

    @Test
    void chromiumAskedForButMissingEndsTheServerWithOneLine() throws Exception {
        Process p = new ProcessBuilder("java", "-jar", jar().toString(), "0", "--working-dir", dir.toString(),
                "--browser-engine", "chromium", "--chrome-path", "/nonexistent/chromium").start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(err.lines().toList()).containsExactly("error: --browser-engine chromium, but "
                + "/nonexistent/chromium is not executable");
    }

    /**
     * bin/serve and the image give the JVM two malloc arenas and name that variable as the JVM's own: the shell and
     * the kernel must not inherit it (an agent's build would run with two arenas), but they keep the rest.
     */
    @Test
    void variablesForTheJvmOnlyReachNeitherTheShellNorTheKernel() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", jar().toString(), "0", "--working-dir", dir.toString(),
                "--host", "127.0.0.1", "--no-enable-browser", "--plugins", "jupyter")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        pb.environment().put("AGENT_RUNTIME_JVM_ONLY_ENV", "MALLOC_ARENA_MAX");
        pb.environment().put("KEPT_FOR_THE_AGENT", "yes");
        Process server = pb.start();
        try {
            HttpFixture http = new HttpFixture(readPort(server), null);

            String shell = http.post("/execute_action", "{\"action\":{\"action\":\"run\",\"args\":{\"command\":"
                    + "\"echo ${MALLOC_ARENA_MAX:-unset} ${AGENT_RUNTIME_JVM_ONLY_ENV:-unset} $KEPT_FOR_THE_AGENT\","
                    + "\"is_input\":false}}}").json().get("content").asText();
            String kernel = http.post("/execute_action", "{\"action\":{\"action\":\"run_ipython\",\"args\":"
                    + "{\"code\":\"import os; print(os.environ.get('MALLOC_ARENA_MAX'), "
                    + "os.environ.get('KEPT_FOR_THE_AGENT'))\"}}}").json().get("content").asText();

            assertThat(shell).isEqualTo("unset unset yes");
            assertThat(kernel).startsWith("None yes\n");
        } finally {
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    /**
     * The agent runs arbitrary code: it must not read the key that opens its own server, nor the deployer's secrets,
     * nor (as another account) root's {@code PATH} and home settings. What the host passes for it stays.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(TestUsers.As.class)
    void theAgentReadsNoSecretOfTheServerNorTheServerAccountsSettings(TestUsers.As as) throws Exception {
        SandboxUser user = as.account();
        Path ws = TestUsers.workspace(dir, user);
        Path keyFile = dir.resolve("key-" + as);
        java.nio.file.Files.writeString(keyFile, "file-key\n");
        List<String> command = new java.util.ArrayList<>(List.of("java", "-jar", jar().toString(), "0",
                "--working-dir", ws.toString(), "--host", "127.0.0.1", "--no-enable-browser", "--plugins", "jupyter"));
        if (!user.isProcessUser()) {
            command.addAll(List.of("--username", user.name()));
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        String home = SandboxUser.current().home().toString();
        pb.environment().put("SESSION_API_KEY_FILE", keyFile.toString());
        pb.environment().put("DEPLOY_TOKEN", "deploy-secret");
        pb.environment().put("AGENT_RUNTIME_PRIVATE_ENV", "DEPLOY_TOKEN");
        pb.environment().put("SANDBOX_ENV_FOR_AGENT", "given");
        pb.environment().put("PATH", home + "/.agent-runtime-test/bin:" + pb.environment().get("PATH"));
        Process server = pb.start();
        try {
            HttpFixture http = new HttpFixture(readPort(server), "file-key");
            String shell = http.post("/execute_action", HttpFixture.run("env | sort")).json().get("content").asText();
            String kernel = http.post("/execute_action", "{\"action\":{\"action\":\"run_ipython\",\"args\":"
                    + "{\"code\":\"import os; print(sorted(os.environ.items()))\"}}}").json().get("content").asText();

            for (String seen : List.of(shell, kernel)) {
                assertThat(seen).contains("SANDBOX_ENV_FOR_AGENT").contains("given")
                        .doesNotContain("file-key").doesNotContain("SESSION_API_KEY")
                        .doesNotContain("deploy-secret").doesNotContain("AGENT_RUNTIME_PRIVATE_ENV");
                if (!user.isProcessUser()) {
                    assertThat(seen).doesNotContain(home + "/").contains(user.home().toString());
                }
            }
            assertThat(shell).contains("HOME=" + user.home() + "\n");
            if (!user.isProcessUser()) {
                assertThat(shell).contains("USER=" + user.name() + "\n");
            }
        } finally {
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    /**
     * A JVM started without a UTF-8 locale (a container without {@code LANG}) encodes file names as ASCII for good:
     * the server says so once at start, and a name it cannot encode is an error observation that says how to fix it.
     */
    @Test
    void withoutAUtf8LocaleTheServerWarnsAndSaysWhyANameFails() throws Exception {
        Path log = dir.resolve("server.log");
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", jar().toString(), "0", "--working-dir",
                dir.resolve("ws").toString(), "--host", "127.0.0.1", "--no-enable-browser").redirectError(log.toFile());
        withoutLocale(pb);
        Process server = pb.start();
        try {
            HttpFixture http = new HttpFixture(readPort(server), null);
            JsonNode write = http.post("/execute_action", "{\"action\":{\"action\":\"write\",\"args\":{\"path\":"
                    + "\"caf\u00e9.txt\",\"content\":\"x\"}}}").json();

            assertThat(write.get("observation").asText()).isEqualTo("error");
            assertThat(write.get("content").asText()).startsWith("Invalid path: ").contains("caf\u00e9.txt")
                    .endsWith("The server encodes file names as ANSI_X3.4-1968, since it was started without a "
                            + "UTF-8 locale; restart it with LANG=C.UTF-8 to use names that are not ASCII.");
            assertThat(http.post("/execute_action", HttpFixture.run("echo still here")).json().get("content")
                    .asText()).startsWith("still here");
            assertThat(Files.readAllLines(log)).filteredOn(l -> l.contains("WARNING")).singleElement().asString()
                    .endsWith("file names are encoded as ANSI_X3.4-1968, since the server was started without a "
                            + "UTF-8 locale: files whose names are not ASCII can be neither read, written nor listed. "
                            + "Start it with LANG=C.UTF-8 (bin/serve and the image do).");
        } finally {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * bin/serve, the README's command, started without a locale: the JVM gets a UTF-8 one, so names that are not
     * ASCII work in every file route, while the agent's shell keeps the environment it was given.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(TestUsers.As.class)
    void binServeGivesTheJvmAUtf8LocaleAndTheShellItsOwn(TestUsers.As as) throws Exception {
        SandboxUser user = as.account();
        Path ws = TestUsers.workspace(dir, user);
        List<String> command = new java.util.ArrayList<>(List.of(Path.of("../bin/serve").toAbsolutePath().toString(),
                "0", "--working-dir", ws.toString(), "--host", "127.0.0.1", "--no-enable-browser"));
        if (!user.isProcessUser()) {
            command.addAll(List.of("--username", user.name(), "--user-id", Integer.toString(user.uid())));
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        withoutLocale(pb);
        pb.environment().remove("JAVA_OPTS");
        Process server = pb.start();
        try {
            HttpFixture http = new HttpFixture(readPort(server), null);
            JsonNode write = http.post("/execute_action", "{\"action\":{\"action\":\"write\",\"args\":{\"path\":"
                    + "\"r\u00e9sum\u00e9.txt\",\"content\":\"na\u00efve\"}}}").json();
            JsonNode read = http.post("/execute_action", "{\"action\":{\"action\":\"read\",\"args\":{\"path\":"
                    + "\"r\u00e9sum\u00e9.txt\"}}}").json();
            String shell = http.post("/execute_action", HttpFixture.run("locale charmap; "
                    + "echo ${LC_CTYPE:-none} ${AGENT_RUNTIME_JVM_ONLY_ENV:-unset}; cat r\u00e9sum\u00e9.txt")).json()
                    .get("content").asText();

            assertThat(write.get("observation").asText()).isEqualTo("write");
            assertThat(read.get("content").asText()).isEqualTo("na\u00efve\n");
            assertThat(http.post("/list_files", "{}").json()).extracting(JsonNode::asText)
                    .contains("r\u00e9sum\u00e9.txt");
            assertThat(shell).isEqualTo("ANSI_X3.4-1968\nnone unset\nna\u00efve");
            assertThat(TestUsers.ownerUid(ws.resolve("r\u00e9sum\u00e9.txt"))).isEqualTo(user.uid());
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS); // bin/serve's first run writes its class-data archive at exit
            server.destroyForcibly();
        }
    }

    /** The environment of a container that sets no locale. */
    private static void withoutLocale(ProcessBuilder pb) {
        pb.environment().keySet().removeIf(k -> k.equals("LANG") || k.equals("LANGUAGE") || k.startsWith("LC_"));
    }

    private static Path jar() {
        return Path.of("target/runtime-server.jar").toAbsolutePath();
    }

    private static int readPort(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("agent-runtime listening on port ")) {
                return Integer.parseInt(line.substring("agent-runtime listening on port ".length()).trim());
            }
        }
        throw new AssertionError("the server ended without announcing its port");
    }
}
