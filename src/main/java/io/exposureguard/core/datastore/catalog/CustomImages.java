package io.exposureguard.core.datastore.catalog;

import io.exposureguard.core.datastore.ContainerView;
import io.exposureguard.core.datastore.DatastoreKind;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Datastores in custom images ({@code myco/search/elasticsearch-custom}, {@code registry/elasticsearch-with-plugins}):
 * a segment of the image path names a datastore (the whole segment, or one of its words split at '-', '_' or '.'),
 * and the container declares one of that datastore's default ports or sets settings only it reads. Words that mark
 * a tool around a datastore rather than the datastore (exporter, operator, UI, proxy, ...) rule the image out. This
 * is a lower-confidence fact, and the evidence says which name and which port or setting it rests on.
 */
final class CustomImages {

    /** Words that make an image a tool around a datastore, not the datastore. */
    private static final Set<String> TOOLS = Set.of("exporter", "operator", "commander", "insight", "ui", "gui", "web",
            "admin", "proxy", "client", "cli", "backup", "restore", "metrics", "monitor", "agent", "sidecar", "init",
            "tools", "browser", "dashboard", "dashboards", "manager", "controller", "connector", "sync", "migrate",
            "migrations", "test", "curator", "sentinel", "haproxy", "pgbouncer", "pgpool");

    private CustomImages() {
    }

    static Optional<DatastoreCatalog.Recognition> recognize(ContainerView c) {
        List<String> segments = Arrays.asList(c.image().repository().split("/"));
        List<String> words = segments.stream().flatMap(s -> Arrays.stream(s.split("[-_.]"))).toList();
        if (words.stream().anyMatch(TOOLS::contains)) {
            return Optional.empty();
        }
        for (DatastoreKind kind : DatastoreKind.values()) {
            Optional<String> name = kind.imageNames().stream()
                    .filter(n -> segments.contains(n) || segments.stream().anyMatch(s -> named(s, n))).findFirst();
            if (name.isEmpty()) {
                continue;
            }
            Optional<Integer> port = c.ports().stream().filter(kind.defaultPorts()::contains).findFirst();
            String why = port.map(p -> "port " + p).orElse(kind.identifiedByEnv(c) ? kind.displayName() + " settings in its env" : null);
            if (why != null) {
                return Optional.of(new DatastoreCatalog.Recognition(kind, c.imageLabel() + ", recognised with lower confidence: '"
                        + name.get() + "' in the image path and " + why));
            }
        }
        return Optional.empty();
    }

    /** The segment is the name followed or preceded by other words: elasticsearch-custom, acme_redis. */
    private static boolean named(String segment, String name) {
        return segment.startsWith(name + "-") || segment.startsWith(name + "_") || segment.startsWith(name + ".")
                || segment.endsWith("-" + name) || segment.endsWith("_" + name);
    }
}
