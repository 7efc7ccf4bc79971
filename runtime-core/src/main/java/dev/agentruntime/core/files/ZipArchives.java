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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Safe zip extraction for uploads and streaming zip creation for downloads.
 *
 * <p>Extraction is all or nothing. Every entry is checked before anything is written (names that would land
 * outside the destination: {@code ../}, absolute paths, backslashes; symbolic-link entries; encrypted or unknown
 * compression; paths through a symbolic link of the destination). The entries are then written into a staging
 * directory made inside the destination, each verified as it is written (its CRC and size against its header,
 * every byte counted against {@link ExtractionLimits}), and only then moved into place: new files by rename, files
 * that existed rewritten in place after a copy of their old content is kept. Any failure puts back every file it
 * replaced and removes every file and directory it added; the staging directory goes in every case. All of it runs
 * with the sandbox user's rights ({@link FileIdentity}): whatever the agent swaps into the destination meanwhile
 * (a directory for a symbolic link to {@code /etc}), the kernel lets the extraction reach only what the agent could
 * reach itself.
 */
public final class ZipArchives {

    private static final String STAGING_PREFIX = ".agent-runtime-upload-";

    private ZipArchives() {
    }

    /**
     * Extracts {@code zip} into {@code destination} (created when missing), keeping the executable bit. Every file
     * and directory it creates is {@code owner}'s ({@link Ownership}); files it overwrites keep their owner and mode.
     *
     * @param zip a file this process can read (read before the identity changes)
     * @return the number of files written
     * @throws ArchiveException when the archive is unsafe, corrupt, too large or unreadable, or cannot be put in
     *                          place; the destination is then as it was
     */
    public static int extract(Path zip, Path destination, ExtractionLimits limits, SandboxUser owner)
            throws ArchiveException {
        try (ZipFile zf = ZipFile.builder().setPath(zip).get()) {
            List<ZipArchiveEntry> entries = Collections.list(zf.getEntries());
            if (entries.size() > limits.maxEntries()) {
                throw new ArchiveException("The archive has " + entries.size() + " entries; at most "
                        + limits.maxEntries() + " are allowed");
            }
            for (ZipArchiveEntry e : entries) {
                checkName(e, zf);
            }
            return FileIdentity.as(owner, () -> new Extraction(zf, entries, destination, limits, owner).run());
        } catch (ArchiveException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ArchiveException("The archive could not be extracted: " + e.getMessage(), e);
        }
    }

    private static void checkName(ZipArchiveEntry e, ZipFile zf) throws ArchiveException {
        String name = e.getName();
        if (name.contains("\\") || name.startsWith("/") || name.indexOf('\0') >= 0) {
            throw new ArchiveException("Refused archive entry '" + name + "': absolute paths are not allowed");
        }
        Path relative = Path.of(name).normalize();
        if (relative.startsWith("..") || relative.toString().isEmpty() && !e.isDirectory()) {
            throw new ArchiveException("Refused archive entry '" + name + "': it points outside the destination");
        }
        if (e.isUnixSymlink()) {
            throw new ArchiveException("Refused archive entry '" + name + "': symbolic links are not allowed");
        }
        if (!zf.canReadEntryData(e)) {
            throw new ArchiveException("Refused archive entry '" + name + "': encrypted or unsupported compression");
        }
    }

    /** One extraction, as the user: stage, verify, move into place, or undo all of it. */
    private static final class Extraction {
        private final ZipFile zf;
        private final List<ZipArchiveEntry> entries;
        private final Path destination;
        private final ExtractionLimits limits;
        private final SandboxUser owner;
        /** What was done to the destination, to undo in reverse order. */
        private final List<Runnable> undo = new ArrayList<>();
        private final List<Path> createdOutside = new ArrayList<>();
        private Path staging;

        Extraction(ZipFile zf, List<ZipArchiveEntry> entries, Path destination, ExtractionLimits limits,
                   SandboxUser owner) {
            this.zf = zf;
            this.entries = entries;
            this.destination = destination;
            this.limits = limits;
            this.owner = owner;
        }

        int run() throws ArchiveException {
            boolean done = false;
            try {
                createdOutside.addAll(Ownership.createDirectories(destination, owner));
                Path dest = destination.toRealPath();
                for (ZipArchiveEntry e : entries) {
                    checkPlace(e.getName(), dest);
                }
                staging = Files.createTempDirectory(dest, STAGING_PREFIX);
                Map<String, Boolean> staged = stage();
                for (Map.Entry<String, Boolean> e : staged.entrySet()) {
                    place(e.getKey(), e.getValue(), dest);
                }
                done = true;
                return (int) staged.values().stream().filter(isFile -> isFile).count();
            } catch (IOException e) {
                throw new ArchiveException("The archive could not be extracted: " + Ownership.why(e), e);
            } finally {
                if (!done) {
                    for (int i = undo.size() - 1; i >= 0; i--) {
                        undo.get(i).run();
                    }
                    Ownership.removeEmpty(createdOutside);
                }
                if (staging != null) {
                    deleteTree(staging);
                }
            }
        }

        /** An existing symbolic link on an entry's way is refused, before anything is written. */
        private void checkPlace(String name, Path dest) throws ArchiveException {
            Path target = dest.resolve(name).normalize();
            for (Path p = target; p != null && p.startsWith(dest) && !p.equals(dest); p = p.getParent()) {
                if (Files.isSymbolicLink(p)) {
                    throw new ArchiveException("Refused archive entry '" + name + "': " + (p.equals(target)
                            ? "it would replace a symbolic link" : "it would be written through the symbolic link "
                            + dest.relativize(p)));
                }
            }
        }

        /**
         * Writes every entry under the staging directory, verified; the relative paths in archive order, each
         * {@code true} for a file and {@code false} for a directory.
         */
        private Map<String, Boolean> stage() throws ArchiveException, IOException {
            Map<String, Boolean> staged = new LinkedHashMap<>();
            long written = 0;
            for (ZipArchiveEntry e : entries) {
                Path relative = Path.of(e.getName()).normalize();
                if (relative.toString().isEmpty()) {
                    continue; // "./": the destination itself
                }
                for (int i = 1; i < relative.getNameCount(); i++) { // its directories, outermost first
                    staged.putIfAbsent(relative.subpath(0, i).toString(), false);
                }
                Path target = staging.resolve(relative);
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    if (Boolean.TRUE.equals(staged.get(relative.toString()))) {
                        throw new ArchiveException("Refused archive entry '" + e.getName() + "': a file of the "
                                + "archive has that name");
                    }
                    staged.putIfAbsent(relative.toString(), false);
                    continue;
                }
                if (Boolean.FALSE.equals(staged.get(relative.toString()))) {
                    throw new ArchiveException("Refused archive entry '" + e.getName() + "': a directory of the "
                            + "archive has that name");
                }
                Files.createDirectories(target.getParent());
                Files.deleteIfExists(target); // a name the archive holds twice: the last one wins
                written += copy(e, target, limits.maxTotalBytes() - written);
                staged.remove(relative.toString());
                staged.put(relative.toString(), true);
            }
            return staged;
        }

        /** Copies one entry, checking its CRC and size as it goes; the bytes written. */
        private long copy(ZipArchiveEntry e, Path target, long budget) throws IOException, ArchiveException {
            CRC32 crc = new CRC32();
            long written = 0;
            try (InputStream in = zf.getInputStream(e);
                 OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    written += n;
                    if (written > budget) {
                        throw new ArchiveException("The archive expands to more than the allowed total size");
                    }
                    crc.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            } catch (java.util.zip.ZipException corrupt) {
                throw new ArchiveException("Refused archive entry '" + e.getName() + "': its data is corrupt ("
                        + corrupt.getMessage() + ")");
            }
            if (e.getSize() >= 0 && written != e.getSize()) {
                throw new ArchiveException("Refused archive entry '" + e.getName() + "': it holds " + written
                        + " bytes, its header says " + e.getSize());
            }
            if (e.getCrc() >= 0 && crc.getValue() != e.getCrc()) {
                throw new ArchiveException("Refused archive entry '" + e.getName() + "': its data is corrupt (CRC "
                        + String.format("%08x", crc.getValue()) + ", its header says "
                        + String.format("%08x", e.getCrc()) + ")");
            }
            if ((e.getUnixMode() & 0100) != 0) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(target);
                perms.add(PosixFilePermission.OWNER_EXECUTE);
                perms.add(PosixFilePermission.GROUP_EXECUTE);
                perms.add(PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(target, perms);
            }
            return written;
        }

        /** Moves one staged path into place, noting how to undo it. */
        private void place(String relative, boolean isFile, Path dest) throws ArchiveException, IOException {
            checkPlace(relative, dest);
            Path target = dest.resolve(relative);
            Path staged = staging.resolve(relative);
            boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
            if (!isFile) {
                if (exists && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new ArchiveException("Refused archive entry '" + relative + "/': a file of that name "
                            + "exists");
                }
                if (!exists) {
                    Files.createDirectory(target);
                    undo.add(() -> Ownership.removeEmpty(List.of(target)));
                    Ownership.giveToUser(target, owner);
                }
                return;
            }
            if (!exists) {
                Files.move(staged, target); // never replaces: something that appeared meanwhile fails it
                undo.add(() -> deleteQuietly(target));
                Ownership.giveToUser(target, owner);
                return;
            }
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new ArchiveException("Refused archive entry '" + relative + "': a directory of that name "
                        + "exists");
            }
            // In place, so that it keeps its owner and mode; its old content is kept until the end.
            Path backup = Files.createTempFile(staging, "replaced-", "");
            try (InputStream old = java.nio.channels.Channels.newInputStream(RegularFiles.openForReading(target));
                 OutputStream copy = Files.newOutputStream(backup)) {
                old.transferTo(copy);
            }
            undo.add(() -> overwriteQuietly(target, backup));
            overwrite(target, staged);
            if ((Files.getPosixFilePermissions(staged).contains(PosixFilePermission.OWNER_EXECUTE))) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(target);
                if (perms.add(PosixFilePermission.OWNER_EXECUTE) | perms.add(PosixFilePermission.GROUP_EXECUTE)
                        | perms.add(PosixFilePermission.OTHERS_EXECUTE)) {
                    Files.setPosixFilePermissions(target, perms);
                }
            }
        }
    }

    private static void overwrite(Path target, Path content) throws IOException {
        try (RegularFiles.Opened out = RegularFiles.openForWriting(target, true);
             java.nio.channels.FileChannel in = java.nio.channels.FileChannel.open(content)) {
            long size = in.size();
            for (long at = 0; at < size; ) {
                at += in.transferTo(at, size - at, out.channel());
            }
        }
    }

    private static void overwriteQuietly(Path target, Path content) {
        try {
            overwrite(target, content);
        } catch (IOException e) {
            // the agent removed or replaced it meanwhile: nothing of ours to put back
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // gone, or replaced by a directory the agent filled: its own
        }
    }

    /** Deletes a tree without following a link out of it (a link is deleted, not what it points to). */
    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult visitFile(Path file,
                        java.nio.file.attribute.BasicFileAttributes attrs) {
                    deleteQuietly(file);
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                    deleteQuietly(file);
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    deleteQuietly(dir);
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: what is left is inside the staging directory, the agent's own
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
                // Links are not followed; what cannot be read (a private subdirectory, a FIFO) is left out.
                Files.walkFileTree(source, new java.nio.file.SimpleFileVisitor<>() {
                    @Override
                    public java.nio.file.FileVisitResult visitFile(Path p,
                            java.nio.file.attribute.BasicFileAttributes attrs) throws IOException {
                        if (attrs.isRegularFile()) {
                            add(zip, p, under + source.relativize(p));
                        }
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }

                    @Override
                    public java.nio.file.FileVisitResult visitFileFailed(Path p, IOException e) {
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }
                });
            }
            zip.finish();
        }
    }

    /** One file as an entry; a file that cannot be opened (any more) as a regular file is left out. */
    private static void add(ZipArchiveOutputStream zip, Path file, String name) throws IOException {
        java.nio.channels.FileChannel in;
        try {
            in = RegularFiles.openForReading(file);
        } catch (java.nio.file.AccessDeniedException | RegularFiles.NotRegularFileException
                 | java.nio.file.NoSuchFileException e) {
            return;
        }
        try (InputStream content = java.nio.channels.Channels.newInputStream(in)) {
            ZipArchiveEntry entry = new ZipArchiveEntry(name);
            entry.setTime(Files.getLastModifiedTime(file).toMillis());
            entry.setUnixMode(0100000 | (Files.isExecutable(file) ? 0755 : 0644));
            zip.putArchiveEntry(entry);
            content.transferTo(zip);
            zip.closeArchiveEntry();
        }
    }
}
