package dev.agentruntime.sandbox.spi;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Fresh secrets and names for sandboxes. */
public final class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    /** A fresh API key: 32 random bytes in hex. */
    public static String fresh() {
        return hex(32);
    }

    /** A short random suffix for a container's or pod's name: 10 hex digits. */
    public static String shortId() {
        return hex(5);
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
