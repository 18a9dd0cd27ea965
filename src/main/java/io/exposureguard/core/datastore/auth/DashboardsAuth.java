package io.exposureguard.core.datastore.auth;

import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.ContainerView;
import io.exposureguard.core.datastore.Settings;

/**
 * Plain Kibana / OpenSearch Dashboards containers. Their login depends on the backing cluster, which a
 * container alone does not show, so the verdict is OFF only when the container itself disables security.
 */
public final class DashboardsAuth implements AuthInspector {

    @Override
    public AuthVerdict inspect(ContainerView c) {
        if (c.envYes("DISABLE_SECURITY_DASHBOARDS_PLUGIN")) {
            return AuthVerdict.off("container " + c.containerName() + " env " + c.describeEnv("DISABLE_SECURITY_DASHBOARDS_PLUGIN"),
                    "remove DISABLE_SECURITY_DASHBOARDS_PLUGIN so Dashboards asks for a login");
        }
        if (Settings.isFalse(c.envValue("XPACK_SECURITY_ENABLED").orElse(null))) {
            return AuthVerdict.off("container " + c.containerName() + " env XPACK_SECURITY_ENABLED=false",
                    "remove XPACK_SECURITY_ENABLED=false so Kibana asks for a login");
        }
        if (c.configMatches("^\\s*xpack\\.security\\.authc\\.providers\\.anonymous")) {
            return AuthVerdict.anonymous(io.exposureguard.core.model.Severity.HIGH,
                    "mounted kibana.yml enables the anonymous login provider",
                    "remove xpack.security.authc.providers.anonymous from kibana.yml");
        }
        return AuthVerdict.unknown(c.imageLabel() + ": login depends on the backing cluster's security",
                "make sure the backing cluster has security enabled");
    }
}
