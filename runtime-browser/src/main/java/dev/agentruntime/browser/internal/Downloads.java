package dev.agentruntime.browser.internal;

import dev.agentruntime.core.files.Ownership;
import dev.agentruntime.core.spi.SandboxUser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.WebResponse;

/** Saves a response that is a file (a PDF, an image, an archive) where the agent can open it; file naming. */
public final class Downloads {

    private static final Pattern FILENAME = Pattern.compile("filename\\*?=(?:UTF-8'')?\"?([^\";]+)\"?");

    private Downloads() {
    }

    /** Saves the body as a file of {@code owner} and returns the sentence that tells the agent where. */
    static String save(WebResponse response, Path directory, SandboxUser owner) {
        try {
            Ownership.createDirectories(directory, owner);
            Path target = unique(directory, name(response));
            try (InputStream in = response.getContentAsStream()) {
                Ownership.store(in, target, owner);
            }
            return "it was downloaded and saved to " + target;
        } catch (IOException e) {
            return "saving the download failed: " + e.getMessage();
        }
    }

    private static String name(WebResponse response) {
        String disposition = response.getResponseHeaderValue("Content-Disposition");
        if (disposition != null) {
            Matcher m = FILENAME.matcher(disposition);
            if (m.find()) {
                return clean(m.group(1));
            }
        }
        URL url = response.getWebRequest().getUrl();
        String path = url.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return clean(last.isEmpty() ? "download" : last);
    }

    /** A plain file name: no directories, nothing hidden. */
    public static String clean(String name) {
        String base = Path.of(name.replace('\\', '/')).getFileName().toString().replaceAll("^\\.+", "");
        return base.isEmpty() ? "download" : base;
    }

    /** {@code name} in {@code directory}, or {@code stem_1.ext}, {@code stem_2.ext}, ... when it is taken. */
    public static Path unique(Path directory, String name) {
        Path target = directory.resolve(name);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int n = 1; Files.exists(target); n++) {
            target = directory.resolve(stem + "_" + n + ext);
        }
        return target;
    }
}
