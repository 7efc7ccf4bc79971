package dev.agentruntime.jupyter.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures of Jupyter messages: lowercase hex over the header, parent header, metadata and content
 * frames exactly as sent or received. An empty key disables signing, as in the protocol. Thread-safe.
 */
public final class MessageSigner {

    private final SecretKeySpec key;

    public MessageSigner(String key) {
        this.key = key.isEmpty() ? null : new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The signature of the four JSON frames, or {@code ""} when signing is off. */
    public String sign(byte[] header, byte[] parent, byte[] metadata, byte[] content) {
        if (key == null) {
            return "";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(header);
            mac.update(parent);
            mac.update(metadata);
            mac.update(content);
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Constant-time check of a received signature. */
    public boolean verify(String signature, byte[] header, byte[] parent, byte[] metadata, byte[] content) {
        String expected = sign(header, parent, metadata, content);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
