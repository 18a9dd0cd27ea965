package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/** A plain Elasticsearch container (not managed by ECK). Security is on by default from 8.0, off before. */
public final class ElasticsearchModule extends DatastoreModule {

    private static final String FIX = "set xpack.security.enabled=true (env or elasticsearch.yml) and give clients credentials";

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
        if (Settings.isTrue(settings.get(ElasticsearchSettings.ENABLED))) {
            return AuthVerdict.on(where + " sets xpack.security.enabled=true");
        }
        OptionalInt major = c.image().majorVersion();
        if (major.isPresent() && major.getAsInt() < 8) {
            return AuthVerdict.off(c.imageLabel() + ": Elasticsearch before 8.0 starts with security disabled", FIX);
        }
        if (major.isPresent()) {
            return AuthVerdict.on(c.imageLabel() + ": Elasticsearch 8+ enables security by default");
        }
        return AuthVerdict.unknown(c.imageLabel() + " has no version tag, so the security default is unknown",
                "pin an image version >= 8 or set xpack.security.enabled=true");
    }
}
