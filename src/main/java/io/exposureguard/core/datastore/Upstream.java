package io.exposureguard.core.datastore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A datastore address a container forwards its clients to (Kibana's {@code elasticsearch.hosts}): the host as
 * written, its port (0 when the address names none) and where the setting was read ("env ELASTICSEARCH_HOSTS").
 * {@code expected}: the address is a datastore's by its setting (Kibana's backing cluster), so one that cannot be
 * resolved is reported; false for a general proxy's servers, which may be anything, so only those that resolve to a
 * datastore count. {@code listenPort}: the forwarder's port that sends there (an nginx stream server's {@code listen},
 * socat's {@code TCP-LISTEN}), 0 when every port of the forwarder may. A value; resolving the host to a Service is the
 * exposure analysis' job.
 */
public record Upstream(String host, int port, String source, boolean expected, int listenPort) {

    private static final Pattern ADDRESS = Pattern.compile("(?:[a-z][a-z0-9+.-]*://)?(?:[^@/\\s]*@)?([^:/\\s\\[\\]\"',]+)(?::(\\d{1,5}))?(?:/\\S*)?");

    public Upstream {
        host = host.toLowerCase(Locale.ROOT);
    }

    /** An address that is a datastore's by its setting. */
    public Upstream(String host, int port, String source) {
        this(host, port, source, true, 0);
    }

    public Upstream(String host, int port, String source, boolean expected) {
        this(host, port, source, expected, 0);
    }

    /** The same address, as a general proxy's server that may lead to anything. */
    public Upstream proxied() {
        return new Upstream(host, port, source, false, listenPort);
    }

    /** The same address, reached only through the forwarder's port {@code listenPort}. */
    public Upstream listeningOn(int listenPort) {
        return new Upstream(host, port, source, expected, listenPort);
    }

    /** Whether a client entering the forwarder on {@code port} is sent here. */
    public boolean servesPort(int port) {
        return listenPort == 0 || listenPort == port;
    }

    /** "elasticsearch-master:9200", or the host alone when no port is named. */
    public String address() {
        return port == 0 ? host : host + ":" + port;
    }

    /**
     * The addresses in a setting's value: one URL, a comma- or space-separated list, or a YAML/JSON list
     * ({@code ["http://a:9200", "http://b:9200"]}). Text that names no host gives nothing.
     */
    public static List<Upstream> parse(String value, String source) {
        List<Upstream> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String token : value.replaceAll("[\\[\\]\"']", " ").split("[,\\s]+")) {
            Matcher m = ADDRESS.matcher(token.trim());
            if (!token.isBlank() && m.matches()) {
                int port = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
                if (port <= 65535) {
                    out.add(new Upstream(m.group(1), port, source));
                }
            }
        }
        return out;
    }
}
