package dev.agentruntime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests no OpenHands host sends, made by mutating the ones it does: values of the wrong type, keys missing or
 * unknown, bodies cut short, with a fixed seed so that a failure is repeatable. Whatever comes in, the answer is
 * JSON, not a 5xx and not the runtime's answer to an unexpected exception, and the runtime goes on working. Paths and commands are only ever replaced by values of
 * another type or by safe ones, so no mutation reaches outside the test's directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class MalformedRequestsIT {

    private static final long SEED = 20261129L;
    /** How the runtime answers an exception no handler expected: a bug, whatever the request. */
    private static final String UNEXPECTED = "Internal error while executing";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    Path dir;
    RuntimeServer server;
    HttpFixture http;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        dir = tmp.toRealPath();
        ServerOptions options = ServerOptions.builder(dir).host("127.0.0.1").enableBrowser(false).build();
        server = RuntimeServer.start(options, Assembly.runtime(options));
        http = new HttpFixture(server.port(), null);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** Bodies of both dialects, as the 2024 and the current host send them. */
    private List<String> valid() {
        String file = HttpFixture.quote(dir.resolve("f.txt").toString());
        return List.of(
                "{\"action\":{\"action\":\"run\",\"args\":{\"command\":\"echo hi\",\"is_input\":false,"
                        + "\"blocking\":false},\"timeout\":10.0}}",
                "{\"action\":{\"action\":\"run\",\"args\":{\"command\":\"echo hi\",\"thought\":\"\",\"blocking\":true,"
                        + "\"keep_prompt\":true,\"is_confirmed\":\"confirmed\"},\"timeout\":10}}",
                "{\"action\":{\"action\":\"read\",\"args\":{\"path\":" + file + ",\"start\":0,\"end\":-1}}}",
                "{\"action\":{\"action\":\"read\",\"args\":{\"path\":" + file + ",\"view_range\":[1,2],"
                        + "\"impl_source\":\"oh_aci\"}}}",
                "{\"action\":{\"action\":\"write\",\"args\":{\"path\":" + file + ",\"content\":\"a\\nb\\n\","
                        + "\"start\":0,\"end\":-1}}}",
                "{\"action\":{\"action\":\"edit\",\"args\":{\"path\":" + file + ",\"command\":\"str_replace\","
                        + "\"old_str\":\"a\",\"new_str\":\"c\"}}}",
                "{\"action\":{\"action\":\"edit\",\"args\":{\"path\":" + file + ",\"command\":\"insert\","
                        + "\"insert_line\":1,\"new_str\":\"x\"}}}",
                "{\"action\":{\"action\":\"edit\",\"args\":{\"path\":" + file + ",\"command\":\"view\","
                        + "\"view_range\":[1,-1]}}}",
                "{\"action\":{\"action\":\"message\",\"args\":{\"content\":\"x\",\"wait_for_response\":false}}}",
                "{\"action\":{\"action\":\"think\",\"args\":{\"thought\":\"x\"}}}");
    }

    private static JsonNode odd(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(-1);
            case 2 -> NODES.numberNode(1e300);
            case 3 -> NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 4 -> NODES.booleanNode(random.nextBoolean());
            case 5 -> NODES.textNode("");
            case 6 -> NODES.textNode("\ud800");
            case 7 -> NODES.textNode("x".repeat(100_000));
            case 8 -> NODES.arrayNode().add(1).add("a");
            case 9 -> NODES.objectNode().set("a", NODES.arrayNode());
            case 10 -> NODES.textNode("nan");
            default -> NODES.numberNode(2.5);
        };
    }

    /** One to three mutations: a value of another type, a key removed or added, the action itself replaced. */
    private static JsonNode mutate(JsonNode original, Random random) {
        JsonNode doc = original.deepCopy();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            List<ObjectNode> objects = new ArrayList<>();
            if (doc instanceof ObjectNode root) {
                objects.add(root);
                if (root.get("action") instanceof ObjectNode action) {
                    objects.add(action);
                    if (action.get("args") instanceof ObjectNode args) {
                        objects.add(args);
                    }
                }
            }
            int kind = random.nextInt(10);
            if (objects.isEmpty() || kind == 0) {
                doc = random.nextBoolean() ? odd(random) : NODES.objectNode().set("action", odd(random));
                continue;
            }
            ObjectNode target = objects.get(random.nextInt(objects.size()));
            List<String> keys = new ArrayList<>();
            target.fieldNames().forEachRemaining(keys::add);
            if (keys.isEmpty() || kind >= 8) {
                String[] extra = {"zzz", "is_input", "session", "security_risk", "timeout", "hidden", "blocking",
                        "keep_prompt", "impl_source", "view_range"};
                target.set(extra[random.nextInt(extra.length)], odd(random));
            } else if (kind >= 6) {
                target.remove(keys.get(random.nextInt(keys.size())));
            } else {
                String key = keys.get(random.nextInt(keys.size()));
                JsonNode value = odd(random);
                if (key.equals("command") && value.isTextual()) { // a text command: one of a few harmless ones
                    String[] safe = {"", "C-c", "ctrl+c", "C-d", "echo 1\necho 2", "printf '\\xff\\xfe'"};
                    value = NODES.textNode(safe[random.nextInt(safe.length)]);
                }
                target.set(key, value);
            }
        }
        return doc;
    }

    @Test
    void mutatedActionsAreAnsweredWithJsonAndNeverA5xx() throws Exception {
        Random random = new Random(SEED);
        List<JsonNode> valid = new ArrayList<>();
        for (String body : valid()) {
            valid.add(HttpFixture.JSON.readTree(body));
        }
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String body = HttpFixture.JSON.writeValueAsString(mutate(valid.get(random.nextInt(valid.size())), random));
            if (random.nextInt(10) == 0) {
                body = body.substring(0, random.nextInt(body.length())); // cut short: never valid JSON any more
            }
            String route = random.nextInt(10) == 0 ? "/list_files" : "/execute_action";
            HttpFixture.Reply r = http.post(route, body);
            if (r.status() >= 500 || !isJson(r.body()) || r.body().contains(UNEXPECTED)) {
                failures.add(i + ": " + route + " " + body.substring(0, Math.min(200, body.length())) + " -> "
                        + r.status() + " " + r.body().substring(0, Math.min(300, r.body().length())));
            }
            if (i % 50 == 49) {
                assertThat(http.post("/execute_action", HttpFixture.run("echo alive")).json().get("content")
                        .asText()).as("after request %d", i).startsWith("alive");
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void mutatedMcpMessagesAreAnsweredWithJsonAndNeverA5xx() throws Exception {
        Random random = new Random(SEED);
        JsonNode call = HttpFixture.JSON.readTree("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"execute_bash\",\"arguments\":{\"command\":\"echo hi\",\"timeout\":10}}}");
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String body = HttpFixture.JSON.writeValueAsString(mutateRpc(call, random));
            if (random.nextInt(10) == 0) {
                body = body.substring(0, random.nextInt(body.length()));
            }
            HttpFixture.Reply r = http.post("/mcp", body);
            if (r.status() >= 500 || r.status() != 202 && !isJson(r.body()) || r.body().contains(UNEXPECTED)) {
                failures.add(i + ": " + body.substring(0, Math.min(200, body.length())) + " -> " + r.status() + " "
                        + r.body().substring(0, Math.min(300, r.body().length())));
            }
        }
        assertThat(failures).isEmpty();
    }

    private static JsonNode mutateRpc(JsonNode original, Random random) {
        ObjectNode doc = (ObjectNode) original.deepCopy();
        ObjectNode params = (ObjectNode) doc.get("params");
        ObjectNode arguments = (ObjectNode) params.get("arguments");
        switch (random.nextInt(7)) {
            case 0 -> doc.set(random.nextBoolean() ? "jsonrpc" : "id", odd(random));
            case 1 -> doc.set("method", random.nextBoolean() ? odd(random) : NODES.textNode("tools/list"));
            case 2 -> doc.remove(random.nextBoolean() ? "id" : "method");
            case 3 -> params.set(random.nextBoolean() ? "name" : "arguments", odd(random));
            case 4 -> arguments.set(random.nextBoolean() ? "timeout" : "is_input", odd(random));
            case 5 -> {
                ArrayNode batch = NODES.arrayNode().add(doc.deepCopy());
                return batch;
            }
            default -> params.put("name", random.nextBoolean() ? "nope" : "str_replace_editor");
        }
        return doc;
    }

    private static boolean isJson(String body) {
        try {
            HttpFixture.JSON.readTree(body.getBytes(StandardCharsets.UTF_8));
            return !body.isBlank();
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
