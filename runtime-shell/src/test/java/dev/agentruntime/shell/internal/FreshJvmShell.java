package dev.agentruntime.shell.internal;

import dev.agentruntime.shell.BashSession;
import dev.agentruntime.shell.CommandResult;
import dev.agentruntime.shell.ShellOptions;
import java.nio.file.Path;
import java.time.Duration;

/** A program that starts one shell and runs one command, for {@link NoTempDirectoryIT}'s fresh JVMs. */
final class FreshJvmShell {

    private FreshJvmShell() {
    }

    public static void main(String[] args) throws Exception {
        try (BashSession bash = BashSession.start(ShellOptions.builder(Path.of(args[0])).readRcFiles(false).build())) {
            CommandResult r = bash.run("echo ok", Duration.ofSeconds(30), null);
            System.out.println(r.output().strip());
        }
    }
}
