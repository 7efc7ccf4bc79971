package dev.agentruntime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.core.spi.SandboxUser;
import dev.agentruntime.core.testing.TestUsers;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as an attacker, the way OpenHands deploys it: the server jar runs as root, the agent's commands as the
 * sandbox user without sudo ({@code --no-sudo}), and the agent tries to reach past its rights or to wedge what serves
 * it. Each probe ends with the
 * server alive and an {@code echo} answered; the server's peak RSS over the suite is printed at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HostileAgentIT {

    Path tmp;
    Path ws;
    Path vault;
    Path secret;
    SandboxUser user;
    Process server;
    HttpFixture http;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        assumeTrue(SandboxUser.processIsRoot(), "the hostile agent runs as the sandbox user of a root server");
        user = TestUsers.sandboxUser();
        tmp = dir.toRealPath();
        ws = TestUsers.workspace(tmp, user);
        vault = Files.createDirectory(tmp.resolve("vault"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        secret = Files.writeString(vault.resolve("target.txt"), "root's own\n");
        // The JVM as bin/serve and the image run it, so that the peak RSS printed is the deployment's.
        ProcessBuilder pb = new ProcessBuilder("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:CompileThresholdScaling=0.1", "-Xms16m", "-Xmx512m", "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=30", "-jar", Path.of("target/runtime-server.jar").toAbsolutePath().toString(),
                "0", "--working-dir", ws.toString(), "--host", "127.0.0.1", "--no-enable-browser",
                "--username", user.name(), "--no-sudo").redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("NO_CHANGE_TIMEOUT_SECONDS", "2");
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        pb.environment().put("AGENT_RUNTIME_JVM_ONLY_ENV", "MALLOC_ARENA_MAX");
        server = pb.start();
        http = new HttpFixture(readPort(server), null);
    }

    @AfterAll
    void stop() throws Exception {
        if (server == null) {
            return;
        }
        System.out.println("HostileAgentIT: server peak RSS " + peakRssMiB(server.pid()) + " MiB");
        server.destroy();
        server.waitFor(20, TimeUnit.SECONDS);
        server.destroyForcibly();
    }

    /** Every probe leaves a server that answers and a shell that runs commands. */
    @AfterEach
    void stillServing() throws Exception {
        assertThat(http.get("/alive").status()).isEqualTo(200);
        assertThat(run("echo still here").get("content").asText()).isEqualTo("still here");
    }

    private JsonNode run(String command) throws Exception {
        return http.post("/execute_action", HttpFixture.run(command)).json();
    }

    private JsonNode action(String json) throws Exception {
        return http.post("/execute_action", json).json();
    }

    @Test
    void theAgentHasNoSudo() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "sudo is not installed");

        JsonNode sudo = run("sudo -n true");

        assertThat(sudo.at("/extras/metadata/exit_code").asInt()).isNotZero();
    }

    @Test
    void aSymlinkSwappedInMidUploadReachesNothingOutsideTheAgentsRights() throws Exception {
        byte[] zip = zip(z -> {
            for (int i = 0; i < 200; i++) {
                entry(z, "d/f" + i + ".txt", "x".repeat(10_000));
            }
            entry(z, "d/target.txt", "pwned");
        });
        Files.createDirectories(ws.resolve("up"));
        TestUsers.exec(List.of("chown", user.uid() + ":0", ws.resolve("up").toString()));
        // The agent's loop: the directory the upload writes into becomes a link to root's directory and back.
        run("(while :; do rm -rf up/d; ln -sfn " + vault + " up/d; rm -f up/d; mkdir -p up/d; done) "
                + "> /dev/null 2>&1 & echo $! > swapper.pid");
        int refused = 0;
        try {
            for (int i = 0; i < 40; i++) {
                HttpFixture.Reply r = http.upload("destination=" + enc(ws.resolve("up")) + "&recursive=true",
                        "race.zip", zip);
                assertThat(r.status()).as("upload %d: %s", i, r.body()).isIn(200, 400);
                refused += r.status() == 400 ? 1 : 0;
            }
        } finally {
            run("kill $(cat swapper.pid); wait 2>/dev/null; rm swapper.pid");
        }
        assertThat(Files.readString(secret)).isEqualTo("root's own\n");
        assertThat(TestUsers.ownerUid(secret)).isZero();
        try (Stream<Path> inVault = Files.list(vault)) {
            assertThat(inVault.map(p -> p.getFileName().toString())).containsExactly("target.txt");
        }
        System.out.println("HostileAgentIT: " + refused + " of 40 racing uploads refused, none reached the vault");
    }

    @Test
    void anUploadOrDownloadThroughALinkToRootsFilesIsRefused() throws Exception {
        run("ln -sfn " + vault + " to-vault");

        HttpFixture.Reply put = http.upload("destination=" + enc(ws.resolve("to-vault")), "planted.txt",
                "x".getBytes(StandardCharsets.UTF_8));
        HttpFixture.Reply tree = http.upload("destination=" + enc(ws.resolve("to-vault")) + "&recursive=true",
                "t.zip", zip(z -> entry(z, "target.txt", "pwned")));
        HttpFixture.Reply get = http.get("/download_files?path=" + enc(ws.resolve("to-vault/target.txt")));

        assertThat(put.status()).isEqualTo(403);
        assertThat(tree.status()).isEqualTo(400);
        assertThat(get.status()).isEqualTo(403);
        assertThat(Files.readString(secret)).isEqualTo("root's own\n");
    }

    /**
     * A refusal that comes after the archive has replaced a file and added a directory: all of it is undone. (The
     * same with a bomb over the extraction limit is ZipArchivesTest's, with a limit a test can reach.)
     */
    @Test
    void aRefusedArchiveLeavesTheDestinationAsItWas() throws Exception {
        Path keep = Files.writeString(ws.resolve("keep.txt"), "precious\n");
        TestUsers.exec(List.of("chown", user.uid() + ":0", keep.toString()));
        String data = "A".repeat(4096);
        byte[] zip = zip(z -> {
            entry(z, "keep.txt", "replaced");
            entry(z, "new-dir/new.txt", "added");
            storedEntry(z, "last.txt", data);
        });
        int at = new String(zip, StandardCharsets.ISO_8859_1).indexOf(data);
        zip[at + 7] = 'B';

        HttpFixture.Reply r = http.upload("destination=" + enc(ws) + "&recursive=true", "bad.zip", zip);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asText()).startsWith("Refused archive entry 'last.txt': its data is "
                + "corrupt");
        assertThat(Files.readString(keep)).isEqualTo("precious\n");
        assertThat(ws.resolve("new-dir")).doesNotExist();
        try (Stream<Path> left = Files.list(ws)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".agent-runtime"));
        }
    }

    @Test
    void aFifoAndADeviceAreErrorsNotHangs() throws Exception {
        run("mkfifo pipe");

        JsonNode read = action("{\"action\":{\"action\":\"read\",\"args\":{\"path\":\"pipe\"}}}");
        JsonNode write = action("{\"action\":{\"action\":\"write\",\"args\":{\"path\":\"pipe\",\"content\":\"x\"}}}");
        JsonNode zero = action("{\"action\":{\"action\":\"read\",\"args\":{\"path\":\"/dev/zero\"}}}");

        assertThat(read.get("content").asText()).isEqualTo("Path is not a regular file: " + ws.resolve("pipe")
                + ". It is a FIFO (named pipe): only regular files can be read.");
        assertThat(write.get("observation").asText()).isEqualTo("error");
        assertThat(zero.get("content").asText()).contains("It is a character device");
    }

    @Test
    void aHugeSparseFileIsRefusedAndALargeTextFileIsReadByRange() throws Exception {
        run("truncate -s 2G sparse.txt && yes | head -c 40000000 > big.txt");

        JsonNode sparse = action("{\"action\":{\"action\":\"read\",\"args\":{\"path\":\"sparse.txt\"}}}");
        JsonNode whole = action("{\"action\":{\"action\":\"read\",\"args\":{\"path\":\"big.txt\"}}}");
        JsonNode range = action("{\"action\":{\"action\":\"read\",\"args\":{\"path\":\"big.txt\","
                + "\"start\":19999997,\"end\":20000005}}}");

        assertThat(sparse.get("content").asText()).isEqualTo("ERROR_BINARY_FILE");
        assertThat(whole.get("content").asText()).startsWith("File too large to read at once: " + ws.resolve("big.txt")
                + " is 40000000 bytes").endsWith("Read a range of lines (start and end), or find the lines first "
                + "with grep -n.");
        assertThat(range.get("content").asText()).isEqualTo("y\ny\ny\n");
        run("rm sparse.txt big.txt");
    }

    @Test
    void textThatCannotBeEncodedIsAnErrorAndNothingIsWritten() throws Exception {
        JsonNode write = action("{\"action\":{\"action\":\"write\",\"args\":{\"path\":\"deep/er/lone.txt\","
                + "\"content\":\"a\\ud800b\"}}}");
        // Escaped in the JSON: a client's encoder would turn a raw lone surrogate into '?' before it was sent.
        JsonNode command = action("{\"action\":{\"action\":\"run\",\"args\":{\"command\":\"echo \\ud800\","
                + "\"is_input\":false}}}");

        assertThat(write.get("content").asText()).startsWith("The content cannot be written as UTF-8");
        assertThat(command.get("content").asText()).startsWith("The command cannot be written as UTF-8");
        assertThat(ws.resolve("deep")).doesNotExist();
    }

    @Test
    void theShellComesBackFromWhatWouldWedgeIt() throws Exception {
        assertThat(run("exec 2>&-").at("/extras/metadata/exit_code").asInt()).isZero();
        assertThat(run("ls /nonexistent-x").get("content").asText()).contains("No such file or directory");
        assertThat(run("exec bash").get("content").asText()).contains("The shell was replaced (exec)");
        run("stty sane");
        assertThat(run("echo clean").get("content").asText()).isEqualTo("clean");
    }

    private interface Entries {
        void write(ZipArchiveOutputStream zip) throws java.io.IOException;
    }

    private static byte[] zip(Entries entries) throws java.io.IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(bytes)) {
            entries.write(z);
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipArchiveOutputStream z, String name, String text) throws java.io.IOException {
        z.putArchiveEntry(new ZipArchiveEntry(name));
        z.write(text.getBytes(StandardCharsets.UTF_8));
        z.closeArchiveEntry();
    }

    private static void storedEntry(ZipArchiveOutputStream z, String name, String text) throws java.io.IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ZipArchiveEntry e = new ZipArchiveEntry(name);
        e.setMethod(ZipArchiveEntry.STORED);
        e.setSize(bytes.length);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        z.putArchiveEntry(e);
        z.write(bytes);
        z.closeArchiveEntry();
    }

    private static String enc(Path p) {
        return URLEncoder.encode(p.toString(), StandardCharsets.UTF_8);
    }

    /** VmHWM: the most memory the process ever had resident. */
    static long peakRssMiB(long pid) throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    private static int readPort(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("agent-runtime listening on port ")) {
                return Integer.parseInt(line.substring("agent-runtime listening on port ".length()).trim());
            }
        }
        throw new AssertionError("the server ended without announcing its port");
    }

}
