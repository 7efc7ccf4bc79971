package dev.agentruntime.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.shell.PromptInfo;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The reader on an in-memory terminal: prompts found even when split across reads, output kept apart. */
class TerminalReaderTest {

    private static final PromptMarker MARKER = PromptMarker.withToken("feedfacecafebeef");
    private static final String S = "\u001f";

    private static String prompt(int exitCode, String dir) {
        return MARKER.start() + exitCode + S + S + "u" + S + "h" + S + "/home/u" + S + S + dir + MARKER.end();
    }

    /** Hands out one byte per read: every boundary a marker or a UTF-8 character can be split at. */
    private static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    private static TerminalReader readAll(String terminal) {
        TerminalReader reader = new TerminalReader(trickle(terminal.getBytes(StandardCharsets.UTF_8)), MARKER, 1 << 20);
        reader.run(); // until the end of the stream, on this thread
        return reader;
    }

    @Test
    void findsAPromptSplitAcrossReadsAndKeepsTheOutputApart() throws Exception {
        TerminalReader reader = readAll("héllo wörld\n" + prompt(3, "/tmp"));

        TerminalReader.Outcome outcome = reader.await(0, 0);

        assertThat(outcome.prompt()).isEqualTo(new PromptInfo(3, -1, "u", "h", "/home/u", "", "/tmp"));
        assertThat(reader.takeOutput(new long[1])).isEqualTo("héllo wörld\n");
    }

    @Test
    void aFakePromptIsOutput() throws Exception {
        String fake = MARKER.start() + "${?}" + S + "x" + MARKER.end();
        TerminalReader reader = readAll("before " + fake + " after");

        assertThat(reader.await(0, 0).eof()).isTrue();
        assertThat(reader.takeOutput(new long[1])).isEqualTo("before " + fake + " after");
    }

    @Test
    void anUnfinishedMarkerAtTheEndIsOutputToo() throws Exception {
        String partial = MARKER.start().substring(0, 10);
        TerminalReader reader = readAll("text " + partial);

        assertThat(reader.await(0, 0).eof()).isTrue();
        assertThat(reader.takeOutput(new long[1])).isEqualTo("text " + partial);
        assertThat(reader.promptCount()).isZero();
    }

    @Test
    void countsEveryPrompt() {
        TerminalReader reader = readAll(prompt(0, "/") + "a\n" + prompt(1, "/") + "b\n" + prompt(2, "/"));

        assertThat(reader.promptCount()).isEqualTo(3);
    }
}
