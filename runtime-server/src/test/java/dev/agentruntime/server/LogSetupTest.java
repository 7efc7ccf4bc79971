package dev.agentruntime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogSetupTest {

    private static LogRecord record(Throwable thrown) {
        LogRecord r = new LogRecord(Level.INFO, "POST /execute_action run 200 1.2 ms");
        r.setLoggerName("dev.agentruntime.server.requests");
        r.setMillis(0);
        r.setThrown(thrown);
        return r;
    }

    @Test
    void plainLinesCarryTimeLevelLoggerAndMessage() {
        String line = LogSetup.formatter(false).format(record(null));

        assertThat(line).isEqualTo("1970-01-01T00:00:00Z INFO dev.agentruntime.server.requests - POST /execute_action "
                + "run 200 1.2 ms" + System.lineSeparator());
    }

    @Test
    void jsonLinesAreOneObjectEachWithTheStackWhenThereIsOne() throws Exception {
        String line = LogSetup.formatter(true).format(record(new IllegalStateException("boom")));

        assertThat(line).endsWith(System.lineSeparator()).doesNotContain("\n" + "\t");
        JsonNode json = HttpFixture.JSON.readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("message").asText()).isEqualTo("POST /execute_action run 200 1.2 ms");
        assertThat(json.get("stack").asText()).startsWith("java.lang.IllegalStateException: boom");
    }
}
