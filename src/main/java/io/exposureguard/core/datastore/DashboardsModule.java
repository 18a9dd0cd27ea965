package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Set;

/**
 * Plain Kibana / OpenSearch Dashboards containers. Their login depends on the backing cluster, which a
 * container alone does not show, so the verdict is OFF only when the container itself disables security.
 * One class for both products: they share the settings read here and the status probe.
 */
public final class DashboardsModule extends DatastoreModule {

    public DashboardsModule(String displayName, Set<String> imageNames) {
        super(displayName, imageNames, List.of(5601));
    }

    @Override
    public boolean ui() {
        return true;
    }

    @Override
    public ProbeProtocol probe() {
        return ProbeProtocol.DASHBOARDS_HTTP;
    }

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
