package dev.agentruntime.server;

import dev.agentruntime.core.files.ArchiveException;
import dev.agentruntime.core.files.DirectoryListing;
import dev.agentruntime.core.files.FileIdentity;
import dev.agentruntime.core.files.RegularFiles;
import dev.agentruntime.core.files.Ownership;
import dev.agentruntime.core.spi.SandboxUser;
import dev.agentruntime.core.files.ZipArchives;
import dev.agentruntime.core.wire.ListFilesDecoding;
import dev.agentruntime.core.wire.OpenHandsWire;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.server.handlers.form.FormData;
import io.undertow.server.handlers.form.FormDataParser;
import io.undertow.server.handlers.form.FormParserFactory;
import io.undertow.server.handlers.form.MultiPartParserDefinition;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /upload_file}, {@code /list_files} and {@code /download_files}. */
final class FileRoutes {

    private final ServerState state;
    private final FormParserFactory forms;

    FileRoutes(ServerState state) {
        this.state = state;
        MultiPartParserDefinition multipart = new MultiPartParserDefinition();
        multipart.setMaxIndividualFileSize(state.options.maxUploadBytes());
        multipart.setFileSizeThreshold(64 * 1024); // larger parts stream to a temporary file
        // Part headers, the file name among them, as UTF-8 (what browsers, curl and the Python host send, and what
        // Python's server reads): Undertow's default, ISO-8859-1, turned résumé.pdf into rÃ©sumÃ©.pdf.
        multipart.setDefaultEncoding(StandardCharsets.UTF_8.name());
        this.forms = FormParserFactory.builder(false).addParser(multipart).build();
    }

    /**
     * Stores {@code file} in the directory {@code destination}. With {@code recursive=true} the file must be a zip,
     * extracted safely. What is created belongs to the sandbox user, group root, group-writable; a file that existed
     * is overwritten in place and keeps its owner and mode. A {@code .zip} sent with {@code recursive=false} is stored as a file: the current OpenHands
     * server extracts it anyway (its issue #4279), which surprised users.
     */
    void upload(HttpServerExchange ex) throws IOException {
        String destination = query(ex, "destination", "/");
        boolean recursive = Boolean.parseBoolean(query(ex, "recursive", "false"));
        if (!destination.startsWith("/")) {
            Responses.error(ex, 400, "Destination must be an absolute path", null);
            return;
        }
        try (FormDataParser parser = forms.createParser(ex)) {
            if (parser == null) {
                Responses.error(ex, 400, "Expected a multipart/form-data body with a 'file' field", null);
                return;
            }
            FormData data;
            try {
                data = parser.parseBlocking();
            } catch (MultiPartParserDefinition.FileTooLargeException | RequestTooBigException e) {
                Responses.error(ex, 413, "The upload is larger than the limit of "
                        + state.options.maxUploadBytes() + " bytes", null);
                return;
            } catch (IOException e) { // cut short, or not the multipart its header announced
                Responses.error(ex, 400, "The multipart body could not be read: " + e.getMessage(), null);
                return;
            }
            FormData.FormValue file = data.getFirst("file");
            if (file == null || !file.isFileItem() || file.getFileName() == null) {
                Responses.error(ex, 400, "The multipart body has no 'file' field with a file name", null);
                return;
            }
            String name = fileName(file.getFileName());
            Path dest;
            try {
                dest = Path.of(destination);
            } catch (InvalidPathException e) {
                dest = null;
            }
            if (name == null || dest == null) {
                Responses.error(ex, 400, "Invalid " + (name == null ? "file name: " + file.getFileName()
                        : "destination: " + destination), null);
                return;
            }
            if (recursive && !name.endsWith(".zip")) {
                Responses.error(ex, 400, "Recursive uploads must be zip files", null);
                return;
            }
            SandboxUser owner = state.runtime.workspace().user();
            Path upload = file.getFileItem().isInMemory() ? null : file.getFileItem().getFile();
            if (recursive) {
                Path zip = upload != null ? upload : spool(file);
                try {
                    ZipArchives.extract(zip, dest, state.options.extraction(), owner);
                } catch (ArchiveException e) {
                    Responses.error(ex, 400, e.getMessage(), null);
                    return;
                } finally {
                    if (upload == null) {
                        Files.deleteIfExists(zip);
                    }
                }
            } else {
                Path target = dest.resolve(name);
                // The upload is opened as the server (its temporary file is the server's); it is stored as the agent.
                try (InputStream in = file.getFileItem().getInputStream()) {
                    FileIdentity.as(owner, () -> Ownership.store(in, target, owner));
                } catch (java.nio.file.AccessDeniedException e) {
                    Responses.error(ex, 403, "Permission denied: " + target, null);
                    return;
                } catch (RegularFiles.NotRegularFileException e) {
                    Responses.error(ex, 400, "Not a regular file: " + target + " is " + e.kind(), null);
                    return;
                } catch (IOException e) {
                    Responses.error(ex, 500, "The file could not be stored: " + Ownership.why(e), null);
                    return;
                }
            }
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("filename", name);
            reply.put("destination", destination);
            reply.put("recursive", recursive);
            Responses.json(ex, 200, OpenHandsWire.encodeValue(reply));
        }
    }

    /** The last part of an uploaded file's name, as Python's client stores it; null when no file can have it. */
    private static String fileName(String given) {
        try {
            Path last = Path.of(given).getFileName();
            String name = last == null ? "" : last.toString();
            return name.isEmpty() || name.equals(".") || name.equals("..") ? null : name;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static Path spool(FormData.FormValue file) throws IOException {
        Path tmp = Files.createTempFile("agent-runtime-upload-", ".zip");
        try (var in = file.getFileItem().getInputStream()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        return tmp;
    }

    /** The names in a directory, relative paths against the initial working directory; never an error. */
    void list(HttpServerExchange ex) throws IOException {
        String body = Routes.requestBody(ex, state.options.maxRequestBytes());
        if (body == null) {
            return;
        }
        ListFilesDecoding decoding = OpenHandsWire.decodeListFiles(body);
        if (decoding instanceof ListFilesDecoding.Rejected rejected) {
            Responses.error(ex, 400, rejected.message(), null);
            return;
        }
        String path = ((ListFilesDecoding.Request) decoding).path();
        java.util.List<String> names = FileIdentity.as(state.runtime.workspace().user(),
                () -> DirectoryListing.list(state.runtime.workspace().initialDirectory(), path));
        Responses.json(ex, 200, OpenHandsWire.encodeValue(names));
    }

    /**
     * A zip of a directory (entries relative to it), streamed as it is written. For a single file the zip holds that
     * file: OpenHands answers with an empty zip there.
     */
    void download(HttpServerExchange ex) throws IOException {
        String path = query(ex, "path", null);
        if (path == null || !path.startsWith("/")) {
            Responses.error(ex, 400, "Path must be an absolute path", null);
            return;
        }
        Path source;
        try {
            source = Path.of(path);
        } catch (InvalidPathException e) {
            Responses.error(ex, 400, "Invalid path: " + path, null);
            return;
        }
        SandboxUser user = state.runtime.workspace().user();
        // As the agent: it downloads nothing its own shell could not read.
        String refusal = FileIdentity.as(user, () -> readable(source));
        if (refusal != null) {
            Responses.error(ex, refusal.equals("File not found") ? 404 : 403, refusal, null);
            return;
        }
        String name = source.getFileName() == null ? "root" : source.getFileName().toString();
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/zip");
        ex.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, attachment(name + ".zip"));
        java.io.OutputStream out = ex.getOutputStream();
        FileIdentity.as(user, () -> {
            ZipArchives.write(source, out);
            return null;
        });
    }

    /** Why {@code source} cannot be downloaded, or {@code null} when it can: it exists and opens. */
    private static String readable(Path source) {
        if (!Files.exists(source)) {
            return "File not found";
        }
        try {
            if (Files.isDirectory(source)) {
                Files.newDirectoryStream(source).close();
            } else {
                RegularFiles.openForReading(source).close();
            }
            return null;
        } catch (java.nio.file.AccessDeniedException e) {
            return "Permission denied: " + source;
        } catch (RegularFiles.NotRegularFileException e) {
            return "Not a regular file: " + source + " is " + e.kind();
        } catch (IOException e) {
            return "Cannot read " + source + ": " + Ownership.why(e);
        }
    }

    /**
     * The {@code Content-Disposition} of a download, as Starlette writes it for the Python server: the name quoted
     * when percent-encoding leaves it unchanged, else {@code filename*=utf-8''} and its UTF-8 bytes percent-encoded
     * (a header is Latin-1: a name that is not ASCII would otherwise arrive garbled).
     */
    static String attachment(String fileName) {
        StringBuilder encoded = new StringBuilder();
        boolean plain = true;
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "_.-~/".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                plain = false;
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return plain ? "attachment; filename=\"" + fileName + "\"" : "attachment; filename*=utf-8''" + encoded;
    }

    private static String query(HttpServerExchange ex, String name, String fallback) {
        Deque<String> values = ex.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? fallback : values.getFirst();
    }
}
