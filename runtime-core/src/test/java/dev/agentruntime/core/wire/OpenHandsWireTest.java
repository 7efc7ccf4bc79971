package dev.agentruntime.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.CmdOutputMetadata;
import dev.agentruntime.core.CmdOutputObservation;
import dev.agentruntime.core.Dialect;
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
}
