package io.exposureguard.core.datastore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AKHQ, a web UI for Kafka. Its configuration comes from {@code AKHQ_CONFIGURATION} (YAML in an env variable, as its
 * chart sets it) or a mounted application.yml: each connection's {@code bootstrap.servers} is an upstream, a
 * {@code sasl.jaas.config} gives it the brokers' credentials. Security is off unless {@code micronaut.security.enabled:
 * true}.
 */
public final class AkhqModule extends AdminUiModule {

    private static final Pattern SERVERS = Pattern.compile("bootstrap\\.servers\\s*[:=]\\s*[\"']?([^\"'\\s#]{1,1024})");
    private static final Pattern SECURITY = Pattern.compile("(?m)^\\s*security:\\s*\\n(?:\\s+.*\\n)*?\\s+enabled:\\s*[\"']?true");

    public AkhqModule() {
        super("AKHQ", Set.of("akhq"), List.of(8080), List.of(AkhqModule::connections), List.of());
    }

    private static String configuration(ContainerView c) {
        String env = c.envValue("AKHQ_CONFIGURATION").filter(v -> v.length() <= 64 * 1024).orElse("");
        return env + "\n" + c.mountedConfig();
    }

    private static List<Upstream> connections(ContainerView c) {
        List<Upstream> out = new ArrayList<>();
        Matcher m = SERVERS.matcher(configuration(c));
        while (m.find()) {
            out.addAll(Upstream.parse(m.group(1), "AKHQ configuration bootstrap.servers"));
        }
        return out;
    }

    @Override
    protected List<String> credentials(ContainerView c) {
        List<String> out = new ArrayList<>(super.credentials(c));
        if (configuration(c).contains("sasl.jaas.config")) {
            out.add("AKHQ configuration sasl.jaas.config");
        }
        return out;
    }

    @Override
    protected Login login(ContainerView c) {
        return SECURITY.matcher(configuration(c)).find() ? new Login(true, "micronaut security is enabled in its configuration")
                : Login.none("micronaut security is not enabled: AKHQ asks for no login by default");
    }

    @Override
    protected String loginFix() {
        return "enable micronaut.security in AKHQ's configuration (basic auth, LDAP or OIDC), or close its entry";
    }
}
