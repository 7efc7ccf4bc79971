package dev.agentruntime.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The output bound holds for the 2024 dialect's content as sent, whose line ends grow by a {@code \r} each. */
class LegacyBoundTest {

    @Test
    void anOutputWithinTheBoundIsUntouched() {
        String text = "1\r\n2\r\n3\r\nroot@host:/w # ";
        assertThat(LegacyRun.boundedAsSent(text, 1024)).isSameAs(text);
    }

    @Test
    void aBoundedOutputIsCutAgainAsSentAroundOneMarkerThatCountsAllThatWasDropped() {
        // The terminal's capture kept 1,024 characters of short lines (head and tail) and dropped 5,000; CR LF made
        // the kept text about 1.5 times as long.
        StringBuilder head = new StringBuilder();
        for (int i = 0; head.length() < 768; i++) {
            head.append(i).append("\r\n");
        }
        StringBuilder tail = new StringBuilder();
        for (int i = 9000; tail.length() < 768; i++) {
            tail.append(i).append("\r\n");
        }
        String sent = head + "\r\n[... 5000 characters of output were dropped to bound memory ...]\r\n" + tail
                + "root@host:/w # ";
        String bounded = LegacyRun.boundedAsSent(sent, 1024);
        int keptLength = head.length() + tail.length() + "root@host:/w # ".length();
        String marker = "\r\n[... " + (5000 + keptLength - 1024) + " characters of output were dropped to bound "
                + "memory ...]\r\n";
        assertThat(bounded).isEqualTo(sent.substring(0, 512) + marker + sent.substring(sent.length() - 512));
        assertThat(bounded.split("\\[\\.\\.\\. ", -1)).as("one marker").hasSize(2);
    }
}
