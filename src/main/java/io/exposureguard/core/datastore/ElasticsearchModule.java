package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A plain Elasticsearch container (not managed by ECK). Security is on by default from 8.0, off before (unless
 * {@code xpack.security.enabled: true}); the {@code -oss} images have no security at all. A tag without a version
 * ({@code latest}, none, a digest only) is taken as the current default (8+: on), and the verdict says so.
 */
public final class ElasticsearchModule extends DatastoreModule {

    private static final String FIX = "set xpack.security.enabled=true (env or elasticsearch.yml) and give clients credentials";
    private static final String FIX_OSS = "move to the default distribution (7.x with xpack.security.enabled=true, or 8+) and give clients credentials";

    public ElasticsearchModule() {
        super("Elasticsearch", Set.of("elasticsearch", "elasticsearch-oss"), List.of(9200, 9300));
    }

    @Override
    public ProbeProtocol probe() {
        return ProbeProtocol.ELASTICSEARCH_HTTP;
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        Map<String, String> settings = Settings.fromEnv(c.env());
        String where = "container " + c.containerName() + " env";
        var off = ElasticsearchSettings.disabled(settings, where, FIX);
        if (off.isPresent()) {
            return off.get();
        }
        if (c.configMatches("^\\s*xpack\\.security\\.enabled\\s*:\\s*\"?false")) {
            return AuthVerdict.off("mounted elasticsearch.yml sets xpack.security.enabled: false", FIX);
        }
        var anon = ElasticsearchSettings.anonymous(settings, where, ElasticsearchSettings.anonymousFix(where));
        if (anon.isPresent()) {
            return anon.get();
        }
        if (c.image().bitnami()) {
            return c.envYes("ELASTICSEARCH_ENABLE_SECURITY")
                    ? AuthVerdict.on(c.describeEnv("ELASTICSEARCH_ENABLE_SECURITY"))
                    : AuthVerdict.off("Bitnami Elasticsearch runs without security unless ELASTICSEARCH_ENABLE_SECURITY=yes",
                            "set ELASTICSEARCH_ENABLE_SECURITY=yes and ELASTICSEARCH_PASSWORD from a Secret");
        }
        if (c.image().lastSegment().endsWith("-oss")) {
            return AuthVerdict.off(c.imageLabel() + ": the OSS distribution of Elasticsearch has no security features", FIX_OSS);
        }
        if (Settings.isTrue(settings.get(ElasticsearchSettings.ENABLED))) {
            return AuthVerdict.on(where + " sets xpack.security.enabled=true");
        }
        if (c.configMatches("^\\s*xpack\\.security\\.enabled\\s*:\\s*\"?true")) {
            return AuthVerdict.on("mounted elasticsearch.yml sets xpack.security.enabled: true");
        }
        OptionalInt major = major(c);
        if (major.isPresent() && major.getAsInt() < 8) {
            return AuthVerdict.off(c.imageLabel() + ": Elasticsearch before 8.0 starts with security disabled", FIX);
        }
        if (major.isPresent()) {
            return AuthVerdict.on(c.imageLabel() + ": Elasticsearch 8+ enables security by default");
        }
        return AuthVerdict.on(assumingCurrent(c, "Elasticsearch 8+ enables security by default"));
    }

    @Override
    public boolean identifiedByEnv(ContainerView c) {
        return c.env().keySet().stream().anyMatch(n -> n.startsWith("xpack.") || n.startsWith("discovery.")
                || n.startsWith("cluster.initial_master_nodes") || n.equals("ES_JAVA_OPTS") || n.startsWith("ES_SETTING_"));
    }
}
