package dev.agentruntime.core.spi;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How this JVM turns file names into bytes. The JDK takes it from the locale once, at start-up ({@code sun.jnu.encoding},
 * which cannot be changed later): a JVM started without a UTF-8 locale, as in a container without {@code LANG}, encodes
 * names as ASCII, so it can neither open nor list correctly a file whose name is not ASCII. Python, which the OpenHands
 * runtime runs on, uses UTF-8 names under such a locale. {@code bin/serve} and the image start the JVM with a UTF-8
 * locale; a server started otherwise warns once.
 */
public final class FileNameEncoding {

    private FileNameEncoding() {
    }

    /** The encoding's name, as the JDK gives it ({@code ANSI_X3.4-1968} under the POSIX locale). */
    public static String name() {
        return System.getProperty("sun.jnu.encoding", StandardCharsets.UTF_8.name());
    }

    /** Whether every file name the agent can type is representable. */
    public static boolean isUtf8() {
        try {
            return Charset.forName(name()).equals(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** What a launcher should be told when names are not UTF-8; {@code null} when they are. */
    public static String warning() {
        return isUtf8() ? null : "file names are encoded as " + name() + ", since the server was started without a "
                + "UTF-8 locale: files whose names are not ASCII can be neither read, written nor listed. Start it "
                + "with LANG=C.UTF-8 (bin/serve and the image do).";
    }
}
