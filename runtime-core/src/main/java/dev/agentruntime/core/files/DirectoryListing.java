package dev.agentruntime.core.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The {@code /list_files} rules of OpenHands. */
public final class DirectoryListing {

    private DirectoryListing() {
    }

    /**
     * Lists a directory: directories first with a trailing {@code /}, then files, each group sorted
     * case-insensitively; hidden entries included, dangling symbolic links left out. A missing path, a file, or an
     * unreadable directory gives an empty list.
     *
     * @param base the initial working directory, against which a relative or absent path resolves
     * @param path the path asked for, or {@code null}
     */
    public static List<String> list(Path base, String path) {
        Path dir = path == null || path.isEmpty() ? base : base.resolve(path);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> dirs = new ArrayList<>();
        List<String> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.forEach(p -> {
                String name = p.getFileName().toString();
                if (!Files.exists(p)) {
                    return; // a dangling symbolic link: os.path.exists() says no, and OpenHands leaves it out
                }
                if (Files.isDirectory(p)) {
                    dirs.add(name + "/");
                } else {
                    files.add(name);
                }
            });
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        Comparator<String> order = Comparator.comparing(s -> s.toLowerCase(Locale.ROOT));
        dirs.sort(order);
        files.sort(order);
        dirs.addAll(files);
        return dirs;
    }
}
