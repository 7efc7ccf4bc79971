package dev.agentruntime.server.mcp;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One MCP server that OpenHands asks the runtime to run and proxy ({@code POST /update_mcp_server}): a program
 * spoken to over stdio (OpenHands' {@code MCPStdioServerConfig}: {@code name}, {@code command}, {@code args},
 * {@code env}), or, from OpenHands' newer hosts, a Streamable HTTP server ({@code MCPSHTTPServerConfig}: {@code url},
 * {@code api_key}). Equal configurations are the same server, so a new list keeps those already running.
 */
public sealed interface ProxiedServer {

    /** The name tools are prefixed with when more than one server is proxied. */
    String name();

    /**
     * A program started as the sandbox user, spoken to over its stdin and stdout.
     *
     * @param env added to the agent's environment for this program
     */
    record Stdio(String name, String command, List<String> args, Map<String, String> env) implements ProxiedServer {
        public Stdio {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(command, "command");
            args = List.copyOf(args);
            env = Map.copyOf(env);
        }
    }

    /** A Streamable HTTP server, with {@code Authorization: Bearer <apiKey>} when a key is given. */
    record Http(String name, URI url, String apiKey) implements ProxiedServer {
        public Http {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(url, "url");
        }
    }

    /**
     * The servers of an {@code /update_mcp_server} body: OpenHands' list of stdio configs, or its newer object
     * {@code {"stdio_servers": [...], "shttp_servers": [...]}}.
     *
     * @throws IllegalArgumentException naming what is wrong, with OpenHands' text when the body is neither
     */
    static List<ProxiedServer> parse(Object body) {
        List<ProxiedServer> servers = new ArrayList<>();
        if (body instanceof List<?> stdio) {
            addStdio(stdio, servers);
        } else if (body instanceof Map<?, ?> both
                && (both.containsKey("stdio_servers") || both.containsKey("shttp_servers"))) {
            addStdio(list(both.get("stdio_servers"), "stdio_servers"), servers);
            for (Object entry : list(both.get("shttp_servers"), "shttp_servers")) {
                servers.add(http(entry));
            }
        } else {
            throw new IllegalArgumentException("Request must be a list of MCP tools to sync");
        }
        return servers;
    }

    private static void addStdio(List<?> entries, List<ProxiedServer> into) {
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("each stdio MCP server must be an object with name, command, args "
                        + "and env, got " + entry);
            }
            String name = text(m.get("name"), "name");
            String command = text(m.get("command"), "command of " + name);
            List<String> args = new ArrayList<>();
            for (Object arg : list(m.get("args"), "args of " + name)) {
                args.add(string(arg, "each of the args of " + name));
            }
            into.add(new Stdio(name, command, args, env(m.get("env"), name)));
        }
    }

    private static ProxiedServer http(Object entry) {
        Object url = entry instanceof Map<?, ?> m ? m.get("url") : entry;
        String address = text(url, "url of an shttp server");
        URI uri;
        try {
            uri = URI.create(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + address);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("an shttp server's url must be http or https: " + address);
        }
        Object key = entry instanceof Map<?, ?> m ? m.get("api_key") : null;
        // OpenHands names such a server after its path: /a/mcp -> a-mcp.
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "").replace('/', '-');
        return new Http(path.isEmpty() ? "shttp-server" : path, uri, key instanceof String s && !s.isEmpty() ? s
                : null);
    }

    private static Map<String, String> env(Object value, String server) {
        Map<String, String> env = new LinkedHashMap<>();
        if (value == null) {
            return env;
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("env of " + server + " must be an object of strings");
        }
        m.forEach((k, v) -> env.put(text(k, "env of " + server), string(v, "env " + k + " of " + server)));
        return env;
    }

    private static List<?> list(Object value, String what) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> l)) {
            throw new IllegalArgumentException(what + " must be a list");
        }
        return l;
    }

    private static String string(Object value, String what) {
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(what + " must be a string");
        }
        return s;
    }

    private static String text(Object value, String what) {
        if (!(value instanceof String s) || s.isEmpty()) {
            throw new IllegalArgumentException(what + " must be a non-empty string");
        }
        return s;
    }
}
