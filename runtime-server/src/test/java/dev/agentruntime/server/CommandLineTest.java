package dev.agentruntime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.wire.DialectPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineTest {

    @Test
    void parsesThePythonClientsCommandLine() {
        CommandLine.Parsed p = CommandLine.parse(List.of("8000", "--working-dir", "/workspace", "--plugins",
                "jupyter", "agent_skills", "--username", "openhands", "--user-id", "1000",
                "--browsergym-eval-env", "miniwob", "--no-enable-browser"), Map.of());

        ServerOptions o = p.options();
        assertThat(o.port()).isEqualTo(8000);
        assertThat(o.workingDirectory()).isEqualTo(Path.of("/workspace"));
        assertThat(o.plugins()).containsExactly("jupyter", "agent_skills");
        assertThat(o.username()).isEqualTo("openhands");
        assertThat(o.userId()).isEqualTo(1000);
        assertThat(o.browsergymEvalEnv()).isEqualTo("miniwob");
        assertThat(o.enableBrowser()).isFalse();
        assertThat(o.host()).isEqualTo("0.0.0.0");
        assertThat(o.dialect()).isEqualTo(DialectPolicy.AUTO);
    }

    @Test
    void readsTheEnvironment() {
        ServerOptions o = CommandLine.parse(List.of("0", "--working-dir", "/w"),
                Map.of("SESSION_API_KEY", "k", "NO_CHANGE_TIMEOUT_SECONDS", "2.5")).options();

        assertThat(o.apiKey()).isEqualTo("k");
        assertThat(o.noChangeTimeout()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void optionsWinOverTheEnvironment() {
        ServerOptions o = CommandLine.parse(List.of("0", "--working-dir", "/w", "--api-key", "flag", "--dialect",
                "legacy", "--host", "127.0.0.1"), Map.of("SESSION_API_KEY", "env")).options();

        assertThat(o.apiKey()).isEqualTo("flag");
        assertThat(o.dialect()).isEqualTo(DialectPolicy.LEGACY);
        assertThat(o.host()).isEqualTo("127.0.0.1");
    }

    @ParameterizedTest(name = "--max-output {0}")
    @CsvSource({"10M, 10485760", "512k, 524288", "2048, 2048", "1K, 1024"})
    void readsTheOutputBoundWithItsUnit(String given, int characters) {
        ServerOptions o = CommandLine.parse(List.of("0", "--working-dir", "/w", "--max-output", given), Map.of())
                .options();

        assertThat(o.maxOutputChars()).isEqualTo(characters);
    }

    @Test
    void theOutputBoundDefaultsToTenMebiCharacters() {
        assertThat(CommandLine.parse(List.of("0", "--working-dir", "/w"), Map.of()).options().maxOutputChars())
                .isEqualTo(10 << 20);
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        CommandLine.Parsed p = CommandLine.parse(List.of("--help"), Map.of());

        assertThat(p.exitCode()).isZero();
        assertThat(p.message()).contains("SESSION_API_KEY").contains("NO_CHANGE_TIMEOUT_SECONDS")
                .contains("--no-enable-browser");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown plugin|8000 --working-dir /w --plugins jupyter wizard|Plugin wizard not found",
            "no port|--working-dir /w|PORT is required",
            "no working dir|8000|--working-dir is required",
            "bad port|eighty --working-dir /w|PORT must be an integer, got 'eighty'",
            "missing value|8000 --working-dir|--working-dir needs a value",
            "unknown option|8000 --working-dir /w --turbo|unknown argument --turbo",
            "bad dialect|8000 --working-dir /w --dialect new|--dialect must be auto, legacy or current",
            "tiny output bound|8000 --working-dir /w --max-output 100|--max-output must be a number of characters",
            "output bound words|8000 --working-dir /w --max-output lots|--max-output must be a number of characters"})
    void refusesBadCommandLinesWithAMessage(String name, String args, String message) {
        CommandLine.Parsed p = CommandLine.parse(List.of(args.split(" ")), Map.of());

        assertThat(p.exitCode()).isEqualTo(2);
        assertThat(p.message()).startsWith("error: " + message);
    }

    @Test
    void refusesABadTimeoutVariable() {
        CommandLine.Parsed p = CommandLine.parse(List.of("0", "--working-dir", "/w"),
                Map.of("NO_CHANGE_TIMEOUT_SECONDS", "soon"));

        assertThat(p.message()).startsWith("error: NO_CHANGE_TIMEOUT_SECONDS must be a positive number, got 'soon'");
    }

    @Test
    void theApiKeyComesFromAFileWhenNoKeyIsGiven() {
        Map<Path, String> files = Map.of(Path.of("/run/secrets/key"), "from-file\n", Path.of("/run/empty"), " \n");
        java.util.function.Function<Path, String> read = files::get;

        CommandLine.Parsed byFlag = CommandLine.parse(List.of("0", "--working-dir", "/w", "--api-key-file",
                "/run/secrets/key"), Map.of(), read);
        CommandLine.Parsed byVariable = CommandLine.parse(List.of("0", "--working-dir", "/w"),
                Map.of("SESSION_API_KEY_FILE", "/run/secrets/key"), read);
        CommandLine.Parsed variableWins = CommandLine.parse(List.of("0", "--working-dir", "/w"),
                Map.of("SESSION_API_KEY_FILE", "/run/secrets/key", "SESSION_API_KEY", "env"), read);
        CommandLine.Parsed empty = CommandLine.parse(List.of("0", "--working-dir", "/w", "--api-key-file",
                "/run/empty"), Map.of(), read);

        assertThat(byFlag.options().apiKey()).isEqualTo("from-file");
        assertThat(byFlag.warnings()).isEmpty();
        assertThat(byVariable.options().apiKey()).isEqualTo("from-file");
        assertThat(variableWins.options().apiKey()).isEqualTo("env");
        assertThat(empty.options()).isNull();
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.message()).contains("the API key file /run/empty is empty");
    }

    @Test
    void anUnreadableKeyFileIsAUsageErrorThatNamesIt() {
        CommandLine.Parsed p = CommandLine.parse(List.of("0", "--working-dir", "/w", "--api-key-file",
                "/nonexistent/agent-runtime-key"), Map.of());

        assertThat(p.options()).isNull();
        assertThat(p.message()).contains("cannot read the API key file /nonexistent/agent-runtime-key");
    }

    @Test
    void aKeyOnTheCommandLineWorksButIsWarnedAbout() {
        CommandLine.Parsed p = CommandLine.parse(List.of("0", "--working-dir", "/w", "--api-key", "k"), Map.of());

        assertThat(p.options().apiKey()).isEqualTo("k");
        assertThat(p.warnings()).singleElement().asString().contains("ps").contains("SESSION_API_KEY");
    }

    @Test
    void sudoIsGrantedUnlessRefusedAndTheEnvironmentIsKeptForTheAgent() {
        Map<String, String> env = Map.of("SANDBOX_ENV_X", "1");
        ServerOptions granted = CommandLine.parse(List.of("0", "--working-dir", "/w"), env).options();
        ServerOptions refused = CommandLine.parse(List.of("0", "--working-dir", "/w", "--no-sudo"), env).options();

        assertThat(granted.sudo()).isTrue();
        assertThat(refused.sudo()).isFalse();
        assertThat(granted.environment()).isEqualTo(env);
    }
}
