package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Set;

/** A plain OpenSearch container: the security plugin is on unless disabled. Bitnami's image is the reverse. */
public final class OpenSearchModule extends DatastoreModule {

    private static final String FIX = "remove DISABLE_SECURITY_PLUGIN / plugins.security.disabled and configure the security plugin";

    public OpenSearchModule() {
        super("OpenSearch", Set.of("opensearch"), List.of(9200, 9300));
    }

    @Override
    public ProbeProtocol probe() {
        return ProbeProtocol.ELASTICSEARCH_HTTP;
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        if (c.envYes("DISABLE_SECURITY_PLUGIN")) {
            return AuthVerdict.off("container " + c.containerName() + " env " + c.describeEnv("DISABLE_SECURITY_PLUGIN"), FIX);
        }
        if (Settings.isTrue(Settings.fromEnv(c.env()).get("plugins.security.disabled"))
                || c.configMatches("^\\s*plugins\\.security\\.disabled\\s*:\\s*\"?true")) {
            return AuthVerdict.off("container " + c.containerName() + " sets plugins.security.disabled: true", FIX);
        }
        if (c.image().bitnami()) {
            return c.envYes("OPENSEARCH_ENABLE_SECURITY")
                    ? AuthVerdict.on(c.describeEnv("OPENSEARCH_ENABLE_SECURITY"))
                    : AuthVerdict.off("Bitnami OpenSearch runs without security unless OPENSEARCH_ENABLE_SECURITY=yes",
                            "set OPENSEARCH_ENABLE_SECURITY=yes and OPENSEARCH_PASSWORD from a Secret");
        }
        return AuthVerdict.on(c.imageLabel() + ": the OpenSearch security plugin is on by default");
    }
}
