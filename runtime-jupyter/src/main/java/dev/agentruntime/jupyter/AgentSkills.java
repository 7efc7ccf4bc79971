package dev.agentruntime.jupyter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.core.files.FileEditor;
import dev.agentruntime.core.files.Ownership;
import dev.agentruntime.core.spi.SandboxUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code agent_skills} plugin's kernel side: our own {@code agentskills} Python module (written from the
 * behavioural reference, shipped as a resource), put in a folder private to the kernel's user, and the bridge that
 * answers the module's {@code file_editor} with the runtime's own editor, the one the {@code edit} action uses, over
 * a Unix socket in that folder.
 *
 * <p>{@link #importCell} is the code that makes the helpers importable and imports them (as the Python client runs
 * {@code from ...agentskills import *} at start); run it after every kernel start. Threading: one daemon thread
 * answers the bridge; {@link #close} stops it and removes the folder.
 */
final class AgentSkills implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentSkills.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODULE = "agentskills.py";
    private static final int MAX_REQUEST = 64 << 20;

    private final Path directory;
    private final Path socketPath;
    private final ServerSocketChannel server;
    private final FileEditor editor;
    private final Thread bridge;
    private volatile boolean closed;

    private AgentSkills(Path directory, Path socketPath, ServerSocketChannel server, FileEditor editor) {
        this.directory = directory;
        this.socketPath = socketPath;
        this.server = server;
        this.editor = editor;
        this.bridge = new Thread(this::serve, "agentskills-editor");
        this.bridge.setDaemon(true);
    }

    /**
     * Writes the module into a new folder of {@code user}'s and opens the editor bridge there.
     *
     * @throws UncheckedIOException when the folder or the socket cannot be made
     */
    static AgentSkills install(SandboxUser user, FileEditor editor) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("agent-runtime-skills-");
            try (InputStream module = AgentSkills.class.getResourceAsStream("/dev/agentruntime/jupyter/" + MODULE)) {
                if (module == null) {
                    throw new IOException(MODULE + " is missing from the runtime-jupyter jar");
                }
                Files.copy(module, dir.resolve(MODULE));
            }
            Path socket = dir.resolve("editor.sock");
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            for (Path p : List.of(dir, dir.resolve(MODULE), socket)) {
                Ownership.handOver(p, user);
            }
            AgentSkills skills = new AgentSkills(dir, socket, server, editor);
            skills.bridge.start();
            return skills;
        } catch (IOException e) {
            delete(dir);
            throw new UncheckedIOException("cannot install the agent skills: " + e.getMessage(), e);
        }
    }

    /**
     * The cell that imports the helpers into the kernel's globals.
     *
     * @param head print what OpenHands' current helpers print where they differ from the 2024 ones
     */
    String importCell(boolean head) {
        String dir = CellText.pythonString(directory.toString());
        return "import sys as _ar_sys\n"
                + "if " + dir + " not in _ar_sys.path:\n"
                + "    _ar_sys.path.insert(0, " + dir + ")\n"
                + "import agentskills as _ar_skills\n"
                + "_ar_skills._configure(head=" + (head ? "True" : "False") + ", editor_socket="
                + CellText.pythonString(socketPath.toString()) + ")\n"
                + "from agentskills import *\n"
                + "print(', '.join(_ar_skills.__all__))\n"
                + "del _ar_sys, _ar_skills\n";
    }

    private void serve() {
        while (!closed) {
            try (SocketChannel client = server.accept()) {
                answer(client);
            } catch (IOException e) {
                if (!closed) {
                    LOG.debug("agentskills editor bridge: " + e.getMessage());
                }
            } catch (RuntimeException e) {
                LOG.warn("agentskills editor bridge failed on a request", e);
            }
        }
    }

    private void answer(SocketChannel client) throws IOException {
        byte[] request = Channels.newInputStream(client).readNBytes(MAX_REQUEST);
        JsonNode r = JSON.readTree(request);
        List<Integer> viewRange = null;
        if (r.path("view_range").isArray()) {
            viewRange = new ArrayList<>();
            for (JsonNode v : r.get("view_range")) {
                viewRange.add(v.intValue());
            }
        }
        FileEditor.Result result = editor.execute(r.path("command").asText(""), r.path("path").asText(""),
                text(r, "file_text"), text(r, "old_str"), text(r, "new_str"),
                r.path("insert_line").isIntegralNumber() ? r.get("insert_line").intValue() : null, viewRange);
        ObjectNode out = JSON.createObjectNode();
        out.put("output", result.output());
        out.put("refused", result.output().startsWith("ERROR:\n"));
        out.put("prev_exist", result.prevExist());
        out.put("old_content", result.oldText());
        out.put("new_content", result.newText());
        ByteBuffer reply = ByteBuffer.wrap(JSON.writeValueAsBytes(out));
        while (reply.hasRemaining()) {
            client.write(reply);
        }
    }

    private static String text(JsonNode r, String field) {
        JsonNode v = r.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Stops the bridge and removes the folder; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        delete(directory);
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("cannot remove " + dir, e);
        }
    }
}
