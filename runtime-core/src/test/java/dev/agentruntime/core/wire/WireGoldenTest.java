package dev.agentruntime.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.core.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every action and observation type in both dialects, as the OpenHands hosts send and expect them: decode, encode
 * again, and compare key for key and in order (keys a server ignores, such as {@code id}, are left out).
 */
class WireGoldenTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> IGNORED_REQUEST_KEYS =
            List.of("id", "timestamp", "source", "cause", "tool_call_metadata", "llm_metrics");

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("legacy", "run"), Arguments.of("legacy", "run_ipython"), Arguments.of("legacy", "read"),
                Arguments.of("legacy", "write"), Arguments.of("legacy", "browse"),
                Arguments.of("legacy", "browse_interactive"),
                Arguments.of("current", "run"), Arguments.of("current", "run_interrupt"),
                Arguments.of("current", "run_ipython"), Arguments.of("current", "read"),
                Arguments.of("current", "read_aci"), Arguments.of("current", "write"),
                Arguments.of("current", "edit"), Arguments.of("current", "browse"),
                Arguments.of("current", "browse_interactive"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("requests")
    void requestRoundTripsInItsDialect(String dialectName, String name) throws IOException {
        String body = golden("requests/" + dialectName + "/" + name + ".json");
        Dialect dialect = Dialect.valueOf(dialectName.toUpperCase(Locale.ROOT));

        ActionDecoding decoding = OpenHandsWire.decodeAction(body, DialectPolicy.AUTO);

        assertThat(decoding).isInstanceOf(ActionDecoding.Decoded.class);
        ActionDecoding.Decoded decoded = (ActionDecoding.Decoded) decoding;
        assertThat(decoded.dialect()).isEqualTo(dialect);
        ObjectNode expected = (ObjectNode) MAPPER.readTree(body);
        IGNORED_REQUEST_KEYS.forEach(((ObjectNode) expected.get("action"))::remove);
        assertThat(OpenHandsWire.encodeActionRequest(decoded.action(), dialect))
                .isEqualTo(MAPPER.writeValueAsString(expected));
    }

    static Stream<Arguments> observations() {
        return Stream.of(
                Arguments.of("legacy", "run"), Arguments.of("legacy", "run_ipython"), Arguments.of("legacy", "read"),
                Arguments.of("legacy", "write"), Arguments.of("legacy", "browse"), Arguments.of("legacy", "error"),
                Arguments.of("current", "run"), Arguments.of("current", "run_running"),
                Arguments.of("current", "run_ipython"), Arguments.of("current", "read"),
                Arguments.of("current", "write"), Arguments.of("current", "edit"),
                Arguments.of("current", "browse"), Arguments.of("current", "error"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("observations")
    void observationRoundTripsInItsDialect(String dialectName, String name) throws IOException {
        String body = golden("observations/" + dialectName + "/" + name + ".json");
        Dialect dialect = Dialect.valueOf(dialectName.toUpperCase(Locale.ROOT));

        ObservationDecoding decoding = OpenHandsWire.decodeObservation(body);

        assertThat(decoding).isInstanceOf(ObservationDecoding.Decoded.class);
        ObservationDecoding.Decoded decoded = (ObservationDecoding.Decoded) decoding;
        JsonNode expected = MAPPER.readTree(body);
        assertThat(OpenHandsWire.encodeObservation(decoded.observation(), dialect))
                .isEqualTo(MAPPER.writeValueAsString(expected));
    }

    static String golden(String path) throws IOException {
        try (InputStream in = WireGoldenTest.class.getResourceAsStream("/golden/" + path)) {
            assertThat(in).as("golden file %s", path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
