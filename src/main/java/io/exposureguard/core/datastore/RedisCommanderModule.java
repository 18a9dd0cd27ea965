package io.exposureguard.core.datastore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.exposureguard.core.datastore.UpstreamSource.hostAndPort;

/**
 * redis-commander, a web admin UI for Redis. Upstreams: {@code REDIS_HOSTS} (comma-separated
 * {@code [label:]host[:port[:db[:password]]]}), else {@code REDIS_HOST}/{@code REDIS_PORT}. It asks for no login unless
 * {@code HTTP_USER} with {@code HTTP_PASSWORD} or {@code HTTP_PASSWORD_HASH} (or the {@code --http-auth-*} arguments)
 * are set; a password in {@code REDIS_PASSWORD} or in a {@code REDIS_HOSTS} entry gives it Redis' credentials.
 */
public final class RedisCommanderModule extends AdminUiModule {

    public RedisCommanderModule() {
        super("redis-commander", Set.of("redis-commander"), List.of(8081),
                List.of(RedisCommanderModule::redisHosts, hostAndPort("REDIS_HOST", "REDIS_PORT")), List.of("REDIS_PASSWORD"));
    }

    private static List<String[]> entries(ContainerView c) {
        List<String[]> out = new ArrayList<>();
        String value = c.envValue("REDIS_HOSTS").orElse("");
        if (value.length() <= UpstreamSource.MAX_VALUE) {
            for (String entry : value.split(",")) {
                if (!entry.isBlank()) {
                    out.add(entry.trim().split(":", -1));
                }
            }
        }
        return out;
    }

    private static List<Upstream> redisHosts(ContainerView c) {
        List<Upstream> out = new ArrayList<>();
        for (String[] parts : entries(c)) {
            String host = parts.length == 1 ? parts[0] : parts[1];
            String port = parts.length > 2 && parts[2].matches("\\d{1,5}") ? ":" + parts[2] : "";
            out.addAll(Upstream.parse(host + port, "container " + c.containerName() + " env REDIS_HOSTS"));
        }
        return out;
    }

    @Override
    protected List<String> credentials(ContainerView c) {
        List<String> out = new ArrayList<>(super.credentials(c));
        if (entries(c).stream().anyMatch(p -> p.length > 4 && !p[4].isEmpty())) {
            out.add("env REDIS_HOSTS (an entry with a password)");
        }
        return out;
    }

    @Override
    protected Login login(ContainerView c) {
        boolean user = c.envSet("HTTP_USER") || c.hasArg("--http-auth-username") || c.hasArg("--http-u");
        boolean password = c.envSet("HTTP_PASSWORD") || c.envSet("HTTP_PASSWORD_HASH") || c.hasArg("--http-auth-password")
                || c.hasArg("--http-p") || c.hasArg("--http-auth-password-hash") || c.hasArg("--http-h");
        return user && password ? new Login(true, "asks for HTTP basic auth (HTTP_USER and HTTP_PASSWORD)")
                : Login.none("no HTTP_USER and HTTP_PASSWORD: redis-commander asks for no login by default");
    }

    @Override
    protected String loginFix() {
        return "set HTTP_USER and HTTP_PASSWORD (from a Secret) on redis-commander, or close its entry";
    }
}
