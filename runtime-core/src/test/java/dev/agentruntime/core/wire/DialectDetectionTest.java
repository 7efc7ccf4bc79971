package dev.agentruntime.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.CmdRunAction;
import dev.agentruntime.core.Dialect;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DialectDetectionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            keep_prompt marks legacy        | {"action":{"action":"run","args":{"command":"ls","keep_prompt":false}}}            | LEGACY
            is_confirmed marks legacy       | {"action":{"action":"run","args":{"command":"ls","is_confirmed":"confirmed"}}}     | LEGACY
            is_input marks current          | {"action":{"action":"run","args":{"command":"ls","is_input":false}}}               | CURRENT
            both: current wins              | {"action":{"action":"run","args":{"command":"ls","keep_prompt":true,"is_input":false}}} | CURRENT
            int timeout means legacy        | {"action":{"action":"read","args":{"path":"a"},"timeout":120}}                       | LEGACY
            float timeout means current     | {"action":{"action":"read","args":{"path":"a"},"timeout":120.0}}                     | CURRENT
            nothing said means current      | {"action":{"action":"read","args":{"path":"a"}}}                                     | CURRENT
            edit is current                 | {"action":{"action":"edit","args":{"path":"/a"},"timeout":120}}                      | CURRENT
            """)
    void detectsTheDialectFromTheArguments(String name, String body, Dialect expected) {
        ActionDecoding.Decoded decoded = (ActionDecoding.Decoded) OpenHandsWire.decodeAction(body, DialectPolicy.AUTO);

        assertThat(decoded.dialect()).isEqualTo(expected);
    }

    @Test
    void legacyTimeoutMakesACommandBlocking() {
        String body = "{\"action\":{\"action\":\"run\",\"args\":{\"command\":\"ls\",\"blocking\":false,"
                + "\"keep_prompt\":true},\"timeout\":120}}";

        CmdRunAction run = (CmdRunAction) ((ActionDecoding.Decoded) OpenHandsWire.decodeAction(body,
                DialectPolicy.AUTO)).action();

        assertThat(run.blocking()).isTrue();
        assertThat(run.timeout()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void currentTimeoutKeepsTheBlockingFlag() {
        String body = "{\"action\":{\"action\":\"run\",\"args\":{\"command\":\"ls\",\"blocking\":false,"
                + "\"is_input\":false},\"timeout\":120.0}}";

        CmdRunAction run = (CmdRunAction) ((ActionDecoding.Decoded) OpenHandsWire.decodeAction(body,
                DialectPolicy.AUTO)).action();

        assertThat(run.blocking()).isFalse();
        assertThat(run.timeout()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void forcedDialectOverridesTheArguments() {
        String body = "{\"action\":{\"action\":\"run\",\"args\":{\"command\":\"ls\",\"is_input\":false}}}";

        ActionDecoding.Decoded decoded =
                (ActionDecoding.Decoded) OpenHandsWire.decodeAction(body, DialectPolicy.LEGACY);

        assertThat(decoded.dialect()).isEqualTo(Dialect.LEGACY);
    }

    @Test
    void currentDialectAcceptsLegacyConfirmationUnderItsOldName() {
        String body = "{\"action\":{\"action\":\"run\",\"args\":{\"command\":\"ls\",\"is_confirmed\":\"rejected\"}}}";

        CmdRunAction run = (CmdRunAction) ((ActionDecoding.Decoded) OpenHandsWire.decodeAction(body,
                DialectPolicy.CURRENT)).action();

        assertThat(run.confirmation().wireName()).isEqualTo("rejected");
    }

    @Test
    void insertLineGivenAsNumericStringIsAccepted() {
        String body = "{\"action\":{\"action\":\"edit\",\"args\":{\"path\":\"/a\",\"command\":\"insert\","
                + "\"insert_line\":\"3\"}}}";

        var edit = (dev.agentruntime.core.FileEditAction) ((ActionDecoding.Decoded) OpenHandsWire.decodeAction(body,
                DialectPolicy.AUTO)).action();

        assertThat(edit.insertLine()).isEqualTo(3);
    }

    @Test
    void invalidSecurityRiskIsDroppedLikeTheCurrentServerDoes() {
        String body = "{\"action\":{\"action\":\"run\",\"args\":{\"command\":\"ls\",\"security_risk\":7}}}";

        CmdRunAction run = (CmdRunAction) ((ActionDecoding.Decoded) OpenHandsWire.decodeAction(body,
                DialectPolicy.AUTO)).action();

        assertThat(run.securityRisk()).isEqualTo(-1);
    }
}
