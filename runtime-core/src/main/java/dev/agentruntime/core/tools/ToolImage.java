package dev.agentruntime.core.tools;

import java.util.Objects;
import java.util.Optional;

/**
 * An image in a tool's result (a plot a cell drew, a browser screenshot): its MIME type and base64 data.
 *
 * @param mimeType e.g. {@code image/png}
 * @param base64   the image's bytes in base64
 */
public record ToolImage(String mimeType, String base64) {

    public ToolImage {
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(base64, "base64");
    }

    /** As a {@code data:} URL. */
    public String dataUrl() {
        return "data:" + mimeType + ";base64," + base64;
    }

    /** The image of a {@code data:<mime>;base64,...} URL, or of bare base64 (taken as PNG); empty for anything else. */
    public static Optional<ToolImage> of(String url) {
        if (url == null || url.isEmpty()) {
            return Optional.empty();
        }
        if (!url.startsWith("data:")) { // the 2024 dialect's screenshot is bare base64
            boolean base64 = url.chars().limit(256).allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
                    || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=');
            return base64 ? Optional.of(new ToolImage("image/png", url)) : Optional.empty();
        }
        int comma = url.indexOf(',');
        String head = comma < 0 ? "" : url.substring(5, comma);
        if (!head.endsWith(";base64")) {
            return Optional.empty();
        }
        String mime = head.substring(0, head.length() - ";base64".length());
        return Optional.of(new ToolImage(mime.isEmpty() ? "image/png" : mime, url.substring(comma + 1)));
    }
}
