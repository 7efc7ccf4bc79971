package dev.agentruntime.core.files;

import dev.agentruntime.core.bytes.Words;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading text files by line range without holding more than the asked-for lines, and binary detection. */
public final class TextFiles {

    /** Files up to this size are read whole rather than streamed. */
    private static final long BULK = 64L << 20;
    private static final int SLICE = 256 * 1024;

    private TextFiles() {
    }

    /**
     * Lines {@code [start, end)} of a UTF-8 file with OpenHands' {@code read_lines} rules. Two streaming passes: one
     * counts lines (bytes only), one decodes everything strictly and keeps only the range, so a 100 MB file costs the
     * heap of its answer, not of the file.
     *
     * @throws CharacterCodingException when the file is not valid UTF-8
     */
    public static String readLines(Path file, int start, int end) throws IOException {
        int[] range;
        if (start <= 0 && end == -1) { // the whole file, however many lines it has: no need to count them
            range = new int[] {0, Integer.MAX_VALUE};
        } else {
            int lines = countLines(file);
            range = LineRanges.readRange(lines, start, end);
            if (range[1] >= lines) {
                range[1] = Integer.MAX_VALUE;
            }
        }
        if (range[0] == 0 && range[1] == Integer.MAX_VALUE) {
            String whole = wholeAscii(file);
            if (whole != null) {
                return whole;
            }
        }
        StringBuilder out = new StringBuilder();
        try (BufferedReader in = strictReader(file)) {
            char[] buf = new char[1 << 16];
            int index = 0;
            boolean pendingCr = false;
            int n;
            while ((n = in.read(buf)) >= 0) {
                int lineStart = 0;
                for (int i = 0; i < n; i++) {
                    char c = buf[i];
                    if (c != '\n' && c != '\r') {
                        pendingCr = false;
                        continue;
                    }
                    if (c == '\n' && pendingCr) {
                        pendingCr = false;
                        lineStart = i + 1; // the \n of a \r\n: that line already ended
                        continue;
                    }
                    pendingCr = c == '\r';
                    if (index >= range[0] && index < range[1]) {
                        out.append(buf, lineStart, i - lineStart).append('\n');
                    }
                    index++;
                    lineStart = i + 1;
                }
                if (index >= range[0] && index < range[1]) {
                    out.append(buf, lineStart, n - lineStart); // a line continuing in the next block
                }
            }
        }
        return out.toString();
    }

    /**
     * All of an ASCII file (the usual source file) with its line ends made {@code \n}, read in bulk; {@code null} for
     * a file with other bytes or over 64 MiB, which take the line-by-line path.
     */
    private static String wholeAscii(Path file) throws IOException {
        if (Files.size(file) > BULK) {
            return null;
        }
        byte[] bytes = readAllBytes(file);
        if (Words.indexOfNonAscii(bytes, 0, bytes.length) >= 0) {
            return null;
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        return Words.indexOf(bytes, 0, (byte) '\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** The whole file as strict UTF-8. */
    public static String readAll(Path file) throws IOException {
        try (BufferedReader in = strictReader(file)) {
            StringBuilder out = new StringBuilder();
            char[] buf = new char[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.append(buf, 0, n);
            }
            return out.toString();
        }
    }

    /**
     * Reads the whole file as strict UTF-8 and keeps nothing: a {@link java.nio.charset.CharacterCodingException}
     * when it is not. A file up to {@link #BULK} is read at once and only its part from the first non-ASCII byte on
     * is decoded (the usual source file has none); a larger one is decoded as it streams.
     */
    public static void requireUtf8(Path file) throws IOException {
        if (Files.size(file) > BULK) {
            try (BufferedReader in = strictReader(file)) {
                char[] buf = new char[8192];
                while (in.read(buf) >= 0) {
                    // decoding is the check
                }
            }
            return;
        }
        byte[] bytes = readAllBytes(file);
        int i = Words.indexOfNonAscii(bytes, 0, bytes.length);
        if (i < 0) {
            return;
        }
        java.nio.charset.CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes, i, bytes.length - i);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(8192);
        while (true) {
            java.nio.charset.CoderResult r = strict.decode(in, out, true);
            if (r.isError()) {
                r.throwException();
            }
            out.clear();
            if (r.isUnderflow()) {
                r = strict.flush(out);
                if (r.isError()) {
                    r.throwException();
                }
                return;
            }
        }
    }

    /**
     * Writes {@code text} as UTF-8 over the file's old content (in place: an existing file keeps its inode, owner
     * and mode), in a few large writes: {@link Files#writeString} writes 8 KiB at a time.
     */
    public static void writeUtf8(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING,
                java.nio.file.StandardOpenOption.WRITE)) {
            // Slices no larger than the JDK's cached native copy buffer (Main sets 256 KiB): a larger one is
            // allocated and freed at every call.
            for (int at = 0; at < bytes.length; ) {
                at += ch.write(java.nio.ByteBuffer.wrap(bytes, at, Math.min(SLICE, bytes.length - at)));
            }
        }
    }

    /**
     * The whole file, read in slices of {@link #SLICE}. {@link Files#readAllBytes} reads it in one call, for
     * which the JDK allocates a native buffer of the file's size (outside its cache of small ones): after reads of
     * 10 MB files the process kept about 9 MB more, which nothing gave back.
     */
    public static byte[] readAllBytes(Path file) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException("file too large to read at once: " + file);
            }
            byte[] bytes = new byte[(int) size];
            int at = 0;
            while (at < bytes.length) {
                int n = ch.read(java.nio.ByteBuffer.wrap(bytes, at, Math.min(SLICE, bytes.length - at)));
                if (n < 0) {
                    return java.util.Arrays.copyOf(bytes, at); // it shrank meanwhile
                }
                at += n;
            }
            // It may have grown meanwhile: the rest, as Files.readAllBytes would read it.
            byte[] more = java.nio.channels.Channels.newInputStream(ch).readAllBytes();
            if (more.length == 0) {
                return bytes;
            }
            byte[] all = java.util.Arrays.copyOf(bytes, bytes.length + more.length);
            System.arraycopy(more, 0, all, bytes.length, more.length);
            return all;
        }
    }

    private static BufferedReader strictReader(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8
                .newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    }

    /** Lines as Python counts them: line ends ({@code \n}, {@code \r\n}, {@code \r}) plus a final unterminated one. */
    static int countLines(Path file) throws IOException {
        int lines = 0;
        boolean tail = false;
        boolean afterCr = false;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        if (!afterCr) {
                            lines++;
                        }
                        tail = false;
                        afterCr = false;
                    } else if (b == '\r') {
                        lines++;
                        tail = false;
                        afterCr = true;
                    } else {
                        tail = true;
                        afterCr = false;
                    }
                }
            }
        }
        return tail ? lines + 1 : lines;
    }

    /** The lines of a file, each ending in {@code \n} (the last one only if the file does). */
    public static List<String> lines(Path file) throws IOException {
        return new ArrayList<>(LineRanges.splitLines(readAll(file)));
    }

    /**
     * Whether a file looks binary, in the spirit of {@code binaryornot}: a NUL byte, more than 30% control
     * characters, or mostly non-ASCII bytes that are not UTF-8, in its first 1024 bytes. An empty file is text.
     */
    public static boolean isBinary(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(1024);
        }
        if (head.length == 0) {
            return false;
        }
        int control = 0;
        int high = 0;
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
            if (b >= 0 && b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1b && b != '\b') {
                control++;
            } else if (b < 0) {
                high++;
            }
        }
        if (control * 10 > head.length * 3) {
            return true;
        }
        if (high * 10 <= head.length * 3) {
            return false; // mostly ASCII: text, whatever its encoding (Latin-1 and the like are text)
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(head, 0, utf8Boundary(head)));
            return false;
        } catch (CharacterCodingException e) {
            return true;
        }
    }

    /** The length of {@code b} without a multi-byte character cut at its end. */
    private static int utf8Boundary(byte[] b) {
        int end = b.length;
        for (int back = 1; back <= 3 && end - back >= 0; back++) {
            int v = b[end - back] & 0xff;
            if ((v & 0xc0) == 0xc0) {
                int need = (v & 0xe0) == 0xc0 ? 2 : (v & 0xf0) == 0xe0 ? 3 : 4;
                return need > back ? end - back : end;
            }
            if ((v & 0x80) == 0) {
                return end;
            }
        }
        return end;
    }
}
