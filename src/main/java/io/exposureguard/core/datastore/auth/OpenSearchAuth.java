package io.exposureguard.core.datastore.auth;

import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.ContainerView;
import io.exposureguard.core.datastore.Settings;

/** A plain OpenSearch container: the security plugin is on unless disabled. Bitnami's image is the reverse. */
public final class OpenSearchAuth implements AuthInspector {

    private static final String FIX = "remove DISABLE_SECURITY_PLUGIN / plugins.security.disabled and configure the security plugin";

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
