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
     * The first candidate that can {@code import ipykernel}: the {@code python3} the operating system finds on this
     * process's PATH (a virtualenv's, say), then {@code /usr/bin/python3} (Debian's, where
     * {@code python3-ipykernel} installs).
     *
     * @throws KernelException naming the Debian package when none can
     */
    public static String find() {
        Set<String> candidates = new LinkedHashSet<>(List.of("python3", "/usr/bin/python3"));
        List<String> tried = new ArrayList<>();
        for (String python : candidates) {
            if (!python.contains("/") || new File(python).canExecute()) {
                tried.add(python);
                String executable = executableWithIpykernel(python);
                if (executable != null) {
                    return executable;
                }
            }
        }
        throw new KernelException("No Python interpreter can import ipykernel (tried " + String.join(", ", tried)
                + "). Install it, e.g. on Debian: apt-get install " + DEBIAN_PACKAGE, null);
    }

    /**
     * The interpreter's own path ({@code sys.executable}, what OpenHands reports) when it can import ipykernel,
     * else {@code null}.
     */
    public static String executableWithIpykernel(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import sys, ipykernel; print(sys.executable)")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isBlank() ? out.strip() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
