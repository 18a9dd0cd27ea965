package io.exposureguard.core.datastore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Kafka UI (provectuslabs/kafka-ui and its successor kafbat/kafka-ui). Upstreams: every
 * {@code KAFKA_CLUSTERS_<n>_BOOTSTRAPSERVERS}. {@code AUTH_TYPE} defaults to DISABLED ("Access will be unrestricted");
 * LOGIN_FORM, OAUTH2 and LDAP ask for a login. A {@code KAFKA_CLUSTERS_<n>_PROPERTIES_SASL_JAAS_CONFIG} gives it the
 * brokers' credentials.
 */
public final class KafkaUiModule extends AdminUiModule {

    private static final Pattern BOOTSTRAP = Pattern.compile("KAFKA_CLUSTERS_\\d+_BOOTSTRAP_?SERVERS");
    private static final Pattern JAAS = Pattern.compile("KAFKA_CLUSTERS_\\d+_PROPERTIES_SASL_JAAS_CONFIG");
    private static final Set<String> LOGINS = Set.of("LOGIN_FORM", "OAUTH2", "LDAP");

    public KafkaUiModule() {
        super("Kafka UI", Set.of("kafka-ui"), List.of(8080), List.of(KafkaUiModule::clusters), List.of());
    }

    private static List<Upstream> clusters(ContainerView c) {
        List<Upstream> out = new ArrayList<>();
        for (Map.Entry<String, EnvValue> e : c.env().entrySet()) {
            if (BOOTSTRAP.matcher(e.getKey()).matches()) {
                out.addAll(UpstreamSource.env(e.getKey()).read(c));
            }
        }
        return out;
    }

    @Override
    protected List<String> credentials(ContainerView c) {
        List<String> out = new ArrayList<>(super.credentials(c));
        c.env().keySet().stream().filter(k -> JAAS.matcher(k).matches()).forEach(k -> out.add("env " + k));
        return out;
    }

    @Override
    protected Login login(ContainerView c) {
        String type = c.envValue("AUTH_TYPE").map(String::trim).orElse("");
        if (LOGINS.contains(type.toUpperCase(java.util.Locale.ROOT))) {
            return new Login(true, "env AUTH_TYPE=" + type + " asks for a login");
        }
        return Login.none(type.isEmpty() ? "no AUTH_TYPE: authentication is DISABLED by default, access is unrestricted"
                : "env AUTH_TYPE=" + type + ": no login");
    }

    @Override
    protected String loginFix() {
        return "set AUTH_TYPE (LOGIN_FORM, OAUTH2 or LDAP) on Kafka UI, or close its entry";
    }
}
