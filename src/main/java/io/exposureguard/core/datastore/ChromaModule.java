package io.exposureguard.core.datastore;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Chroma (HTTP 8000). Before 1.0 the Python server authenticates only when an auth provider is configured
 * (CHROMA_SERVER_AUTHN_PROVIDER from 0.5, CHROMA_SERVER_AUTH_PROVIDER in 0.4); the 1.x server has no built-in
 * authentication and ignores those settings (chroma-core/chroma#4965). A tag without a version is taken as 1.x.
 */
public final class ChromaModule extends DatastoreModule {

    private static final String FIX = "put an authenticating proxy in front of Chroma (1.x has no built-in authentication),"
            + " or on 0.x set CHROMA_SERVER_AUTHN_PROVIDER with credentials from a Secret";

    public ChromaModule() {
        super("Chroma", Set.of("chroma"), List.of(8000));
    }

    @Override
    public ProbeProtocol probe() {
        return ProbeProtocol.CHROMA_HTTP;
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        String who = "container " + c.containerName();
        OptionalInt major = major(c);
        if (major.isEmpty() || major.getAsInt() >= 1) {
            String version = major.isEmpty() ? assumingCurrent(c, "Chroma 1.x has no built-in authentication")
                    : c.imageLabel() + ": Chroma 1.x has no built-in authentication";
            return AuthVerdict.off(version, FIX);
        }
        for (String name : List.of("CHROMA_SERVER_AUTHN_PROVIDER", "CHROMA_SERVER_AUTH_PROVIDER")) {
            if (c.envSet(name)) {
                return AuthVerdict.on(who + " env " + c.describeEnv(name));
            }
        }
        return AuthVerdict.off(who + " (" + c.imageLabel() + ") configures no auth provider: Chroma has no authentication by default", FIX);
    }
}
