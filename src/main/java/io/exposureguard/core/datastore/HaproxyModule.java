package io.exposureguard.core.datastore;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HAProxy in front of a datastore. In TCP mode it passes clients through, so the authentication that counts is
 * the backend's: the path continues to each {@code server} of haproxy.cfg that names a datastore Service in the
 * input. A server naming anything else (a web server, an address outside) is no finding: a proxy forwards to
 * anything.
 */
public final class HaproxyModule extends DatastoreModule {

    private static final Pattern SERVER = Pattern.compile("^\\s*server\\s+\\S+\\s+([^\\s#]+)", Pattern.MULTILINE);

    public HaproxyModule() {
        super("HAProxy", Set.of("haproxy"), List.of());
    }

    @Override
    public boolean ui() {
        return true;
    }

    @Override
    public List<Upstream> upstreams(ContainerView c) {
        Set<Upstream> out = new LinkedHashSet<>();
        Matcher m = SERVER.matcher(c.mountedConfig());
        while (m.find()) {
            Upstream.parse(m.group(1), "haproxy.cfg server " + m.group(1)).forEach(u -> out.add(u.proxied()));
        }
        return new ArrayList<>(out);
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        return ProxyConfigs.passThrough(c);
    }
}
