package dev.agentruntime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real server on port 0, driven over HTTP with the literal bodies of both OpenHands hosts. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RuntimeServerIT {

    Path dir;
    RuntimeServer server;
    HttpFixture http;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        dir = tmp.toRealPath();
        ServerOptions options = ServerOptions.builder(dir.toRealPath()).host("127.0.0.1").enableBrowser(false).build();
        server = RuntimeServer.start(options, Assembly.runtime(options));
        http = new HttpFixture(server.port(), null);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void vsCodeTokenIsNullWhenNoEditorRuns() throws Exception {
        // OpenHands' web app asks this right after the runtime is ready; null means "no VS Code tab".
        HttpFixture.Reply r = http.get("/vscode/connection_token");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"token\":null}");
    }

    @Test
    void aliveAnswersOk() throws Exception {
        HttpFixture.Reply r = http.get("/alive");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void aServerOpenedBeforeItsRuntimeHoldsRequestsUntilTheRuntimeIsReady(@TempDir Path other) throws Exception {
        ServerOptions options = optionsFor(other);
        CompletableFuture<dev.agentruntime.core.InProcessRuntime> runtime = new CompletableFuture<>();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (RuntimeServer early = RuntimeServer.open(options, runtime)) {
            HttpFixture client = new HttpFixture(early.port(), null);
            // Both requests are in flight at once, on their own threads, before the runtime exists.
            CompletableFuture<HttpFixture.Reply> alive = CompletableFuture.supplyAsync(
                    () -> call(() -> client.get("/alive")), clients);
            CompletableFuture<HttpFixture.Reply> run = CompletableFuture.supplyAsync(() -> call(() -> client.post(
                    "/execute_action", "{\"action\":{\"action\":\"run\",\"args\":{\"command\":\"echo ready\"}}}")),
                    clients);
            Thread.sleep(300);
            assertThat(alive).as("no answer before the runtime").isNotDone();
            assertThat(run).isNotDone();

            runtime.complete(Assembly.runtime(options));

            assertThat(alive.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
            HttpFixture.Reply ran = run.get(20, TimeUnit.SECONDS);
            assertThat(ran.status()).isEqualTo(200);
            assertThat(ran.json().get("content").asText()).startsWith("ready");
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aRuntimeThatFailsToStartIsNamedInA503(@TempDir Path other) throws Exception {
        CompletableFuture<dev.agentruntime.core.InProcessRuntime> runtime = new CompletableFuture<>();
        try (RuntimeServer early = RuntimeServer.open(optionsFor(other), runtime)) {
            HttpFixture client = new HttpFixture(early.port(), null);
            CompletableFuture<HttpFixture.Reply> waiting = CompletableFuture.supplyAsync(
                    () -> call(() -> client.get("/alive")));

            runtime.completeExceptionally(new IllegalStateException("bash is not installed"));

            HttpFixture.Reply r = waiting.get(20, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.body()).contains("The runtime did not start: bash is not installed");
            assertThat(client.get("/alive").status()).as("and so does every later request").isEqualTo(503);
        }
    }

    private static ServerOptions optionsFor(Path dir) throws java.io.IOException {
        return ServerOptions.builder(dir.toRealPath()).host("127.0.0.1").enableBrowser(false).build();
    }

    private static HttpFixture.Reply call(java.util.concurrent.Callable<HttpFixture.Reply> request) {
        try {
            return request.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void legacyRunBodyGetsALegacyObservation() throws Exception {
        HttpFixture.Reply r = http.post("/execute_action", """
                {"action": {"id": 5, "timestamp": "2024-09-24T18:50:01.123456", "source": "agent",
                  "message": "Running command: echo hi", "action": "run",
                  "args": {"command": "echo hi", "thought": "", "blocking": true, "keep_prompt": true,
                           "is_confirmed": "confirmed"},
                  "timeout": 120}}""");

        assertThat(r.status()).isEqualTo(200);
        JsonNode o = r.json();
        assertThat(o.get("message").asText()).isEqualTo("Command `echo hi` executed with exit code 0.");
        assertThat(o.get("content").asText()).startsWith("hi\r\n\r\n").endsWith(" # ");
        assertThat(o.get("extras").toString()).isEqualTo("{\"command_id\":-1,\"command\":\"echo hi\",\"exit_code\":0}");
        assertThat(o.has("success")).isFalse();
    }

    @Test
    void currentRunBodyGetsMetadataAndSuccess() throws Exception {
        HttpFixture.Reply r = http.post("/execute_action", """
                {"action": {"id": 5, "timestamp": "2025-11-28T12:00:01.123456", "source": "agent",
                  "message": "Running command: echo hi", "action": "run",
                  "args": {"command": "echo hi", "is_input": false, "thought": "", "blocking": false,
                           "is_static": false, "cwd": null, "hidden": false, "confirmation_state": "confirmed",
                           "security_risk": -1},
                  "timeout": 120.0,
                  "tool_call_metadata": {"function_name": "execute_bash", "tool_call_id": "c1"}}}""");

        JsonNode o = r.json();
        assertThat(o.get("content").asText()).isEqualTo("hi");
        assertThat(o.get("success").asBoolean()).isTrue();
        assertThat(o.at("/extras/metadata/exit_code").asInt()).isZero();
        assertThat(o.at("/extras/metadata/working_dir").asText()).isEqualTo(dir.toRealPath().toString());
        assertThat(o.at("/extras/metadata/suffix").asText()).isEqualTo("\n[The command completed with exit code 0.]");
    }

    @Test
    void writeThenReadInBothDialects() throws Exception {
        http.post("/execute_action", "{\"action\":{\"action\":\"write\",\"args\":{\"path\":\"hello.sh\","
                + "\"content\":\"echo hi\",\"start\":0,\"end\":-1,\"thought\":\"\"},\"timeout\":120}}");

        JsonNode legacy = http.post("/execute_action", "{\"action\":{\"action\":\"read\",\"args\":{\"path\":"
                + "\"hello.sh\",\"start\":0,\"end\":-1,\"thought\":\"\"},\"timeout\":120}}").json();
        JsonNode current = http.post("/execute_action", "{\"action\":{\"action\":\"read\",\"args\":{\"path\":"
                + "\"hello.sh\",\"start\":0,\"end\":-1,\"thought\":\"\",\"security_risk\":-1,\"impl_source\":"
                + "\"default\",\"view_range\":null},\"timeout\":120.0}}").json();

        String path = dir.toRealPath().resolve("hello.sh").toString();
        assertThat(legacy.toString()).isEqualTo("{\"message\":\"I read the file " + path + ".\",\"observation\":"
                + "\"read\",\"content\":\"echo hi\\n\",\"extras\":{\"path\":\"" + path + "\"}}");
        assertThat(current.get("extras").toString()).isEqualTo("{\"path\":\"" + path
                + "\",\"impl_source\":\"default\"}");
    }

    @Test
    void editAnswersWithADiff() throws Exception {
        Path file = Files.writeString(dir.resolve("t.txt"), "This is a test file.");

        JsonNode o = http.post("/execute_action", "{\"action\":{\"action\":\"edit\",\"args\":{\"path\":\""
                + file.toRealPath() + "\",\"command\":\"str_replace\",\"file_text\":null,\"old_str\":\"test\","
                + "\"new_str\":\"sample\",\"insert_line\":null,\"content\":\"\",\"start\":1,\"end\":-1,"
                + "\"thought\":\"\",\"security_risk\":-1,\"impl_source\":\"oh_aci\"},\"timeout\":120.0}}").json();

        assertThat(o.get("observation").asText()).isEqualTo("edit");
        assertThat(o.at("/extras/diff").asText()).endsWith("-This is a test file.\n+This is a sample file.");
        assertThat(Files.readString(file)).isEqualTo("This is a sample file.");
    }

    @Test
    void malformedRequestsGetA400NamingTheProblemInBothKeys() throws Exception {
        HttpFixture.Reply notJson = http.post("/execute_action", "{not json");
        HttpFixture.Reply unknown = http.post("/execute_action", "{\"action\":{\"action\":\"fly\"}}");
        HttpFixture.Reply legacyWrong = http.post("/execute_action", "{\"action\":{\"action\":\"run\",\"args\":"
                + "{\"command\":\"ls\",\"keep_prompt\":true,\"bogus\":1}}}");

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("detail").asText()).startsWith("Request body is not valid JSON");
        assertThat(notJson.json().get("message").asText()).isEqualTo(notJson.json().get("detail").asText());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("detail").asText()).contains("is not defined");
        assertThat(legacyWrong.json().has("detail")).isFalse();
        assertThat(legacyWrong.json().get("message").asText()).contains("unexpected keyword argument 'bogus'");
        assertThat(http.get("/alive").status()).isEqualTo(200);
    }

    @Test
    void binaryAndHugeOutputStayValidJson() throws Exception {
        JsonNode binary = http.post("/execute_action", "{\"action\":{\"action\":\"run\",\"args\":{\"command\":"
                + "\"head -c 3000 /bin/ls; echo\",\"is_input\":false},\"timeout\":30.0}}").json();
        JsonNode huge = http.post("/execute_action", "{\"action\":{\"action\":\"run\",\"args\":{\"command\":"
                + "\"seq 1 200000\",\"is_input\":false},\"timeout\":30.0}}").json();

        assertThat(binary.at("/extras/metadata/exit_code").asInt()).isZero();
        assertThat(binary.get("content").asText()).contains("\uFFFD"); // bytes that are not UTF-8, replaced
        assertThat(huge.get("content").asText()).hasSize(30_000 + dev.agentruntime.core.wire.OpenHandsWire.TRUNCATION_MARKER.length())
                .contains("\n[... Observation truncated due to length ...]\n").endsWith("199999\n200000");
    }

    @Test
    void aMillionLinesComeBackWholeInTheLegacyDialectAndFiftyMegabytesAreBounded() throws Exception {
        String million = http.post("/execute_action", "{\"action\":{\"action\":\"run\",\"args\":{\"command\":"
                + "\"seq 1 1000000\",\"keep_prompt\":false},\"timeout\":120}}").json().get("content").asText();
        String fifty = http.post("/execute_action", "{\"action\":{\"action\":\"run\",\"args\":{\"command\":"
                + "\"yes 0123456789abcdefghi | head -c 50000000; echo; echo end\",\"keep_prompt\":false},"
                + "\"timeout\":120}}").json().get("content").asText();
        JsonNode next = http.post("/execute_action", "{\"action\":{\"action\":\"run\",\"args\":{\"command\":"
                + "\"echo next\",\"keep_prompt\":false},\"timeout\":30}}").json();

        // 6.9 MB: under the 10 Mi-character bound, every line is there, in order.
        assertThat(million.split("\r\n")).hasSize(1_000_000).startsWith("1", "2").endsWith("999999", "1000000");
        // 50 MB: the head and the tail around a marker. The bound counts characters with \n line ends; the 2024
        // dialect sends the terminal's \r\n, one more character per 20-character line here.
        assertThat(fifty.length()).isBetween(10 << 20, 11 << 20);
        assertThat(fifty).startsWith("0123456789abcdefghi\r\n").contains(" characters of output were dropped to "
                + "bound memory ...]").endsWith("end");
        assertThat(next.get("content").asText()).isEqualTo("next");
        assertThat(next.at("/extras/exit_code").asInt()).isZero();
    }

    @Test
    void unknownRoutesAndMethodsAreJsonErrors() throws Exception {
        assertThat(http.get("/nope").status()).isEqualTo(404);
        assertThat(http.get("/execute_action").status()).isEqualTo(405);
    }

    @Test
    void bodiesOverTheLimitAre413sAndTheServerGoesOn() throws Exception {
        ServerOptions options = ServerOptions.builder(dir).host("127.0.0.1").enableBrowser(false)
                .maxRequestBytes(2048).build();
        try (RuntimeServer small = RuntimeServer.start(options, Assembly.runtime(options))) {
            HttpFixture client = new HttpFixture(small.port(), null);
            String big = "{\"action\":{\"action\":\"write\",\"args\":{\"path\":\"x\",\"content\":\""
                    + "y".repeat(5000) + "\"}}}";

            HttpFixture.Reply r = client.post("/execute_action", big);

            assertThat(r.status()).isEqualTo(413);
            assertThat(r.json().get("detail").asText()).isEqualTo("Request body is larger than the limit of 2048 bytes");
            assertThat(client.get("/alive").status()).isEqualTo(200);
        }
    }

    /** Megabyte bodies take the fast parser and the bulk escaper: the text comes back exactly, in both dialects. */
    @Test
    void aLargeWriteOfEveryKindOfTextReadsBackExactly() throws Exception {
        java.util.Random r = new java.util.Random(3);
        String[] pieces = {"plain line\n", "tab\tand \"quotes\" and \\ back\r\n", "\u0001\u001f\u007f", "?", "é中😀\n"};
        for (int kinds : new int[] {pieces.length - 1, pieces.length}) { // ASCII (read in bulk), then any text
            StringBuilder sb = new StringBuilder();
            while (sb.length() < (1 << 20)) {
                sb.append(pieces[r.nextInt(kinds)]);
            }
            writeAndRead(sb.toString(), "large" + kinds);
        }
    }

    private void writeAndRead(String content, String name) throws Exception {
        for (String dialect : new String[] {"", ", \"timeout\": 30"}) { // current, then 2024 (an integer timeout)
            Path file = dir.resolve(name + "-" + dialect.length() + ".txt");
            String body = "{\"action\": {\"action\": \"write\", \"args\": {\"path\": \"" + file + "\", \"content\": "
                    + HttpFixture.JSON.writeValueAsString(content) + "}" + dialect + "}}";
            assertThat(http.post("/execute_action", body).status()).isEqualTo(200);
            String written = Files.readString(file);
            // The Python client's line semantics: a line end after the last line.
            assertThat(written).isEqualTo(dev.agentruntime.core.files.LineRanges.insert(content, List.of(), 0, -1));

            HttpFixture.Reply read = http.post("/execute_action", "{\"action\": {\"action\": \"read\", \"args\": "
                    + "{\"path\": \"" + file + "\"}" + dialect + "}}");
            assertThat(read.status()).isEqualTo(200);
            // The read answers Python's universal line ends: \r\n becomes \n.
            assertThat(read.json().get("content").asText()).isEqualTo(written.replace("\r\n", "\n"));
        }
    }

    @Test
    void aLargeBodyBrokenNearItsEndIsTheUsual400() throws Exception {
        String body = "{\"action\": {\"action\": \"write\", \"args\": {\"path\": \"x\", \"content\": \""
                + "y".repeat(200_000) + "\", }}}"; // a trailing comma
        HttpFixture.Reply r = http.post("/execute_action", body);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asText()).startsWith("Request body is not valid JSON at line 1, column ");
        assertThat(http.get("/alive").status()).isEqualTo(200);
    }

    @Test
    void browsingWhenDisabledSaysSo() throws Exception {
        JsonNode o = http.post("/execute_action", "{\"action\":{\"action\":\"browse\",\"args\":{\"url\":"
                + "\"http://localhost:1\"}}}").json();

        assertThat(o.get("content").asText()).isEqualTo("Browser functionality is not supported or disabled.");
    }

    @Test
    void aliveAnswersWhileACommandRuns() throws Exception {
        CompletableFuture<HttpFixture.Reply> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return http.post("/execute_action", "{\"action\":{\"action\":\"run\",\"args\":{\"command\":"
                        + "\"sleep 5\",\"blocking\":true,\"is_input\":false},\"timeout\":30.0}}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!server.runtime().isBusy() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.runtime().isBusy()).isTrue();

        HttpFixture.Reply alive = http.get("/alive");
        HttpFixture.Reply info = http.get("/server_info");

        assertThat(alive.status()).isEqualTo(200);
        assertThat(info.status()).isEqualTo(200);
        assertThat(server.runtime().isBusy()).as("the command still runs").isTrue();
        assertThat(slow.get(30, TimeUnit.SECONDS).json().at("/extras/metadata/exit_code").asInt()).isZero();
    }

    @Test
    void serverInfoHasTheReferenceKeys() throws Exception {
        JsonNode info = http.get("/server_info").json();

        assertThat(info.get("uptime").isNumber()).isTrue();
        assertThat(info.get("idle_time").isNumber()).isTrue();
        assertThat(info.at("/resources/memory/rss").asLong()).isPositive();
        assertThat(info.at("/resources/disk/total").asLong()).isPositive();
        assertThat(info.at("/resources/io").has("read_bytes")).isTrue();
        assertThat(info.at("/resources").has("cpu_percent")).isTrue();
    }

    @Test
    void uploadsAFileIntoTheDestinationDirectory() throws Exception {
        String dest = dir.resolve("up").toString();

        HttpFixture.Reply r = http.upload("destination=" + enc(dest) + "&recursive=false", "a.txt",
                "content".getBytes(StandardCharsets.UTF_8));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"filename\":\"a.txt\",\"destination\":\"" + dest
                + "\",\"recursive\":false}");
        assertThat(Files.readString(dir.resolve("up/a.txt"))).isEqualTo("content");
    }

    /** Browsers, curl and the Python host send the multipart file name as UTF-8; Python's server reads it so. */
    @Test
    void anUploadedFileKeepsANameThatIsNotAscii() throws Exception {
        String dest = dir.resolve("up-utf8").toString();

        HttpFixture.Reply r = http.upload("destination=" + enc(dest), "r\u00e9sum\u00e9 \u4e2d.txt",
                "x".getBytes(StandardCharsets.UTF_8));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("filename").asText()).isEqualTo("r\u00e9sum\u00e9 \u4e2d.txt");
        assertThat(dir.resolve("up-utf8/r\u00e9sum\u00e9 \u4e2d.txt")).hasContent("x");
        assertThat(http.get("/download_files?path=" + enc(dir.resolve("up-utf8/r\u00e9sum\u00e9 \u4e2d.txt")
                .toString())).headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename*=utf-8''r%C3%A9sum%C3%A9%20%E4%B8%AD.txt.zip");
    }

    @Test
    void recursiveUploadExtractsAZipAndAPlainZipStaysAFile() throws Exception {
        byte[] zip = HttpFixture.zip("test_dir/file1.txt", "one", "test_dir/file2.txt", "two");
        String dest = dir.resolve("tree").toString();

        HttpFixture.Reply extracted = http.upload("destination=" + enc(dest) + "&recursive=true", "test_dir.zip", zip);
        HttpFixture.Reply stored = http.upload("destination=" + enc(dest) + "&recursive=false", "keep.zip", zip);

        assertThat(extracted.status()).isEqualTo(200);
        assertThat(Files.readString(dir.resolve("tree/test_dir/file2.txt"))).isEqualTo("two");
        assertThat(stored.status()).isEqualTo(200);
        assertThat(Files.readAllBytes(dir.resolve("tree/keep.zip"))).isEqualTo(zip);
    }

    @Test
    void uploadErrorsAreClear() throws Exception {
        assertThat(http.upload("destination=relative", "a.txt", new byte[] {1}).json().get("detail").asText())
                .isEqualTo("Destination must be an absolute path");
        assertThat(http.upload("destination=" + enc(dir.toString()) + "&recursive=true", "a.txt", new byte[] {1})
                .json().get("detail").asText()).isEqualTo("Recursive uploads must be zip files");
        HttpFixture.Reply slip = http.upload("destination=" + enc(dir.resolve("x").toString()) + "&recursive=true",
                "evil.zip", HttpFixture.zip("../evil.txt", "bad"));
        assertThat(slip.status()).isEqualTo(400);
        assertThat(slip.json().get("detail").asText()).contains("points outside the destination");
        assertThat(dir.resolve("evil.txt")).doesNotExist();
    }

    @Test
    void anUploadCutShortOrNamedSoNoFileCanHaveItIsA400AndServingGoesOn() throws Exception {
        String dest = "destination=" + enc(dir.resolve("bad-up").toString());
        byte[] cut = ("--b0\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nhalf of it").getBytes(StandardCharsets.UTF_8);

        HttpFixture.Reply truncated = http.uploadRaw(dest, "b0", cut);
        HttpFixture.Reply dot = http.upload(dest, ".", new byte[] {1});
        HttpFixture.Reply dots = http.upload(dest, "sub/..", new byte[] {1});
        HttpFixture.Reply nul = http.get("/download_files?path=" + enc("/tmp/a\u0000b"));

        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.json().get("detail").asText()).startsWith("The multipart body could not be read: ");
        assertThat(dot.status()).isEqualTo(400);
        assertThat(dot.json().get("detail").asText()).isEqualTo("Invalid file name: .");
        assertThat(dots.json().get("detail").asText()).isEqualTo("Invalid file name: sub/..");
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.json().get("detail").asText()).isEqualTo("Invalid path: /tmp/a\u0000b");
        assertThat(dir.resolve("bad-up")).doesNotExist();
        assertThat(http.upload(dest, "ok.txt", new byte[] {1}).status()).isEqualTo(200);
    }

    @Test
    void anUploadOverTheLimitIsA413(@TempDir Path other) throws Exception {
        ServerOptions options = ServerOptions.builder(other.toRealPath()).host("127.0.0.1").enableBrowser(false)
                .maxUploadBytes(2048).build();
        try (RuntimeServer small = RuntimeServer.start(options, Assembly.runtime(options))) {
            HttpFixture client = new HttpFixture(small.port(), null);

            HttpFixture.Reply r = client.upload("destination=" + enc(other.toString()), "big.bin", new byte[10_000]);

            assertThat(r.status()).isEqualTo(413);
            assertThat(r.json().get("detail").asText()).isEqualTo("The upload is larger than the limit of 2048 bytes");
            assertThat(other.resolve("big.bin")).doesNotExist();
            assertThat(client.get("/alive").status()).isEqualTo(200);
        }
    }

    @Test
    void aFailureInsideARouteIsA500WithAMessage() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");

        HttpFixture.Reply r = http.upload("destination=" + enc(file.resolve("sub").toString()), "a.txt",
                new byte[] {1});

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.json().get("detail").asText()).startsWith("The file could not be stored: ")
                .contains("plain-file");
        assertThat(http.get("/alive").status()).isEqualTo(200);
    }

    @Test
    void listsFilesRelativeToTheWorkingDirectory() throws Exception {
        Files.createDirectories(dir.resolve("listing/Sub"));
        Files.writeString(dir.resolve("listing/b.txt"), "");

        assertThat(http.post("/list_files", "{\"path\":\"listing\"}").body()).isEqualTo("[\"Sub/\",\"b.txt\"]");
        assertThat(http.post("/list_files", "{\"path\":\"missing\"}").body()).isEqualTo("[]");
        assertThat(http.post("/list_files", "{}").status()).isEqualTo(200);
        assertThat(http.post("/list_files", "[").status()).isEqualTo(400);
    }

    @Test
    void downloadsADirectoryOrAFileAsAZip() throws Exception {
        Files.createDirectories(dir.resolve("dl/inner"));
        Files.writeString(dir.resolve("dl/inner/x.txt"), "x");
        Files.writeString(dir.resolve("dl/y.txt"), "y");

        HttpFixture.Reply head = http.get("/download_files?path=" + enc(dir.resolve("dl").toString()));
        assertThat(head.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"dl.zip\"");
        assertThat(entries(http.getBytes("/download_files?path=" + enc(dir.resolve("dl").toString()))))
                .containsExactlyInAnyOrder("inner/x.txt", "y.txt");
        assertThat(entries(http.getBytes("/download_files?path=" + enc(dir.resolve("dl/y.txt").toString()))))
                .containsExactly("y.txt");
        assertThat(http.get("/download_files?path=relative").status()).isEqualTo(400);
        assertThat(http.get("/download_files?path=" + enc(dir.resolve("none").toString())).status()).isEqualTo(404);
    }

    @Test
    void apiKeyGuardsEveryRouteButAliveAndServerInfo() throws Exception {
        ServerOptions options = ServerOptions.builder(dir.toRealPath()).host("127.0.0.1").apiKey("s3cret").build();
        try (RuntimeServer guarded = RuntimeServer.start(options, Assembly.runtime(options))) {
            HttpFixture anonymous = new HttpFixture(guarded.port(), null);
            HttpFixture wrong = new HttpFixture(guarded.port(), "guess");
            HttpFixture right = new HttpFixture(guarded.port(), "s3cret");
            String body = "{\"action\":{\"action\":\"run\",\"args\":{\"command\":\"echo ok\"}}}";

            assertThat(anonymous.post("/execute_action", body).status()).isEqualTo(403);
            assertThat(wrong.post("/execute_action", body).body()).isEqualTo("{\"detail\":\"Invalid API Key\"}");
            assertThat(right.post("/execute_action", body).status()).isEqualTo(200);
            assertThat(anonymous.get("/alive").status()).isEqualTo(200);
            assertThat(anonymous.get("/server_info").status()).isEqualTo(200);
            assertThat(anonymous.post("/list_files", "{}").status()).isEqualTo(403);
        }
    }

    @Test
    void runsIpythonCellsWithTheJupyterPlugin() throws Exception {
        ServerOptions options = ServerOptions.builder(dir).host("127.0.0.1").plugins(List.of("jupyter")).build();
        try (RuntimeServer withKernel = RuntimeServer.start(options, Assembly.runtime(options))) {
            HttpFixture client = new HttpFixture(withKernel.port(), null);

            JsonNode legacy = client.post("/execute_action", "{\"action\":{\"action\":\"run_ipython\",\"args\":"
                    + "{\"code\":\"print(6*7)\",\"thought\":\"\",\"is_confirmed\":\"confirmed\","
                    + "\"kernel_init_code\":\"\"},\"timeout\":120}}").json();
            JsonNode current = client.post("/execute_action", "{\"action\":{\"action\":\"run_ipython\",\"args\":"
                    + "{\"code\":\"print(1)\",\"thought\":\"\",\"include_extra\":true,\"confirmation_state\":"
                    + "\"confirmed\",\"security_risk\":-1,\"kernel_init_code\":\"\"},\"timeout\":120.0}}").json();

            assertThat(legacy.get("content").asText()).startsWith("42\n[Jupyter current working directory: " + dir);
            assertThat(legacy.get("extras").toString()).isEqualTo("{\"code\":\"print(6*7)\"}");
            assertThat(current.get("success").asBoolean()).isTrue();
            assertThat(current.at("/extras/image_urls").isNull()).isTrue();
        }
    }

    @Test
    void browsesAPageInBothDialects() throws Exception {
        com.sun.net.httpserver.HttpServer site = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", ex -> {
            byte[] page = "<html><head><title>T</title></head><body><h1>Hi there</h1></body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        site.start();
        ServerOptions options = ServerOptions.builder(dir).host("127.0.0.1").build();
        try (RuntimeServer withBrowser = RuntimeServer.start(options, Assembly.runtime(options))) {
            HttpFixture client = new HttpFixture(withBrowser.port(), null);
            String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/";

            JsonNode legacy = client.post("/execute_action", "{\"action\":{\"action\":\"browse\",\"args\":"
                    + "{\"url\":\"" + url + "\",\"thought\":\"\"},\"timeout\":120}}").json();
            JsonNode current = client.post("/execute_action", "{\"action\":{\"action\":\"browse_interactive\","
                    + "\"args\":{\"browser_actions\":\"noop()\",\"thought\":\"\",\"browsergym_send_msg_to_user\":"
                    + "\"\",\"security_risk\":-1,\"return_axtree\":false},\"timeout\":120.0}}").json();

            assertThat(legacy.get("message").asText()).isEqualTo("Visited " + url);
            assertThat(legacy.get("content").asText()).isEqualTo("# Hi there");
            assertThat(legacy.has("trigger_by_action")).isFalse();
            assertThat(current.at("/extras/trigger_by_action").asText()).isEqualTo("browse_interactive");
            assertThat(current.get("content").asText()).containsPattern("\\[\\w+\\] heading 'Hi there'\n");
        } finally {
            site.stop(0);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static List<String> entries(byte[] zip) throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    @Test
    void aClientThatExpectsContinueGetsItAtOnce() throws Exception {
        String body = "{\"action\": {\"action\": \"run\", \"args\": {\"command\": \"echo continued\"}}}"
                + " ".repeat(2048);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            var out = socket.getOutputStream();
            out.write(("POST /execute_action HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Expect: 100-continue\r\nContent-Length: " + body.length() + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            // curl waits a second for this line before it sends the body; it must come without the body.
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 100 Continue");
            out.write(body.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            String line;
            do {
                line = in.readLine();
            } while (line != null && !line.startsWith("HTTP/1.1 2"));
            assertThat(line).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void aRunMayNameASessionAndCloseSessionEndsIt() throws Exception {
        HttpFixture.Reply r = http.post("/execute_action", """
                {"action": {"action": "run", "args": {"command": "cd / && pwd", "is_input": false,
                 "blocking": false, "session": "side"}}}""");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("content").asText()).isEqualTo("/");
        HttpFixture.Reply main = http.post("/execute_action", """
                {"action": {"action": "run", "args": {"command": "pwd", "is_input": false, "blocking": false}}}""");
        assertThat(main.json().get("content").asText()).contains(dir.toString());

        assertThat(http.post("/close_session", "{\"session\": \"side\"}").body()).isEqualTo("{\"closed\":true}");
        assertThat(http.post("/close_session", "{\"session\": \"side\"}").body()).isEqualTo("{\"closed\":false}");
        HttpFixture.Reply bad = http.post("/close_session", "{\"name\": 3}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("{\\\"session\\\": \\\"name\\\"}");
        HttpFixture.Reply badName = http.post("/execute_action", """
                {"action": {"action": "run", "args": {"command": "true", "session": "no spaces"}}}""");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.body()).contains("a session name is 1-64 of");
    }

    /**
     * Small replies leave from the I/O thread, large ones from the worker in slices: requests pipelined in one write,
     * with replies on both sides of that limit, are all answered, whole and in order, on the one connection.
     */
    @Test
    void pipelinedRequestsAreAnsweredInOrderWhateverTheReplySize() throws Exception {
        String[] commands = {"echo one", "seq 1 20000", "echo three", "seq 1 3", "echo five"};
        StringBuilder requests = new StringBuilder();
        for (String c : commands) {
            // The 2024 dialect: its replies carry the whole output.
            String body = "{\"action\": {\"action\": \"run\", \"args\": {\"command\": \"" + c + "\", "
                    + "\"thought\": \"\", \"blocking\": true, \"keep_prompt\": true, \"is_confirmed\": \"confirmed\"}}}";
            requests.append("POST /execute_action HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n")
                    .append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
        }
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(requests.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            var in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
            for (String c : commands) {
                assertThat(line(in)).isEqualTo("HTTP/1.1 200 OK");
                int length = -1;
                for (String h = line(in); !h.isEmpty(); h = line(in)) {
                    if (h.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(h.substring(15).trim());
                    }
                }
                byte[] body = new byte[length];
                in.readFully(body);
                JsonNode o = HttpFixture.JSON.readTree(body);
                assertThat(o.get("extras").get("command").asText()).isEqualTo(c);
                String content = o.get("content").asText();
                if (c.equals("seq 1 20000")) {
                    assertThat(body.length).isGreaterThan(Responses.IO_THREAD_REPLY);
                    assertThat(content).startsWith("1\r\n2\r\n").contains("\r\n19999\r\n20000\r\n");
                } else {
                    assertThat(body.length).isLessThan(Responses.IO_THREAD_REPLY);
                    assertThat(content).startsWith(c.startsWith("echo") ? c.substring(5) + "\r\n" : "1\r\n2\r\n3\r\n");
                }
            }
        }
    }

    private static String line(java.io.DataInputStream in) throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new java.io.EOFException("the connection closed after: " + sb);
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
