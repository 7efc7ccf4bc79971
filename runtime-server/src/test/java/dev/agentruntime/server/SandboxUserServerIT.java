package dev.agentruntime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.core.spi.SandboxUser;
import dev.agentruntime.core.testing.TestUsers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment OpenHands uses: the server runs as root, the agent as a user the server creates
 * ({@code --username arsandbox}), every capability driven over HTTP. Needs root (CI runs as root); the user is
 * deleted first so that its creation is exercised every time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SandboxUserServerIT {

    static final String USER = "arsandbox";

    Path dir;
    SandboxUser user;
    RuntimeServer server;
    HttpFixture http;
    com.sun.net.httpserver.HttpServer site;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        assumeTrue(SandboxUser.processIsRoot(), "the sandbox-user deployment needs a root server");
        TestUsers.exec(List.of("userdel", "-r", USER));
        Files.deleteIfExists(Path.of("/etc/sudoers.d/agent-runtime-" + USER));
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        dir = tmp.toRealPath().resolve("workspace");
        ServerOptions options = ServerOptions.builder(dir).host("127.0.0.1").user(USER, 4321)
                .plugins(List.of("jupyter", "agent_skills")).build();
        user = UserSetup.prepare(options);
        server = RuntimeServer.start(options, Assembly.runtime(options));
        http = new HttpFixture(server.port(), null);
        site = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/report.pdf", ex -> {
            byte[] pdf = "%PDF-1.4 not really".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/pdf");
            ex.sendResponseHeaders(200, pdf.length);
            ex.getResponseBody().write(pdf);
            ex.close();
        });
        site.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (site != null) {
            site.stop(0);
        }
        // The user has sudo rights: none of it stays on the machine.
        TestUsers.exec(List.of("userdel", "-r", USER));
        Files.deleteIfExists(Path.of("/etc/sudoers.d/agent-runtime-" + USER));
    }

    @BeforeEach
    void backToTheWorkspace() throws Exception {
        run("cd " + dir);
    }

    private JsonNode run(String command) throws Exception {
        return http.post("/execute_action", HttpFixture.run(command)).json();
    }

    private void assertOwnedByTheUser(Path p) throws Exception {
        assertThat(TestUsers.ownerUid(p)).as("owner of %s", p).isEqualTo(user.uid());
        assertThat(TestUsers.ownerGid(p)).as("group of %s", p).isZero();
        assertThat(TestUsers.mode(p)).as("mode of %s", p).isIn("rw-rw-r--", "rwxrwxr-x");
    }

    @Test
    void theUserWasCreatedAsOpenhandsCreatesIt() throws Exception {
        assertThat(user.name()).isEqualTo(USER);
        assertThat(user.gid()).isZero();
        assertThat(user.home()).isEqualTo(Path.of("/home/" + USER));
        assertThat(run("id -un; id -u; echo $HOME; pwd").get("content").asText())
                .isEqualTo(USER + "\n" + user.uid() + "\n/home/" + USER + "\n" + dir);
        assertThat(TestUsers.ownerUid(dir)).isEqualTo(user.uid());
    }

    @Test
    void sudoNeedsNoPassword() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "sudo is not installed");

        JsonNode o = run("sudo -n true && echo sudo-ok");

        assertThat(o.get("content").asText()).isEqualTo("sudo-ok");
    }

    /** {@code --no-sudo}: a user created without the group or the rule, and a rule written before taken back. */
    @Test
    void noSudoGivesTheUserNoWayToRoot(@TempDir Path tmp) throws Exception {
        String name = "arnosudo";
        Path rule = Path.of("/etc/sudoers.d/agent-runtime-" + name);
        TestUsers.exec(List.of("userdel", "-r", name));
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            ServerOptions options = ServerOptions.builder(tmp.resolve("ws")).user(name, -1).sudo(false).build();
            SandboxUser created = UserSetup.prepare(options);

            assertThat(Files.exists(rule)).isFalse();
            assertThat(output(List.of("id", "-nG", name)).split("\\s+")).doesNotContain("sudo");
            if (Files.isExecutable(Path.of("/usr/bin/sudo"))) {
                List<String> sudoAsTheUser = List.of("setpriv", "--reuid=" + created.uid(), "--regid=0",
                        "--init-groups", "sudo", "-n", "true");
                assertThat(TestUsers.exec(sudoAsTheUser)).isNotZero();
                Files.writeString(rule, name + " ALL=(ALL) NOPASSWD:ALL\n");
                Files.setPosixFilePermissions(rule, java.nio.file.attribute.PosixFilePermissions.fromString("r--r-----"));
                assertThat(TestUsers.exec(sudoAsTheUser)).as("sudo with the rule").isZero();

                UserSetup.prepare(options);

                assertThat(Files.exists(rule)).as("the rule an earlier run wrote").isFalse();
                assertThat(TestUsers.exec(sudoAsTheUser)).isNotZero();
            }
        } finally {
            TestUsers.exec(List.of("userdel", "-r", name));
            Files.deleteIfExists(rule);
        }
    }

    private static String output(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.strip();
    }

    @Test
    void gitCommitsInAFreshRepositoryAndNeverPages() throws Exception {
        JsonNode commit = run("git init -q fresh && cd fresh && echo hi > a.txt && git add a.txt "
                + "&& git commit -q -m first && git log --format=%an/%ae");

        assertThat(commit.get("content").asText()).isEqualTo("openhands/openhands@all-hands.dev");
        JsonNode log = run("git log");
        assertThat(log.at("/extras/metadata/exit_code").asInt()).isZero();
        assertThat(log.get("content").asText()).contains("first");
    }

    @Test
    void gitTrustsARepositoryTheServerCreated() throws Exception {
        Path repo = dir.resolve("root-made");
        assertThat(TestUsers.exec(List.of("git", "init", "-q", repo.toString()))).isZero();

        JsonNode status = run("git -C " + repo + " status --short && echo trusted");

        assertThat(status.get("content").asText()).isEqualTo("trusted");
    }

    @Test
    void ipythonRunsAsTheUserInTheShellsDirectory() throws Exception {
        run("mkdir -p py && cd py");

        JsonNode o = http.post("/execute_action", "{\"action\":{\"action\":\"run_ipython\",\"args\":{\"code\":"
                + HttpFixture.quote("import os; open('from_py.txt', 'w').write('x'); print(os.getuid(), os.getcwd())")
                + "}}}").json();

        assertThat(o.get("content").asText()).startsWith(user.uid() + " " + dir.resolve("py"));
        assertThat(TestUsers.ownerUid(dir.resolve("py/from_py.txt"))).isEqualTo(user.uid());
    }

    @Test
    void theAgentSkillsEditFilesAsTheUser() throws Exception {
        JsonNode o = http.post("/execute_action", "{\"action\":{\"action\":\"run_ipython\",\"args\":{\"code\":"
                + HttpFixture.quote("create_file('skill.txt')\nappend_file('skill.txt', 'from a skill')") + ","
                + "\"thought\":\"\",\"is_confirmed\":\"confirmed\",\"kernel_init_code\":\"\"},\"timeout\":120}}")
                .json();

        assertThat(o.get("content").asText()).contains("[File skill.txt created.]", "1|from a skill",
                "[File updated (edited at line 1).");
        assertThat(Files.readString(dir.resolve("skill.txt"))).isEqualTo("from a skill\n");
        assertThat(TestUsers.ownerUid(dir.resolve("skill.txt"))).isEqualTo(user.uid());
    }

    @Test
    void filesTheServerWritesBelongToTheUser() throws Exception {
        http.post("/execute_action", "{\"action\":{\"action\":\"write\",\"args\":{\"path\":\"new/deep/w.txt\","
                + "\"content\":\"hello\"}}}");
        String created = dir.resolve("made.txt").toString();
        JsonNode edit = http.post("/execute_action", "{\"action\":{\"action\":\"edit\",\"args\":{\"path\":"
                + HttpFixture.quote(created) + ",\"command\":\"create\",\"file_text\":\"x\"}}}").json();

        assertThat(edit.get("content").asText()).isEqualTo("File created successfully at: " + created);
        for (Path p : List.of(dir.resolve("new"), dir.resolve("new/deep"), dir.resolve("new/deep/w.txt"),
                Path.of(created))) {
            assertOwnedByTheUser(p);
        }
        assertThat(TestUsers.mode(dir.resolve("new/deep/w.txt"))).isEqualTo("rw-rw-r--");
        assertThat(TestUsers.mode(dir.resolve("new/deep"))).isEqualTo("rwxrwxr-x");
    }

    /** Megabyte bodies, outputs and files take the bulk paths; as the sandbox user they come back whole too. */
    @Test
    void largeFilesAndOutputsComeBackWhole() throws Exception {
        String content = "line \"é\" of a file\tthat an agent wrote\r\n".repeat(30_000);
        http.post("/execute_action", "{\"action\":{\"action\":\"write\",\"args\":{\"path\":\"big.txt\",\"content\":"
                + HttpFixture.quote(content) + "}}}");
        JsonNode read = http.post("/execute_action", "{\"action\":{\"action\":\"read\",\"args\":{\"path\":\"big.txt\"}},"
                + "\"timeout\":30}").json();

        assertThat(read.get("content").asText()).isEqualTo(content.replace("\r\n", "\n") + "\n");
        assertOwnedByTheUser(dir.resolve("big.txt"));
        JsonNode seq = http.post("/execute_action", "{\"action\":{\"action\":\"run\",\"args\":{\"command\":"
                + "\"seq 1 300000\"},\"timeout\":60}}").json(); // the 2024 dialect: all of it, CR LF line ends
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 300_000; i++) {
            lines.append(i).append("\r\n");
        }
        String out = seq.get("content").asText();
        assertThat(out).startsWith(lines.toString());
        assertThat(out.substring(lines.length())).startsWith("\r\n\n" + USER + "@").endsWith(" $ ");
    }

    @Test
    void existingFilesKeepTheirOwnerAndMode() throws Exception {
        Path shared = Files.writeString(dir.resolve("roots.txt"), "a\nb\n");
        Files.setAttribute(shared, "unix:uid", 0);
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));

        http.post("/execute_action", "{\"action\":{\"action\":\"write\",\"args\":{\"path\":\"roots.txt\","
                + "\"content\":\"c\"}}}");
        assertThat(Files.readString(shared)).isEqualTo("c\n");
        http.upload("destination=" + URLEncoder.encode(dir.toString(), StandardCharsets.UTF_8), "roots.txt",
                "uploaded".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(shared)).isEqualTo("uploaded");
        assertThat(TestUsers.ownerUid(shared)).isZero();
        assertThat(TestUsers.mode(shared)).isEqualTo("rw-rw----");
    }

    /** The file routes and actions have the user's rights: what its shell cannot write, they cannot either. */
    @Test
    void aFileTheUserCannotWriteIsNotWrittenByAnyRoute() throws Exception {
        Path mine = Files.writeString(dir.resolve("read-only.txt"), "root's\n");
        Files.setAttribute(mine, "unix:uid", 0);
        Files.setPosixFilePermissions(mine, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        Path vault = Files.createDirectories(dir.getParent().resolve("vault"));
        Files.setPosixFilePermissions(vault, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Files.writeString(vault.resolve("secret.txt"), "secret");

        JsonNode write = http.post("/execute_action", "{\"action\":{\"action\":\"write\",\"args\":{\"path\":"
                + "\"read-only.txt\",\"content\":\"c\"}}}").json();
        HttpFixture.Reply upload = http.upload("destination=" + URLEncoder.encode(dir.toString(),
                StandardCharsets.UTF_8), "read-only.txt", "uploaded".getBytes(StandardCharsets.UTF_8));
        HttpFixture.Reply planted = http.upload("destination=" + URLEncoder.encode(vault.toString(),
                StandardCharsets.UTF_8), "planted.txt", "x".getBytes(StandardCharsets.UTF_8));
        HttpFixture.Reply tree = http.upload("destination=" + URLEncoder.encode(vault.toString(),
                StandardCharsets.UTF_8) + "&recursive=true", "t.zip", HttpFixture.zip("a.txt", "1"));
        HttpFixture.Reply download = http.get("/download_files?path=" + URLEncoder.encode(vault.toString(),
                StandardCharsets.UTF_8));
        JsonNode read = http.post("/execute_action", "{\"action\":{\"action\":\"read\",\"args\":{\"path\":"
                + HttpFixture.quote(vault.resolve("secret.txt").toString()) + "}}}").json();

        assertThat(write.get("observation").asText()).isEqualTo("error");
        assertThat(upload.status()).isEqualTo(403);
        assertThat(planted.status()).isEqualTo(403);
        assertThat(tree.status()).isEqualTo(400);
        assertThat(tree.json().get("detail").asText()).contains("permission denied");
        assertThat(download.status()).isEqualTo(403);
        assertThat(read.get("observation").asText()).isEqualTo("error");
        assertThat(Files.readString(mine)).isEqualTo("root's\n");
        try (var left = Files.list(vault)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("secret.txt");
        }
    }

    @Test
    void uploadedFilesAndExtractedTreesBelongToTheUser() throws Exception {
        String dest = URLEncoder.encode(dir.resolve("up").toString(), StandardCharsets.UTF_8);
        assertThat(http.upload("destination=" + dest + "&recursive=false", "one.txt",
                "1".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        assertThat(http.upload("destination=" + dest + "&recursive=true", "tree.zip",
                HttpFixture.zip("tree/sub/two.txt", "2", "tree/three.txt", "3")).status()).isEqualTo(200);

        for (String p : List.of("up", "up/one.txt", "up/tree", "up/tree/sub", "up/tree/sub/two.txt",
                "up/tree/three.txt")) {
            assertOwnedByTheUser(dir.resolve(p));
        }
        assertThat(run("echo edited >> up/tree/sub/two.txt && cat up/tree/sub/two.txt").get("content").asText())
                .isEqualTo("2edited");
    }

    @Test
    void browserDownloadsBelongToTheUser() throws Exception {
        String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/report.pdf";

        JsonNode o = http.post("/execute_action", "{\"action\":{\"action\":\"browse\",\"args\":{\"url\":"
                + HttpFixture.quote(url) + ",\"thought\":\"\",\"security_risk\":-1,\"return_axtree\":false},"
                + "\"timeout\":60.0}}").json();

        Path saved = dir.resolve(".downloads/report.pdf");
        assertThat(o.get("content").asText()).contains(saved.toString());
        assertOwnedByTheUser(dir.resolve(".downloads"));
        assertOwnedByTheUser(saved);
    }
}
