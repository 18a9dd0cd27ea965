package io.exposureguard.core.datastore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TCP/UDP proxying of an nginx configuration: each {@code stream { ... }} block's {@code server} blocks, their
 * {@code listen} ports and {@code proxy_pass} target, a named {@code upstream} block resolved to its {@code server}
 * addresses. A stream block whose braces never close is a problem naming it; what was read before still counts.
 * Linear in the text (no recursion). Pure.
 */
final class NginxStreamConfig {

    private static final Pattern COMMENT = Pattern.compile("#[^\\n]*");
    private static final Pattern STREAM = Pattern.compile("(?<![\\w-])stream\\s*\\{");
    private static final Pattern UPSTREAM = Pattern.compile("(?<![\\w-])upstream\\s+([\\w.-]+)\\s*\\{([^{}]*)}");
    private static final Pattern SERVER_BLOCK = Pattern.compile("(?<![\\w-])server\\s*\\{([^{}]*)}");
    private static final Pattern SERVER_LINE = Pattern.compile("(?<![\\w-])server\\s+([^\\s;{]+)");
    private static final Pattern LISTEN = Pattern.compile("(?<![\\w-])listen\\s+([^\\s;]+)");
    private static final Pattern PROXY_PASS = Pattern.compile("(?<![\\w-])proxy_pass\\s+([^\\s;]+)\\s*;");

    record Parsed(List<Upstream> upstreams, List<String> problems) {
    }

    private NginxStreamConfig() {
    }

    static boolean hasStream(String text) {
        return STREAM.matcher(text).find();
    }

    static Parsed parse(String raw) {
        List<String> problems = new ArrayList<>(ProxyConfigs.problems("the mounted nginx configuration", raw));
        String text = COMMENT.matcher(ProxyConfigs.readable(raw)).replaceAll("");
        List<Upstream> out = new ArrayList<>();
        Matcher stream = STREAM.matcher(text);
        int from = 0;
        while (from < text.length() && stream.find(from)) {
            int end = closing(text, stream.end());
            if (end < 0) {
                problems.add("nginx stream block at character " + stream.start() + " of the mounted configuration is never closed"
                        + " (unbalanced braces), so where it forwards is not read");
                break;
            }
            read(text.substring(stream.end(), end), out);
            from = end + 1;
        }
        return new Parsed(out, problems);
    }

    /** The index of the brace closing the block that starts at {@code start}, or -1. */
    private static int closing(String text, int start) {
        int depth = 1;
        for (int i = start; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '{') {
                depth++;
            } else if (ch == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static void read(String block, List<Upstream> out) {
        Map<String, List<String>> upstreams = new HashMap<>();
        Matcher u = UPSTREAM.matcher(block);
        while (u.find()) {
            List<String> servers = new ArrayList<>();
            Matcher s = SERVER_LINE.matcher(u.group(2));
            while (s.find()) {
                servers.add(s.group(1));
            }
            upstreams.put(u.group(1), servers);
        }
        Matcher server = SERVER_BLOCK.matcher(block);
        while (server.find()) {
            Matcher pass = PROXY_PASS.matcher(server.group(1));
            if (!pass.find()) {
                continue;
            }
            String target = pass.group(1);
            List<Integer> ports = new ArrayList<>();
            Matcher listen = LISTEN.matcher(server.group(1));
            while (listen.find()) {
                String l = listen.group(1);
                String port = l.substring(l.lastIndexOf(':') + 1);
                if (port.matches("\\d{1,5}") && Integer.parseInt(port) <= 65535) {
                    ports.add(Integer.parseInt(port));
                }
            }
            for (String address : upstreams.getOrDefault(target, List.of(target))) {
                String source = "nginx stream server listen " + ports + " proxy_pass " + target;
                for (Upstream up : Upstream.parse(address, source)) {
                    if (ports.isEmpty()) {
                        out.add(up.proxied());
                    }
                    ports.forEach(p -> out.add(up.proxied().listeningOn(p)));
                }
            }
        }
    }
}
