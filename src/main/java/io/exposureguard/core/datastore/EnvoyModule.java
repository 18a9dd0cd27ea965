package io.exposureguard.core.datastore;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Envoy with a static configuration mounted (envoy.yaml or JSON): every {@code socket_address} of the file (a
 * cluster's endpoint, with its {@code address} and {@code port_value}) that names a datastore Service in the input is
 * an upstream, and every socket_address binding 0.0.0.0 or :: is a listener, whose port it serves. A tcp_proxy passes the stream through, and an HTTP route to a datastore's HTTP API forwards its
 * requests, so the datastore's authentication counts. Listener addresses (0.0.0.0) resolve to nothing and drop out;
 * which listener reaches which cluster is not read, so any of its ports may. Envoys configured over xDS (Istio,
 * Contour, Envoy Gateway) only name their control plane, which is no datastore.
 */
public final class EnvoyModule extends DatastoreModule {

    private static final Set<String> IMAGES = Set.of("envoy", "envoy-alpine", "envoy-distroless", "envoy-contrib");
    private static final Pattern YAML = Pattern.compile("(?m)\\baddress:\\s*[\"']?([A-Za-z0-9_.:-]{1,253})[\"']?\\s*\\n\\s*port_value:\\s*(\\d{1,5})");
    /** Addresses a listener binds to: a socket_address with one of these is where Envoy listens, not where it forwards. */
    private static final Set<String> LISTENING = Set.of("0.0.0.0", "::", "127.0.0.1", "::1");
    private static final Pattern JSON = Pattern.compile("\"address\"\\s*:\\s*\"([A-Za-z0-9_.:-]{1,253})\"\\s*,\\s*\"port_value\"\\s*:\\s*(\\d{1,5})");

    public EnvoyModule() {
        super("Envoy proxy", Set.of(), List.of());
    }

    @Override
    public Optional<String> recognisesOther(ContainerView c) {
        return IMAGES.contains(c.image().lastSegment()) && c.mountedConfig().contains("socket_address")
                ? Optional.of("image " + c.image().lastSegment() + " with a static configuration mounted") : Optional.empty();
    }

    @Override
    public boolean ui() {
        return true;
    }

    @Override
    public List<Upstream> upstreams(ContainerView c) {
        String text = ProxyConfigs.readable(c.mountedConfig());
        Set<Integer> listeners = new LinkedHashSet<>();
        Set<Upstream> endpoints = new LinkedHashSet<>();
        for (Pattern p : List.of(YAML, JSON)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                int port = Integer.parseInt(m.group(2));
                if (port > 65535) {
                    continue;
                }
                if (LISTENING.contains(m.group(1))) {
                    listeners.add(port);
                } else {
                    Upstream.parse(m.group(1) + ":" + port, "envoy static config socket_address " + m.group(1) + ":" + port)
                            .forEach(u -> endpoints.add(u.proxied()));
                }
            }
        }
        // Which listener routes to which cluster is not read: each listener may reach each endpoint.
        List<Upstream> out = new ArrayList<>();
        for (Upstream u : endpoints) {
            if (listeners.isEmpty()) {
                out.add(u);
            }
            listeners.forEach(l -> out.add(u.listeningOn(l)));
        }
        return out;
    }

    @Override
    public List<String> upstreamProblems(ContainerView c) {
        return ProxyConfigs.problems("the mounted Envoy configuration", c.mountedConfig());
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        return ProxyConfigs.passThrough(c);
    }
}
