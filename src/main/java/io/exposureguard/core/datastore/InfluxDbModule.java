package io.exposureguard.core.datastore;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * InfluxDB (HTTP API 8086). 1.x has authentication off by default ({@code [http] auth-enabled = false}; the image
 * reads INFLUXDB_HTTP_AUTH_ENABLED). 2.x requires a token, once its initial setup is done: the official image does it
 * with DOCKER_INFLUXDB_INIT_MODE=setup, and until then anyone who reaches the API can run the setup and own the
 * instance. 3.x requires a token unless started {@code --without-auth}. Bitnami's image (2.x) does the setup itself.
 * A tag without a version is taken as the current 2.x default.
 */
public final class InfluxDbModule extends DatastoreModule {

    private static final String FIX = "InfluxDB 1.x: set INFLUXDB_HTTP_AUTH_ENABLED=true with an admin user from a Secret; 2.x: run the"
            + " initial setup (DOCKER_INFLUXDB_INIT_MODE=setup with DOCKER_INFLUXDB_INIT_PASSWORD from a Secret)";

    public InfluxDbModule() {
        super("InfluxDB", Set.of("influxdb"), List.of(8086));
    }

    @Override
    public ProbeProtocol probe() {
        return ProbeProtocol.INFLUXDB_HTTP;
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        String who = "container " + c.containerName();
        String authEnv = c.envValue("INFLUXDB_HTTP_AUTH_ENABLED").orElse(null);
        if (Settings.isFalse(authEnv) || c.configMatches("^\\s*auth-enabled\\s*=\\s*false")) {
            return AuthVerdict.off(who + " sets auth-enabled = false (INFLUXDB_HTTP_AUTH_ENABLED)", FIX);
        }
        if (c.hasArg("--without-auth")) {
            return AuthVerdict.off(who + " runs influxdb3 --without-auth", FIX);
        }
        if (Settings.isTrue(authEnv) || c.configMatches("^\\s*auth-enabled\\s*=\\s*true")) {
            return AuthVerdict.on(who + " sets auth-enabled = true (INFLUXDB_HTTP_AUTH_ENABLED)");
        }
        OptionalInt major = major(c);
        if (major.isPresent() && major.getAsInt() < 2) {
            return AuthVerdict.off(c.imageLabel() + ": InfluxDB 1.x has authentication off by default", FIX);
        }
        if (major.isPresent() && major.getAsInt() >= 3) {
            return AuthVerdict.on(c.imageLabel() + ": InfluxDB 3 requires a token unless started --without-auth");
        }
        String version = major.isPresent() ? c.imageLabel() + ": InfluxDB 2 requires a token" : assumingCurrent(c, "InfluxDB 2 requires a token");
        if (c.image().bitnami() || c.envValue("DOCKER_INFLUXDB_INIT_MODE").filter("setup"::equalsIgnoreCase).isPresent()) {
            return AuthVerdict.on(version + ", and the container runs its initial setup");
        }
        return AuthVerdict.unknown(version + " once set up; " + who + " does not run the initial setup"
                + " (DOCKER_INFLUXDB_INIT_MODE=setup), and until it is done anyone who reaches it can", FIX);
    }
}
