package io.exposureguard.core.datastore.auth;

import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.ContainerView;
import io.exposureguard.core.datastore.Settings;

import java.util.Map;
import java.util.OptionalInt;

/** A plain Elasticsearch container (not managed by ECK). Security is on by default from 8.0, off before. */
public final class ElasticsearchAuth implements AuthInspector {

    private static final String FIX = "set xpack.security.enabled=true (env or elasticsearch.yml) and give clients credentials";

    @Override
    public AuthVerdict inspect(ContainerView c) {
        Map<String, String> settings = Settings.fromEnv(c.env());
        String where = "container " + c.containerName() + " env";
        var off = ElasticsearchSecurity.disabled(settings, where, FIX);
        if (off.isPresent()) {
            return off.get();
        }
        if (c.configMatches("^\\s*xpack\\.security\\.enabled\\s*:\\s*\"?false")) {
            return AuthVerdict.off("mounted elasticsearch.yml sets xpack.security.enabled: false", FIX);
        }
        var anon = ElasticsearchSecurity.anonymous(settings, where, ElasticsearchSecurity.anonymousFix(where));
        if (anon.isPresent()) {
            return anon.get();
        }
        if (c.image().bitnami()) {
            return c.envYes("ELASTICSEARCH_ENABLE_SECURITY")
                    ? AuthVerdict.on(c.describeEnv("ELASTICSEARCH_ENABLE_SECURITY"))
                    : AuthVerdict.off("Bitnami Elasticsearch runs without security unless ELASTICSEARCH_ENABLE_SECURITY=yes",
                            "set ELASTICSEARCH_ENABLE_SECURITY=yes and ELASTICSEARCH_PASSWORD from a Secret");
        }
        if (Settings.isTrue(settings.get(ElasticsearchSecurity.ENABLED))) {
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
