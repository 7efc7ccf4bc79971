package dev.agentruntime.jupyter.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * A kernel's connection file: five free loopback ports and a fresh HMAC key. The ports are free when chosen; a
 * kernel that loses the race to another process fails to bind and is started again with new ones.
 */
public record ConnectionInfo(int shell, int iopub, int stdin, int control, int hb, String key) {

    public static ConnectionInfo allocate() throws IOException {
        int[] ports = new int[5];
        ServerSocket[] sockets = new ServerSocket[5];
        try {
            for (int i = 0; i < 5; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
        }
        return new ConnectionInfo(ports[0], ports[1], ports[2], ports[3], ports[4], UUID.randomUUID().toString());
    }

    public String address(int port) {
        return "tcp://127.0.0.1:" + port;
    }

    /** Writes the file readable by its owner only: it holds the signing key. */
    public Path write(Path directory) throws IOException {
        ObjectNode json = WireCodec.object();
        json.put("transport", "tcp");
        json.put("ip", "127.0.0.1");
        json.put("shell_port", shell);
        json.put("iopub_port", iopub);
        json.put("stdin_port", stdin);
        json.put("control_port", control);
        json.put("hb_port", hb);
        json.put("signature_scheme", "hmac-sha256");
        json.put("key", key);
        json.put("kernel_name", "python3");
        Path file = directory.resolve("kernel-" + UUID.randomUUID() + ".json");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, WireCodec.bytes(json));
        return file;
    }

    @Override
    public String toString() {
        // Never log the key.
        return "ConnectionInfo[shell=" + shell + ", iopub=" + iopub + ", stdin=" + stdin + ", control=" + control
                + ", hb=" + hb + "]";
    }
}
