package dev.agentruntime.core.files;

import dev.agentruntime.core.spi.SandboxUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Safe zip extraction for uploads and streaming zip creation for downloads.
 *
 * <p>Extraction refuses, before writing anything, entries that would land outside the destination ({@code ../},
 * absolute paths, backslashes, paths through an existing symbolic link) and symbolic-link entries; it counts the
 * bytes actually written against {@link ExtractionLimits}, and on any refusal removes what it created.
 */
public final class ZipArchives {

    private ZipArchives() {
    }

    /**
     * Extracts {@code zip} into {@code destination} (created when missing), keeping the executable bit. Every file
     * and directory it creates is given to {@code owner} ({@link Ownership}); files it overwrites keep their owner
     * and mode.
     *
     * @return the number of files written
     * @throws ArchiveException when the archive is unsafe, too large or unreadable; nothing is left behind
     */
    public static int extract(Path zip, Path destination, ExtractionLimits limits, SandboxUser owner)
            throws ArchiveException {
        List<Path> created = new ArrayList<>();
        try {
            created.addAll(Ownership.createDirectories(destination, owner));
            Path dest = destination.toRealPath();
            try (ZipFile zf = ZipFile.builder().setPath(zip).get()) {
                List<ZipArchiveEntry> entries = Collections.list(zf.getEntries());
                if (entries.size() > limits.maxEntries()) {
                    throw new ArchiveException("The archive has " + entries.size() + " entries; at most "
                            + limits.maxEntries() + " are allowed");
                }
                for (ZipArchiveEntry e : entries) {
                    check(e, dest, zf);
                }
                long written = 0;
                int files = 0;
                for (ZipArchiveEntry e : entries) {
                    Path target = dest.resolve(e.getName()).normalize();
                    if (e.isDirectory()) {
                        createDirectories(target, dest, created, owner);
                        continue;
                    }
                    createDirectories(target.getParent(), dest, created, owner);
                    written += copy(zf, e, target, limits.maxTotalBytes() - written, created, owner);
                    files++;
                }
                return files;
            }
        } catch (ArchiveException e) {
            undo(created);
            throw e;
        } catch (IOException | RuntimeException e) {
            undo(created);
            throw new ArchiveException("The archive could not be extracted: " + e.getMessage(), e);
        }
    }

    private static void check(ZipArchiveEntry e, Path dest, ZipFile zf) throws ArchiveException, IOException {
        String name = e.getName();
        if (name.contains("\\") || name.startsWith("/") || Path.of(name).isAbsolute()) {
            throw new ArchiveException("Refused archive entry '" + name + "': absolute paths are not allowed");
        }
        Path target = dest.resolve(name).normalize();
        if (!target.startsWith(dest) || target.equals(dest) && !e.isDirectory()) {
            throw new ArchiveException("Refused archive entry '" + name + "': it points outside the destination");
        }
        if (e.isUnixSymlink()) {
            throw new ArchiveException("Refused archive entry '" + name + "': symbolic links are not allowed");
        }
        if (!zf.canReadEntryData(e)) {
            throw new ArchiveException("Refused archive entry '" + name + "': encrypted or unsupported compression");
        }
        for (Path p = target.getParent(); p != null && p.startsWith(dest) && !p.equals(dest); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw new ArchiveException("Refused archive entry '" + name + "': it would be written through the "
                        + "symbolic link " + dest.relativize(p));
            }
        }
        if (Files.isSymbolicLink(target)) {
            throw new ArchiveException("Refused archive entry '" + name + "': it would replace a symbolic link");
        }
    }

    private static void createDirectories(Path dir, Path dest, List<Path> created, SandboxUser owner)
            throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !p.equals(dest) && !Files.exists(p, LinkOption.NOFOLLOW_LINKS);
                p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            Files.createDirectory(p);
            created.add(p);
            Ownership.giveToUser(p, owner);
        }
    }

    private static long copy(ZipFile zf, ZipArchiveEntry e, Path target, long budget, List<Path> created,
                             SandboxUser owner) throws IOException, ArchiveException {
        boolean existed = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        long written = 0;
        try (InputStream in = zf.getInputStream(e); OutputStream out = Files.newOutputStream(target)) {
            if (!existed) {
                created.add(target);
            }
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                written += n;
                if (written > budget) {
                    throw new ArchiveException("The archive expands to more than the allowed total size");
                }
                out.write(buffer, 0, n);
            }
        }
        if ((e.getUnixMode() & 0100) != 0) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(target);
            perms.add(PosixFilePermission.OWNER_EXECUTE);
            perms.add(PosixFilePermission.GROUP_EXECUTE);
            perms.add(PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(target, perms);
        }
        if (!existed) {
            Ownership.giveToUser(target, owner);
        }
        return written;
    }

    private static void undo(List<Path> created) {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (IOException e) {
                // best effort: a directory someone else wrote into stays
            }
        }
    }

    /**
     * Writes a zip of {@code source} to {@code out} as it walks: a directory's files with names relative to it
     * (symbolic links skipped), or a single file under its own name (OpenHands returns an empty zip there).
     *
     * @throws java.nio.file.NoSuchFileException when {@code source} does not exist
     */
    public static void write(Path source, OutputStream out) throws IOException {
        write(source, "", out);
    }

    /**
     * As {@link #write(Path, OutputStream)}, with every entry name under {@code prefix} ({@code prefix/a.txt}), as
     * OpenHands' {@code copy_to} sends a directory.
     */
    public static void write(Path source, String prefix, OutputStream out) throws IOException {
        String under = prefix.isEmpty() ? "" : prefix + "/";
        if (!Files.exists(source)) {
            throw new java.nio.file.NoSuchFileException(source.toString());
        }
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            if (Files.isRegularFile(source)) {
                add(zip, source, under + source.getFileName());
            } else {
                try (Stream<Path> walk = Files.walk(source)) {
                    for (Path p : (Iterable<Path>) walk::iterator) {
                        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                            add(zip, p, under + source.relativize(p));
                        }
                    }
                }
            }
            zip.finish();
        }
    }

    private static void add(ZipArchiveOutputStream zip, Path file, String name) throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setTime(Files.getLastModifiedTime(file).toMillis());
        entry.setUnixMode(0100000 | (Files.isExecutable(file) ? 0755 : 0644));
        zip.putArchiveEntry(entry);
        Files.copy(file, zip);
        zip.closeArchiveEntry();
    }
}
