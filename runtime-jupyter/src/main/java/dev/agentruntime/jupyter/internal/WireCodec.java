package dev.agentruntime.jupyter.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The Jupyter wire protocol 5.3: {@code [identities...] <IDS|MSG> signature header parent metadata content
 * [buffers...]}. Pure: no sockets, so it is tested with golden frames.
 */
public final class WireCodec {

    public static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    static final ObjectMapper JSON = new ObjectMapper();

    /** A decoded message, or why the frames were dropped. */
    public sealed interface Decoded {
        record Message(KernelMessage message) implements Decoded {
        }

        record Dropped(String reason) implements Decoded {
        }
    }

    private final MessageSigner signer;
    private final String session;

    public WireCodec(MessageSigner signer, String session) {
        this.signer = signer;
        this.session = session;
    }

    /** A new message id. */
    public static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** The header of a request we send. */
    public byte[] header(String msgId, String msgType, String date) {
        ObjectNode h = JSON.createObjectNode();
        h.put("msg_id", msgId);
        h.put("session", session);
        h.put("username", "agent-runtime");
        h.put("date", date);
        h.put("msg_type", msgType);
        h.put("version", "5.3");
        return bytes(h);
    }

    /** The frames of a request with an empty parent (a new request) and no metadata. */
    public List<byte[]> encode(String msgId, String msgType, JsonNode content) {
        return encode(header(msgId, msgType, OffsetDateTime.now().toString()), "{}".getBytes(StandardCharsets.UTF_8),
                content);
    }

    /** The frames of a message with the given header and parent header bytes. */
    public List<byte[]> encode(byte[] header, byte[] parent, JsonNode content) {
        byte[] metadata = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] body = bytes(content);
        List<byte[]> frames = new ArrayList<>(6);
        frames.add(DELIMITER);
        frames.add(signer.sign(header, parent, metadata, body).getBytes(StandardCharsets.US_ASCII));
        frames.add(header);
        frames.add(parent);
        frames.add(metadata);
        frames.add(body);
        return frames;
    }

    /** Verifies and parses received frames; never throws. */
    public Decoded decode(List<byte[]> frames) {
        int d = 0;
        while (d < frames.size() && !Arrays.equals(frames.get(d), DELIMITER)) {
            d++;
        }
        if (frames.size() < d + 6) {
            return new Decoded.Dropped("too few frames after the delimiter");
        }
        String signature = new String(frames.get(d + 1), StandardCharsets.US_ASCII);
        byte[] header = frames.get(d + 2);
        byte[] parent = frames.get(d + 3);
        byte[] metadata = frames.get(d + 4);
        byte[] content = frames.get(d + 5);
        if (!signer.verify(signature, header, parent, metadata, content)) {
            return new Decoded.Dropped("bad signature");
        }
        try {
            JsonNode h = JSON.readTree(header);
            JsonNode p = JSON.readTree(parent);
            return new Decoded.Message(new KernelMessage(h.path("msg_id").asText(""), h.path("msg_type").asText(""),
                    p.path("msg_id").asText(""), JSON.readTree(content)));
        } catch (JsonProcessingException | RuntimeException e) {
            return new Decoded.Dropped("malformed JSON: " + e.getMessage());
        } catch (java.io.IOException e) {
            return new Decoded.Dropped("unreadable frames: " + e.getMessage());
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON of a tree cannot fail", e);
        }
    }

    /** A content object for building requests. */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
