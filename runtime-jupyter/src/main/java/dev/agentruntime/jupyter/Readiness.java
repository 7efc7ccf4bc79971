package dev.agentruntime.jupyter;

import dev.agentruntime.jupyter.internal.KernelChannels;
import dev.agentruntime.jupyter.internal.KernelProcess;
import dev.agentruntime.jupyter.internal.WireCodec;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits until a new kernel answers on shell and publishes on iopub: a SUB socket only sees messages sent after its
 * subscription reached the kernel, so {@code kernel_info_request} is repeated until one of its {@code status}
 * messages arrives on iopub (what {@code jupyter_client}'s {@code wait_for_ready} does).
 */
final class Readiness {

    private Readiness() {
    }

    static void await(KernelChannels channels, WireCodec codec, KernelProcess process, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new KernelException("the kernel exited during start-up (exit code " + process.exitCode()
                        + "): " + process.logTail().strip(), null);
            }
            String id = WireCodec.newId();
            CountDownLatch iopubLive = new CountDownLatch(1);
            channels.listen(id, m -> {
                if (m.msgType().equals("status")) {
                    iopubLive.countDown();
                }
            });
            try {
                channels.send(KernelChannels.Channel.SHELL, codec.encode(id, "kernel_info_request",
                        WireCodec.object()));
                if (iopubLive.await(250, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } finally {
                channels.unlisten(id);
            }
        }
        throw new KernelException("the kernel did not answer within " + timeout.toSeconds() + " s: "
                + process.logTail().strip(), null);
    }
}
