package dev.agentruntime.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.wire.ActionDecoding;
import dev.agentruntime.core.wire.DialectPolicy;
import dev.agentruntime.core.wire.OpenHandsWire;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionsTest {

    @Test
    void runWaitsForTheCommandUpToTwoMinutesAndStartReturnsWhenItGoesQuiet() {
        CmdRunAction run = Actions.run("make test");
        assertThat(run.blocking()).isTrue();
        assertThat(run.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(run.isInput()).isFalse();
        CmdRunAction start = Actions.start("python3 -m http.server");
        assertThat(start.blocking()).isFalse();
        assertThat(start.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(Actions.run("x").withTimeout(Duration.ofSeconds(5)).timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void inputKeysAndWaitingAreOpenHandsContinuations() {
        assertThat(Actions.input("y")).extracting(CmdRunAction::command, CmdRunAction::isInput,
                CmdRunAction::blocking).containsExactly("y", true, false);
        assertThat(Actions.interrupt().command()).isEqualTo("C-c");
        assertThat(Actions.keys(ControlKey.CTRL_D).command()).isEqualTo("C-d");
        assertThat(Actions.awaitOutput()).extracting(CmdRunAction::command, CmdRunAction::isInput)
                .containsExactly("", false);
    }

    @Test
    void editorFactoriesPutThePathFirstAndNameTheCommand() {
        assertThat(Actions.replace("/w/a.py", "x", "y")).isEqualTo(new FileEditAction("/w/a.py", "str_replace",
                null, "x", "y", null, "", 1, -1, "oh_aci", null, "", -1));
        assertThat(Actions.create("/w/a.py", "text").editorCommand()).contains(EditorCommand.CREATE);
        assertThat(Actions.insert("/w/a.py", 3, "z").insertLine()).isEqualTo(3);
        assertThat(Actions.undoEdit("/w/a.py").command()).isEqualTo("undo_edit");
        assertThat(Actions.view("/w/a.py", 2, -1)).isEqualTo(new FileReadAction("/w/a.py", 0, -1, "oh_aci",
                List.of(2, -1), null, "", -1));
        assertThat(EditorCommand.of("insert")).contains(EditorCommand.INSERT);
        assertThat(EditorCommand.of("delete")).isEmpty();
    }

    @Test
    void readsTakeOneBasedInclusiveLines() {
        assertThat(Actions.read("a.txt", 3, 5)).isEqualTo(new FileReadAction("a.txt", 2, 5));
        assertThatThrownBy(() -> Actions.read("a.txt", 0, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1-based");
    }

    @Test
    void aJavaWriteIsVerbatimAndSaysSoOnTheWire() {
        FileWriteAction write = Actions.write("a.txt", "x");
        assertThat(write.verbatim()).isTrue();
        assertThat(new FileWriteAction("a.txt", "x").verbatim()).as("OpenHands' own write").isFalse();
        String body = OpenHandsWire.encodeActionRequest(write, Dialect.CURRENT);
        assertThat(body).contains("\"verbatim\":true");
        ActionDecoding decoded = OpenHandsWire.decodeAction(body.getBytes(StandardCharsets.UTF_8),
                DialectPolicy.AUTO);
        assertThat(((ActionDecoding.Decoded) decoded).action()).isEqualTo(write);
        assertThat(OpenHandsWire.encodeActionRequest(new FileWriteAction("a.txt", "x"), Dialect.CURRENT))
                .doesNotContain("verbatim");
        assertThatThrownBy(() -> new FileWriteAction("a", "x", 2, 4, null, "", -1, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole file");
    }
}
