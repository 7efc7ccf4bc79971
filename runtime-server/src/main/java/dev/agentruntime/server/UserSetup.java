package dev.agentruntime.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python client's user preparation (§C.1): when this server runs as root and commands should run as another
 * user, that user is created (home directory, group root, sudo without password) unless it exists, and the working
 * directory is given to it. Failures are logged, not fatal, as in OpenHands.
 */
final class UserSetup {

    private static final System.Logger LOG = System.getLogger(UserSetup.class.getName());

    private UserSetup() {
    }

    static void prepare(ServerOptions options) {
        String user = options.username();
        String me = ProcessHandle.current().info().user().orElse("");
        if (user == null || user.equals(me) || !me.equals("root") || user.equals("root")) {
            return;
        }
        if (run(List.of("id", "-u", user)) != 0) {
            List<String> add = new java.util.ArrayList<>(List.of("useradd", "-rm", "-d", "/home/" + user, "-s",
                    "/bin/bash", "-g", "root"));
            if (options.userId() >= 0) {
                add.addAll(List.of("-u", Integer.toString(options.userId())));
            }
            add.add(user);
            if (run(add) != 0) {
                LOG.log(Level.WARNING, "could not create user " + user);
            }
        }
        run(List.of("mkdir", "-p", options.workingDirectory().toString()));
        run(List.of("chown", "-R", user + ":root", options.workingDirectory().toString()));
        run(List.of("chmod", "g+rw", options.workingDirectory().toString()));
    }

    private static int run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
