package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Set;

/**
 * Weaviate (HTTP 8080, gRPC 50051): anonymous access is on by default
 * (AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED defaults to true); clients authenticate only when it is off and API keys
 * or OIDC are on.
 */
public final class WeaviateModule extends DatastoreModule {

    private static final String FIX = "set AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=false and AUTHENTICATION_APIKEY_ENABLED=true"
            + " with keys from a Secret (or OIDC)";

    public WeaviateModule() {
        super("Weaviate", Set.of("weaviate"), List.of(8080, 50051));
    }

    @Override
    public ProbeProtocol probe() {
        return ProbeProtocol.WEAVIATE_HTTP;
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        String who = "container " + c.containerName();
        String anonymous = c.envValue("AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED").orElse(null);
        boolean anonymousOff = Settings.isFalse(anonymous)
                || anonymous == null && c.configMatches("anonymous_access:\\s*\\n\\s*enabled:\\s*false");
        if (!anonymousOff) {
            return AuthVerdict.off(who + " (" + c.imageLabel() + ") " + (anonymous == null
                    ? "keeps Weaviate's default anonymous access" : "env AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=" + anonymous), FIX);
        }
        return AuthVerdict.on(who + " turns anonymous access off" + (c.envYes("AUTHENTICATION_APIKEY_ENABLED") ? " and API keys on"
                : c.envYes("AUTHENTICATION_OIDC_ENABLED") ? " and OIDC on" : ""));
    }
}
