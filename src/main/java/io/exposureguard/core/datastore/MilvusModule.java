package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Set;

/**
 * Milvus (gRPC/REST 19530, metrics and management 9091): authentication is off until
 * {@code common.security.authorizationEnabled: true} (milvus.yaml or user.yaml); the root user it then creates has the
 * well-known password {@code Milvus} until changed.
 */
public final class MilvusModule extends DatastoreModule {

    private static final String FIX = "set common.security.authorizationEnabled: true (user.yaml) and change the root password";

    public MilvusModule() {
        super("Milvus", Set.of("milvus"), List.of(19530, 9091));
    }

    @Override
    public ProbeProtocol probe() {
        return ProbeProtocol.MILVUS_HTTP;
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        String who = "container " + c.containerName();
        if (c.configMatches("^\\s*authorizationEnabled\\s*:\\s*true")) {
            return AuthVerdict.on(who + " sets common.security.authorizationEnabled: true (its root user starts with the"
                    + " password Milvus until changed)");
        }
        if (!c.unseenConfig().isEmpty()) {
            return configNotRead(c, "milvus.yaml", FIX);
        }
        return AuthVerdict.off(who + " (" + c.imageLabel() + ") does not enable authorization: Milvus has it off by default", FIX);
    }
}
