package dev.agentruntime.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.CmdOutputMetadata;
import dev.agentruntime.core.CmdOutputObservation;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.FileEditAction;
import dev.agentruntime.core.FileEditObservation;
import org.junit.jupiter.api.Test;

class OpenHandsWireTest {

    @Test
    void truncatesLongCurrentRunOutputInTheMiddle() {
        String output = "a".repeat(20_000) + "b".repeat(20_000);
        CmdOutputObservation run = new CmdOutputObservation(output, "x", CmdOutputMetadata.ofExitCode(0), false);

        String json = OpenHandsWire.encodeObservation(run, Dialect.CURRENT);

        String content = ((CmdOutputObservation) ((ObservationDecoding.Decoded) OpenHandsWire.decodeObservation(json))
                .observation()).content();
        assertThat(content).isEqualTo("a".repeat(15_000) + OpenHandsWire.TRUNCATION_MARKER + "b".repeat(15_000));
    }

    @Test
    void keepsHiddenAndLegacyOutputWhole() {
        String output = "x".repeat(40_000);
        CmdOutputObservation hidden = new CmdOutputObservation(output, "x", CmdOutputMetadata.ofExitCode(0), true);
        CmdOutputObservation plain = new CmdOutputObservation(output, "x", CmdOutputMetadata.ofExitCode(0), false);

        assertThat(OpenHandsWire.encodeObservation(hidden, Dialect.CURRENT)).contains(output);
        assertThat(OpenHandsWire.encodeObservation(plain, Dialect.LEGACY)).contains(output);
    }

    @Test
    void truncationNeverSplitsASurrogatePair() {
        String output = "\uD83D\uDE00".repeat(40);

        String cut = OpenHandsWire.truncateMiddle(output, 10);

        assertThat(cut).isEqualTo("\uD83D\uDE00".repeat(5) + OpenHandsWire.TRUNCATION_MARKER
                + "\uD83D\uDE00".repeat(5));
    }

    @Test
    void errorBodyCarriesTheKeyOfItsDialectOrBoth() {
        assertThat(OpenHandsWire.encodeError("boom", Dialect.LEGACY)).isEqualTo("{\"message\":\"boom\"}");
        assertThat(OpenHandsWire.encodeError("boom", Dialect.CURRENT)).isEqualTo("{\"detail\":\"boom\"}");
        assertThat(OpenHandsWire.encodeError("boom", null)).isEqualTo("{\"detail\":\"boom\",\"message\":\"boom\"}");
    }

    @Test
    void runSuccessFollowsTheExitCode() {
        CmdOutputObservation failed = new CmdOutputObservation("", "false", CmdOutputMetadata.ofExitCode(1), false);

        assertThat(OpenHandsWire.encodeObservation(failed, Dialect.CURRENT)).endsWith("\"success\":false}")
                .contains("\"message\":\"Command `false` executed with exit code 1.\"");
    }

    @Test
    void anInsertLineThatIsNoIntegerIsAnsweredWithAnEditorErrorNotARefusal() {
        ActionDecoding d = OpenHandsWire.decodeAction("{\"action\": {\"action\": \"edit\", \"args\": {\"path\": "
                + "\"/w/a.txt\", \"command\": \"insert\", \"insert_line\": \"two\", \"new_str\": \"x\"}}}",
                DialectPolicy.AUTO);

        assertThat(d).isInstanceOf(ActionDecoding.Answered.class);
        FileEditObservation o = (FileEditObservation) ((ActionDecoding.Answered) d).observation();
        assertThat(o.content()).isEqualTo("ERROR:\nInvalid insert_line value: 'two'. Expected an integer.");
        assertThat(o.path()).isEqualTo("/w/a.txt");
        assertThat(o.newContent()).isEqualTo("x");
        assertThat(((ActionDecoding.Answered) d).dialect()).isEqualTo(Dialect.CURRENT);
    }

    @Test
    void anInsertLineGivenAsANumericStringIsAnInteger() {
        ActionDecoding d = OpenHandsWire.decodeAction("{\"action\": {\"action\": \"edit\", \"args\": {\"path\": "
                + "\"/w/a.txt\", \"command\": \"insert\", \"insert_line\": \" 3 \", \"new_str\": \"x\"}}}",
                DialectPolicy.AUTO);

        assertThat(((FileEditAction) ((ActionDecoding.Decoded) d).action()).insertLine()).isEqualTo(3);
    }

    @Test
    void requestBytesDecodeAsTheirTextAndBytesThatAreNotUtf8AreRefused() {
        String body = "{\"action\": {\"action\": \"write\", \"args\": {\"path\": \"caf\u00e9.txt\", "
                + "\"content\": \"\u4e2d \\ud83d\\ude00 \\n\"}}}";

        ActionDecoding fromBytes = OpenHandsWire.decodeAction(body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                DialectPolicy.AUTO);
        assertThat(fromBytes).isEqualTo(OpenHandsWire.decodeAction(body, DialectPolicy.AUTO));
        assertThat(((ActionDecoding.Decoded) fromBytes).action())
                .isEqualTo(new dev.agentruntime.core.FileWriteAction("caf\u00e9.txt", "\u4e2d \ud83d\ude00 \n"));

        byte[] latin1 = "{\"action\": {\"action\": \"read\", \"args\": {\"path\": \"caf\u00e9\"}}}"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        ActionDecoding refused = OpenHandsWire.decodeAction(latin1, DialectPolicy.AUTO);
        assertThat(refused).isInstanceOf(ActionDecoding.Rejected.class);
        assertThat(((ActionDecoding.Rejected) refused).message())
                .startsWith("Request body is not valid JSON at line 1, column ").contains("UTF-8");
    }
}
