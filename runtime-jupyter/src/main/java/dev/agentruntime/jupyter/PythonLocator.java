package dev.agentruntime.jupyter;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Finds an interpreter that can run ipykernel. */
public final class PythonLocator {

    /** The Debian package that provides ipykernel for the system interpreter. */
    public static final String DEBIAN_PACKAGE = "python3-ipykernel";

    private PythonLocator() {
    }

    /**
     * The first candidate that can {@code import ipykernel}: {@code /usr/bin/python3}, then each {@code python3} on
     * {@code path}.
     *
     * @param path the PATH to search (the caller passes the environment's)
     * @throws KernelException naming the Debian package when none can
     */
    public static String find(String path) {
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add("/usr/bin/python3");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(dir + "/python3");
                }
            }
        }
        List<String> tried = new ArrayList<>();
        for (String python : candidates) {
            if (new File(python).canExecute()) {
                tried.add(python);
                if (canImportIpykernel(python)) {
                    return python;
                }
            }
        }
        throw new KernelException("No Python interpreter can import ipykernel (tried " + String.join(", ", tried)
                + "). Install it, e.g. on Debian: apt-get install " + DEBIAN_PACKAGE, null);
    }

    static boolean canImportIpykernel(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import ipykernel").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
