package dev.agentruntime.benchmarks;

import dev.agentruntime.core.CmdOutputMetadata;
import dev.agentruntime.core.CmdOutputObservation;
import dev.agentruntime.core.wire.ActionDecoding;
import dev.agentruntime.core.wire.DialectPolicy;
import dev.agentruntime.core.wire.OpenHandsWire;

/** The wire codec: decode a typical run request and encode its observation (JMH has the rigorous version). */
final class WireFigures {

    static final String RUN_REQUEST = "{\"action\": {\"id\": 5, \"timestamp\": \"2025-11-28T12:00:01.123456\", "
            + "\"source\": \"agent\", \"message\": \"Running command: ls -l\", \"action\": \"run\", \"args\": "
            + "{\"command\": \"ls -l\", \"is_input\": false, \"thought\": \"\", \"blocking\": false, \"is_static\": "
            + "false, \"cwd\": null, \"hidden\": false, \"confirmation_state\": \"confirmed\", \"security_risk\": -1},"
            + " \"timeout\": 120.0}}";
    static final CmdOutputObservation RUN_OBSERVATION = new CmdOutputObservation("total 0\ndrwxr-xr-x 2 root root "
            + "4096 Nov 26 12:00 src", "ls -l", new CmdOutputMetadata(0, -1, "openhands", "host", "/workspace",
            "/usr/bin/python", "", "\n[The command completed with exit code 0.]"), false);

    private WireFigures() {
    }

    /** One round trip; returns the reply's length so the work cannot be optimised away. */
    static long roundTrip() {
        ActionDecoding d = OpenHandsWire.decodeAction(RUN_REQUEST, DialectPolicy.AUTO);
        String out = OpenHandsWire.encodeObservation(RUN_OBSERVATION, ((ActionDecoding.Decoded) d).dialect());
        return out.length();
    }

    static void run(Table t) {
        for (int i = 0; i < 200_000; i++) {
            roundTrip();
        }
        long[] samples = new long[20];
        for (int s = 0; s < samples.length; s++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 10_000; i++) {
                roundTrip();
            }
            samples[s] = (System.nanoTime() - t0) / 10_000;
        }
        t.add("wire", "decode run request + encode run observation, median", String.format("%.2f",
                new Stats(samples).median() / 1000.0), "µs", "target < 20 µs");
    }
}
