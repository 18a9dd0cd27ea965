package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Set;

/** Qdrant (HTTP 6333, gRPC 6334): self-hosted instances have no API key, so no authentication, unless one is set. */
public final class QdrantModule extends DatastoreModule {

    private static final String FIX = "set QDRANT__SERVICE__API_KEY (service.api_key) from a Secret";

    public QdrantModule() {
        super("Qdrant", Set.of("qdrant"), List.of(6333, 6334));
    }

    @Override
    public ProbeProtocol probe() {
        return ProbeProtocol.QDRANT_HTTP;
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        String who = "container " + c.containerName();
        PasswordEnv key = PasswordEnv.of(c, "QDRANT__SERVICE__API_KEY", "QDRANT__SERVICE__READ_ONLY_API_KEY");
        if (key.state() != PasswordEnv.State.NONE) {
            return AuthVerdict.on(who + " sets an API key: " + key.fact());
        }
        if (c.configMatches("^\\s*(read_only_)?api_key\\s*:\\s*[\"']?[^\\s\"'#]")) {
            return AuthVerdict.on("mounted Qdrant config sets service.api_key");
        }
        return AuthVerdict.off(who + " (" + c.imageLabel() + ") sets no API key: Qdrant has no authentication by default", FIX);
    }
}
