package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Set;

/**
 * Apache Solr (8983): no authentication unless a {@code security.json} names an authentication plugin, and even
 * then requests without credentials pass unless {@code "blockUnknown": true}. In SolrCloud mode (ZK_HOST)
 * security.json lives in ZooKeeper, which the manifests do not show. Bitnami's image writes it when
 * SOLR_ENABLE_AUTHENTICATION=yes.
 */
public final class SolrModule extends DatastoreModule {

    private static final String FIX = "enable an authentication plugin in security.json with \"blockUnknown\": true"
            + " (SOLR_ENABLE_AUTHENTICATION=yes and SOLR_ADMIN_PASSWORD from a Secret on Bitnami)";

    public SolrModule() {
        super("Solr", Set.of("solr"), List.of(8983));
    }

    @Override
    public ProbeProtocol probe() {
        return ProbeProtocol.SOLR_HTTP;
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        String who = "container " + c.containerName();
        if (c.image().bitnami()) {
            return c.envYes("SOLR_ENABLE_AUTHENTICATION")
                    ? AuthVerdict.on(who + " env " + c.describeEnv("SOLR_ENABLE_AUTHENTICATION"))
                    : AuthVerdict.off(c.imageLabel() + ": Bitnami Solr runs without authentication unless SOLR_ENABLE_AUTHENTICATION=yes", FIX);
        }
        if (c.configMatches("\"authentication\"\\s*:")) {
            return c.configMatches("\"blockUnknown\"\\s*:\\s*true")
                    ? AuthVerdict.on("mounted security.json enables authentication with blockUnknown: true")
                    : AuthVerdict.off("mounted security.json enables authentication without \"blockUnknown\": true, so requests"
                            + " without credentials still pass", FIX);
        }
        if (c.envSet("ZK_HOST") || c.hasArg("-z") || c.hasArg("--zk-host")) {
            return AuthVerdict.unknown(who + " runs SolrCloud: its security.json is in ZooKeeper, which the input does not show", FIX);
        }
        return AuthVerdict.off(who + " (" + c.imageLabel() + ") has no security.json: Solr has no authentication by default", FIX);
    }
}
