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
import java.nio.channels.FileChannel;
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
     * The most characters one read answers with (16 Mi): a whole file larger than this, or a line range holding more,
     * is a {@link TooLargeException} that says how to read less, found before the file is held in memory.
     */
    public static final int MAX_READ_CHARS = 16 << 20;

    /** A read that would answer with more than {@link #MAX_READ_CHARS}; nothing was kept. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(String message) {
            super(message);
        }
    }

    /**
     * Lines {@code [start, end)} of a UTF-8 file with OpenHands' {@code read_lines} rules, at most
     * {@link #MAX_READ_CHARS} of them.
     *
     * @throws CharacterCodingException when the file is not valid UTF-8
     * @throws TooLargeException        when the answer would be larger than the bound
     * @throws RegularFiles.NotRegularFileException when the path is a FIFO, a device, ...
     */
    public static String readLines(Path file, int start, int end) throws IOException {
        return readLines(file, start, end, MAX_READ_CHARS);
    }

    /**
     * As {@link #readLines(Path, int, int)} with another bound. One pass: every byte is decoded strictly (Python reads
     * the whole file, so a bad byte anywhere is an error) while only the lines asked for are kept, with the last two
     * seen for a start beyond the end (where {@code read_lines} falls back to the last lines, which only the end of
     * the file tells). The heap it takes is that of its answer, not of the file.
     */
    static String readLines(Path file, int start, int end, int maxChars) throws IOException {
        try (FileChannel ch = RegularFiles.openForReading(file)) {
            long size = ch.size();
            boolean whole = start <= 0 && end == -1;
            if (whole && size > maxChars) {
                throw new TooLargeException(file + " is " + size + " bytes, more than the " + maxChars
                        + " characters one read returns");
            }
            if (whole && size <= BULK) {
                String ascii = wholeAscii(ch, file);
                if (ascii != null) {
                    return ascii;
                }
                ch.position(0);
            }
            return new RangeReader(Math.max(start, 0), end, maxChars, file).read(strictReader(ch));
        }
    }

    /** Collects lines of a range while decoding a whole file once; see {@link #readLines(Path, int, int, int)}. */
    private static final class RangeReader {
        private final int from;
        private final int end;
        private final int maxChars;
        private final Path file;
        private final StringBuilder out = new StringBuilder();
        /** The line being read, while it may be one of the last two (a start at or beyond the end needs them). */
        private StringBuilder current;
        private String previous;
        private String last;
        private int index;

        RangeReader(int from, int end, int maxChars, Path file) {
            this.from = from;
            this.end = end;
            this.maxChars = maxChars;
            this.file = file;
            this.current = tracking() ? new StringBuilder() : null;
        }

        /** Lines kept on the way: {@code [from, end)}, at least one, as long as {@code from} is not past n-2. */
        private boolean inRange(int i) {
            return i >= from && (end == -1 || i < Math.max(from + 1L, end));
        }

        /** Whether the last two lines may still be needed: only while fewer than {@code from + 2} were seen. */
        private boolean tracking() {
            return end != -1 && index <= from + 1L;
        }

        String read(BufferedReader in) throws IOException {
            char[] buf = new char[1 << 16];
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
                    append(buf, lineStart, i - lineStart);
                    endLine();
                    lineStart = i + 1;
                }
                append(buf, lineStart, n - lineStart); // a line continuing in the next block
            }
            if (partial) {
                endUnterminated();
            }
            return answer();
        }

        /** Whether the line being read has characters (known even when they are not kept). */
        private boolean partial;

        private void append(char[] buf, int offset, int length) throws TooLargeException {
            if (length == 0) {
                return;
            }
            partial = true;
            if (inRange(index)) {
                out.append(buf, offset, length);
                bound(out.length());
            }
            if (current != null) {
                if (current.length() + length > maxChars) {
                    current = null; // too long to be returned anyway; if it is needed, that is said below
                } else {
                    current.append(buf, offset, length);
                }
            }
        }

        private void endLine() throws TooLargeException {
            if (inRange(index)) {
                out.append('\n');
                bound(out.length());
            }
            shift(current == null ? null : current.append('\n').toString());
        }

        private void endUnterminated() {
            shift(current == null ? null : current.toString());
        }

        private void shift(String line) {
            previous = last;
            last = line;
            index++;
            partial = false;
            if (!tracking()) {
                current = null;
                previous = null;
                last = null;
            } else if (current != null) {
                current.setLength(0);
            } else {
                current = new StringBuilder(); // the line before was too long to keep; this one may not be
            }
        }

        private String answer() throws TooLargeException {
            int lines = index;
            if (end == -1 || from <= lines - 2) {
                return out.toString(); // lines[from:] or lines[from:max(from+1, end)], as kept
            }
            // read_lines: begin = max(0, n-2), end = max(begin+1, min(end, n)): the last one or two lines.
            int begin = Math.max(0, lines - 2);
            int stop = Math.max(begin + 1, Math.min(Math.max(end, 0), lines));
            StringBuilder tail = new StringBuilder();
            for (int i = begin; i < Math.min(stop, lines); i++) {
                String line = i == lines - 1 ? last : previous;
                if (line == null) {
                    throw tooLarge();
                }
                tail.append(line);
            }
            bound(tail.length());
            return tail.toString();
        }

        private void bound(int chars) throws TooLargeException {
            if (chars > maxChars) {
                throw tooLarge();
            }
        }

        private TooLargeException tooLarge() {
            return new TooLargeException("the lines asked for in " + file + " hold more than the " + maxChars
                    + " characters one read returns");
        }
    }

    /**
     * All of an ASCII file (the usual source file) with its line ends made {@code \n}, read in bulk; {@code null} for
     * a file with other bytes, which takes the line-by-line path.
     */
    private static String wholeAscii(FileChannel ch, Path file) throws IOException {
        byte[] bytes = readAll(ch, file);
        if (Words.indexOfNonAscii(bytes, 0, bytes.length) >= 0) {
            return null;
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        return Words.indexOf(bytes, 0, (byte) '\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** The whole file as strict UTF-8. */
    public static String readAll(Path file) throws IOException {
        try (FileChannel ch = RegularFiles.openForReading(file); BufferedReader in = strictReader(ch)) {
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
        try (FileChannel ch = RegularFiles.openForReading(file)) {
            if (ch.size() > BULK) {
                try (BufferedReader in = strictReader(ch)) {
                    char[] buf = new char[8192];
                    while (in.read(buf) >= 0) {
                        // decoding is the check
                    }
                }
                return;
            }
            byte[] bytes = readAll(ch, file);
            int i = Words.indexOfNonAscii(bytes, 0, bytes.length);
            if (i >= 0) {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes, i, bytes.length - i));
            }
        }
    }

    /**
     * The first character of {@code text} that no Unicode encoding can write (a surrogate without its pair, which
     * JSON's {@code \\ud800} can carry), or -1. Java's encoders would write it as {@code ?} without a word.
     */
    public static int unencodable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Why {@code text} cannot be written, for an error observation, or {@code null} when it can. */
    public static String whyUnencodable(String text, String what) {
        int at = unencodable(text);
        return at < 0 ? null : String.format(java.util.Locale.ROOT, "The %s cannot be written as UTF-8: it holds a "
                + "lone surrogate (\\u%04x) at character %d. Nothing was written.", what, (int) text.charAt(at), at);
    }

    /**
     * Writes {@code text} as UTF-8 over the file's old content (in place: an existing file keeps its inode, owner
     * and mode), in a few large writes: {@link Files#writeString} writes 8 KiB at a time.
     *
     * @return whether the file was created
     * @throws java.nio.charset.CharacterCodingException when {@code text} holds a lone surrogate; nothing is written
     */
    public static boolean writeUtf8(Path file, String text) throws IOException {
        return write(file, text, StandardCharsets.UTF_8);
    }

    /**
     * As {@link #writeUtf8} in another charset; a character it cannot encode is a
     * {@link java.nio.charset.CharacterCodingException} before anything is written.
     */
    public static boolean write(Path file, String text, java.nio.charset.Charset charset) throws IOException {
        byte[] bytes;
        if (charset.equals(StandardCharsets.UTF_8)) {
            if (unencodable(text) >= 0) {
                throw new java.nio.charset.UnmappableCharacterException(1);
            }
            bytes = text.getBytes(StandardCharsets.UTF_8);
        } else {
            java.nio.ByteBuffer encoded = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(java.nio.CharBuffer.wrap(text));
            bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
        }
        try (RegularFiles.Opened out = RegularFiles.openForWriting(file, true)) {
            FileChannel ch = out.channel();
            // Slices no larger than the JDK's cached native copy buffer (Main sets 256 KiB): a larger one is
            // allocated and freed at every call.
            for (int at = 0; at < bytes.length; ) {
                at += ch.write(java.nio.ByteBuffer.wrap(bytes, at, Math.min(SLICE, bytes.length - at)));
            }
            return out.created();
        }
    }

    /**
     * The whole file, read in slices of {@link #SLICE}. {@link Files#readAllBytes} reads it in one call, for
     * which the JDK allocates a native buffer of the file's size (outside its cache of small ones): after reads of
     * 10 MB files the process kept about 9 MB more, which nothing gave back.
     */
    public static byte[] readAllBytes(Path file) throws IOException {
        try (FileChannel ch = RegularFiles.openForReading(file)) {
            return readAll(ch, file);
        }
    }

    private static byte[] readAll(FileChannel ch, Path file) throws IOException {
        long size = ch.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new TooLargeException(file + " is " + size + " bytes, too large to read at once");
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

    /** A strict UTF-8 reader of the channel from its position; closing it closes the channel. */
    private static BufferedReader strictReader(FileChannel ch) {
        return new BufferedReader(new InputStreamReader(java.nio.channels.Channels.newInputStream(ch),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
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
        try (InputStream in = java.nio.channels.Channels.newInputStream(RegularFiles.openForReading(file))) {
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
