package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * nginx proxying TCP/UDP to a datastore: an nginx image whose mounted configuration has a {@code stream} block
 * ({@link NginxStreamConfig}). Each stream server's {@code proxy_pass} that names a datastore Service in the input is
 * an upstream reached through that server's {@code listen} port; nginx passes the stream through, so the datastore's
 * authentication counts. An nginx without a stream block is a web server, not recognised.
 */
public final class NginxStreamModule extends DatastoreModule {

    private static final Set<String> IMAGES = Set.of("nginx", "nginx-unprivileged", "openresty", "nginx-plus");

    public NginxStreamModule() {
        super("nginx stream proxy", Set.of(), List.of());
    }

    @Override
    public Optional<String> recognisesOther(ContainerView c) {
        return IMAGES.contains(c.image().lastSegment()) && NginxStreamConfig.hasStream(c.mountedConfig())
                ? Optional.of("image " + c.image().lastSegment() + " with a stream block in its mounted configuration") : Optional.empty();
    }

    @Override
    public boolean ui() {
        return true;
    }

    @Override
    public List<Upstream> upstreams(ContainerView c) {
        return NginxStreamConfig.parse(c.mountedConfig()).upstreams();
    }

    @Override
    public List<String> upstreamProblems(ContainerView c) {
        return NginxStreamConfig.parse(c.mountedConfig()).problems();
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        return ProxyConfigs.passThrough(c);
    }
}
