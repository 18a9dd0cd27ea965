package io.exposureguard.core.datastore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * socat relaying a port to a datastore: {@code socat TCP-LISTEN:6379,fork TCP:redis:6379} in a container's command or
 * args (image {@code socat}, such as alpine/socat, or any image running socat). The connect address is an upstream
 * reached through the listen port; socat passes the stream through, so the datastore's authentication counts.
 */
public final class SocatModule extends DatastoreModule {

    private static final Pattern LISTEN = Pattern.compile("(?i)^(?:TCP[46]?|UDP[46]?)-LISTEN:(\\d{1,5})\\b.*");
    private static final Pattern CONNECT = Pattern.compile("(?i)^(?:TCP[46]?|TCP-CONNECT|UDP[46]?|UDP-CONNECT|OPENSSL|SSL):([^:,\\s]{1,253}):(\\d{1,5})\\b.*");

    public SocatModule() {
        super("socat relay", Set.of("socat"), List.of());
    }

    @Override
    public Optional<String> recognisesOther(ContainerView c) {
        boolean runsSocat = c.args().stream().anyMatch(a -> a.equals("socat") || a.endsWith("/socat"));
        return runsSocat && !upstreams(c).isEmpty() ? Optional.of("socat in its command") : Optional.empty();
    }

    @Override
    public boolean ui() {
        return true;
    }

    @Override
    public List<Upstream> upstreams(ContainerView c) {
        int listen = 0;
        List<Upstream> out = new ArrayList<>();
        for (String a : c.args()) {
            Matcher l = LISTEN.matcher(a);
            Matcher t = CONNECT.matcher(a);
            if (l.matches() && Integer.parseInt(l.group(1)) <= 65535) {
                listen = Integer.parseInt(l.group(1));
            } else if (t.matches() && listen > 0) {
                int port = listen;
                Upstream.parse(t.group(1) + ":" + t.group(2), "socat " + a).forEach(u -> out.add(u.proxied().listeningOn(port)));
            }
        }
        return out;
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        return ProxyConfigs.passThrough(c);
    }
}
