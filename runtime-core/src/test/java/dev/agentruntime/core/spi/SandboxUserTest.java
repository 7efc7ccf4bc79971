package dev.agentruntime.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxUserTest {

    @TempDir
    Path dir;

    @Test
    void aPasswdFileIsSearchedByNameOrByUidAsGetentSearchesIt() throws Exception {
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, String.join("\n",
                "root:x:0:0:root:/root:/bin/bash",
                "broken line",
                "1000:x:1001:1001::/home/digits:/bin/sh",
                "alice:x:1000:1000:Alice:/home/alice:/bin/bash",
                "alice:x:1002:1002:second:/home/other:/bin/bash", ""), StandardCharsets.UTF_8);

        assertThat(SandboxUser.passwdFileEntry(passwd, "alice")).startsWith("alice:x:1000:");
        assertThat(SandboxUser.passwdFileEntry(passwd, "1000")).as("digits are a uid").startsWith("alice:x:1000:");
        assertThat(SandboxUser.passwdFileEntry(passwd, "0")).startsWith("root:");
        assertThat(SandboxUser.passwdFileEntry(passwd, "bob")).isNull();
        assertThat(SandboxUser.passwdFileEntry(passwd, "broken line")).isNull();
        assertThat(SandboxUser.passwdFileEntry(dir.resolve("missing"), "root")).isNull();
    }

    @Test
    void lookupAgreesWithGetentForThisProcessUser() throws Exception {
        int uid = SandboxUser.processUid();
        Process getent = new ProcessBuilder("getent", "passwd", Integer.toString(uid)).start();
        String line = new String(getent.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        getent.waitFor();

        assertThat(SandboxUser.lookup(Integer.toString(uid))).isEqualTo(SandboxUser.parsePasswd(line));
        assertThat(SandboxUser.lookup(Integer.toString(uid)).orElseThrow().uid()).isEqualTo(uid);
        assertThat(SandboxUser.lookup("no-such-account-here")).isEmpty();
    }
}
