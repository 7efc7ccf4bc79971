package dev.agentruntime.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Java snippet of the README compiles against the modules as they are: read from the README itself, its
 * imports on top and its statements as a method's body, so a snippet cannot drift from the API it shows.
 */
class ReadmeSnippetsTest {

    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    static Stream<Arguments> snippets() throws IOException {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        List<Arguments> all = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            int line = (int) readme.substring(0, m.start()).lines().count() + 1;
            all.add(Arguments.of("README.md line " + line, m.group(1)));
        }
        return all.stream();
    }

    @Test
    void theReadmeHasItsSnippets() throws IOException {
        assertThat(snippets()).hasSizeGreaterThanOrEqualTo(9);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snippets")
    void compiles(String where, String snippet, @TempDir Path out) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : snippet.split("\n")) {
            (line.startsWith("import ") && body.toString().isBlank() ? imports : body).append(line).append('\n');
        }
        assertThat(imports).as(where + ": every snippet says what it imports").isNotEmpty();
        String source = imports + "\nclass Snippet {\n    static void run() throws Exception {\n" + body
                + "    }\n}\n";
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Snippet.java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        boolean ok = javac.getTask(errors, null, null, List.of("-classpath", System.getProperty("java.class.path"),
                "-d", out.toString(), "-proc:none"), null, List.of(file)).call();
        assertThat(ok).as(where + " does not compile:\n" + errors + "\n" + source).isTrue();
    }
}
