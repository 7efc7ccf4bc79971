package dev.agentruntime.sandbox.docker.testing;

import dev.agentruntime.sandbox.SandboxSpec;
import dev.agentruntime.sandbox.docker.DockerSandboxes;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The sandbox image the Docker tests run: {@code agent-runtime:it}, built with {@code bin/build-image} from the
 * server jar of this build. The image carries the SHA-256 of the jar, the Dockerfile and the launchers under
 * {@code image/} as a label, so it is rebuilt only when one of them changed (and then Docker's layer cache keeps the packages: after a change of the jar alone,
 * only the jar and its class-data archive are redone).
 *
 * <p>Where no Docker daemon answers, the tests that need one are skipped, unless the system property
 * {@code agentruntime.tests.docker=required} is set ({@code bin/test} sets it once it has a daemon): then they fail.
 */
public final class TestImage {

    public static final String TAG = "agent-runtime:it";
    private static final String BUILD_LABEL = "agentruntime.dev/build-sha256";
    private static boolean built;

    private TestImage() {
    }

    /** A provider on the local daemon with the image ready; skips (or fails, when required) without a daemon. */
    public static synchronized DockerSandboxes provider() throws Exception {
        DockerSandboxes docker = DockerSandboxes.connect();
        if (!docker.available()) {
            docker.close();
            if ("required".equals(System.getProperty("agentruntime.tests.docker"))) {
                throw new AssertionError("agentruntime.tests.docker=required, but no Docker daemon answers");
            }
            assumeTrue(false, "no Docker daemon answers; the Docker sandbox tests are skipped");
        }
        if (!built) {
            build();
            built = true;
        }
        return docker;
    }

    public static SandboxSpec.Builder spec() {
        return SandboxSpec.builder().image(TAG);
    }

    private static void build() throws IOException, InterruptedException {
        Path root = repositoryRoot();
        Path jar = root.resolve("runtime-server/target/runtime-server.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("no " + jar + ": the reactor builds runtime-server before runtime-sandbox");
        }
        List<Path> inputs = new ArrayList<>(List.of(jar, root.resolve("Dockerfile")));
        try (Stream<Path> image = Files.walk(root.resolve("image"))) {
            image.filter(Files::isRegularFile).sorted().forEach(inputs::add);
        }
        String sha = sha256(inputs.toArray(Path[]::new));
        if (sha.equals(run("docker", "image", "inspect", "-f", "{{ index .Config.Labels \"" + BUILD_LABEL + "\" }}",
                TAG).strip())) {
            return;
        }
        Process p = new ProcessBuilder(root.resolve("bin/build-image").toString(), TAG, "--label",
                BUILD_LABEL + "=" + sha).redirectErrorStream(true).start();
        // Through System.out, not the inherited descriptor, which would corrupt the test runner's channel.
        p.getInputStream().transferTo(System.out);
        if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("bin/build-image " + TAG + " failed; see its output above");
        }
    }

    /** The repository: the first directory up from the module's that holds the Dockerfile and the server. */
    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("Dockerfile")) && Files.isDirectory(p.resolve("runtime-server"))) {
                return p;
            }
        }
        throw new AssertionError("no repository above " + Path.of("").toAbsolutePath());
    }

    public static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static String sha256(Path... files) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                digest.update(Files.readAllBytes(file));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
