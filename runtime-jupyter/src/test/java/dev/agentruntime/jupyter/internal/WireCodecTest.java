package dev.agentruntime.jupyter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden frames: the signature below was computed independently with Python's hmac module. */
class WireCodecTest {

    private static final String KEY = "a0436f6c-1916-498b-8eb9-e81ab9368e84";
    private static final byte[] HEADER = ("{\"msg_id\":\"m1\",\"session\":\"s1\",\"username\":\"agent-runtime\","
            + "\"date\":\"2026-11-26T12:00:00Z\",\"msg_type\":\"execute_request\",\"version\":\"5.3\"}")
            .getBytes(StandardCharsets.UTF_8);
    private static final String GOLDEN_SIGNATURE =
            "50d1e2136894692a6fc6587427f2b4d339cb32378a051a965c2910abc99ed1b4";

    private final WireCodec codec = new WireCodec(new MessageSigner(KEY), "s1");

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void signsTheFourJsonFramesLikeJupyterClient() {
        String sig = new MessageSigner(KEY).sign(HEADER, utf8("{}"), utf8("{}"), utf8("{\"code\":\"print(1)\"}"));

        assertThat(sig).isEqualTo(GOLDEN_SIGNATURE);
    }

    @Test
    void headerHasEveryRequiredField() {
        assertThat(new String(codec.header("m1", "execute_request", "2026-11-26T12:00:00Z"), StandardCharsets.UTF_8))
                .isEqualTo(new String(HEADER, StandardCharsets.UTF_8));
    }

    @Test
    void encodesDelimiterSignatureAndFrames() {
        List<byte[]> frames = codec.encode(HEADER, utf8("{}"), WireCodec.object().put("code", "print(1)"));

        assertThat(frames).hasSize(6);
        assertThat(frames.get(0)).isEqualTo(WireCodec.DELIMITER);
        assertThat(new String(frames.get(1), StandardCharsets.US_ASCII)).isEqualTo(GOLDEN_SIGNATURE);
        assertThat(new String(frames.get(5), StandardCharsets.UTF_8)).isEqualTo("{\"code\":\"print(1)\"}");
    }

    @Test
    void decodesAReplyAfterRoutingIdentities() {
        byte[] header = utf8("{\"msg_id\":\"r1\",\"msg_type\":\"execute_reply\",\"session\":\"k\",\"username\":\"u\","
                + "\"date\":\"d\",\"version\":\"5.3\"}");
        byte[] parent = HEADER;
        byte[] content = utf8("{\"status\":\"ok\",\"execution_count\":1}");
        String sig = new MessageSigner(KEY).sign(header, parent, utf8("{}"), content);
        List<byte[]> frames = new ArrayList<>(List.of(utf8("identity"), WireCodec.DELIMITER,
                sig.getBytes(StandardCharsets.US_ASCII), header, parent, utf8("{}"), content));

        WireCodec.Decoded decoded = codec.decode(frames);

        assertThat(decoded).isInstanceOf(WireCodec.Decoded.Message.class);
        KernelMessage m = ((WireCodec.Decoded.Message) decoded).message();
        assertThat(m.msgType()).isEqualTo("execute_reply");
        assertThat(m.parentMsgId()).isEqualTo("m1");
        assertThat(m.content().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void dropsABadSignature() {
        List<byte[]> frames = codec.encode(HEADER, utf8("{}"), WireCodec.object().put("code", "x"));
        frames.set(1, utf8("0".repeat(64)));

        assertThat(codec.decode(frames)).isEqualTo(new WireCodec.Decoded.Dropped("bad signature"));
    }

    @Test
    void dropsTruncatedAndMalformedMessages() {
        assertThat(codec.decode(List.of(WireCodec.DELIMITER, utf8("x")))).isInstanceOf(WireCodec.Decoded.Dropped.class);
        WireCodec unsigned = new WireCodec(new MessageSigner(""), "s");
        assertThat(unsigned.decode(List.of(WireCodec.DELIMITER, utf8(""), utf8("{nope"), utf8("{}"), utf8("{}"),
                utf8("{}")))).isInstanceOf(WireCodec.Decoded.Dropped.class);
    }
}
