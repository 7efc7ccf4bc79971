package dev.agentruntime.benchmarks.jmh;

import dev.agentruntime.core.CmdOutputMetadata;
import dev.agentruntime.core.CmdOutputObservation;
import dev.agentruntime.core.Dialect;
import dev.agentruntime.core.wire.ActionDecoding;
import dev.agentruntime.core.wire.DialectPolicy;
import dev.agentruntime.core.wire.OpenHandsWire;
import dev.agentruntime.shell.CommandSplitter;
import dev.agentruntime.shell.internal.PromptMarker;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The pure parts: the wire codec, the command splitter, the prompt parser. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmarks {

    static final String RUN_REQUEST = "{\"action\": {\"id\": 5, \"timestamp\": \"2025-11-28T12:00:01.123456\", "
            + "\"source\": \"agent\", \"message\": \"Running command: ls -l\", \"action\": \"run\", \"args\": "
            + "{\"command\": \"ls -l\", \"is_input\": false, \"thought\": \"\", \"blocking\": false, \"is_static\": "
            + "false, \"cwd\": null, \"hidden\": false, \"confirmation_state\": \"confirmed\", \"security_risk\": -1},"
            + " \"timeout\": 120.0}}";
    static final CmdOutputObservation OBSERVATION = new CmdOutputObservation("total 0", "ls -l",
            new CmdOutputMetadata(0, -1, "openhands", "host", "/workspace", "/usr/bin/python", "",
                    "\n[The command completed with exit code 0.]"), false);
    static final String SCRIPT = "cat <<'EOF' > f.py\nprint('x')\nEOF\nfor i in 1 2 3; do\n  echo $i\ndone\n"
            + "python3 f.py && echo ok";
    static final PromptMarker MARKER = PromptMarker.withToken("0123456789abcdef");
    static final String PROMPT = "0\u001f\u001froot\u001fhost\u001f/root\u001f/usr/bin/python\u001f/workspace/project";

    @Benchmark
    public String decodeAndEncodeRunRoundTrip() {
        ActionDecoding d = OpenHandsWire.decodeAction(RUN_REQUEST, DialectPolicy.AUTO);
        return OpenHandsWire.encodeObservation(OBSERVATION, ((ActionDecoding.Decoded) d).dialect());
    }

    @Benchmark
    public String encodeLegacyObservation() {
        return OpenHandsWire.encodeObservation(OBSERVATION, Dialect.LEGACY);
    }

    @Benchmark
    public Object splitMultiLineScript() {
        return CommandSplitter.split(SCRIPT);
    }

    @Benchmark
    public Object parsePrompt() {
        return MARKER.parse(PROMPT);
    }
}
