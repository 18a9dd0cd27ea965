package io.exposureguard.core.datastore;

import io.exposureguard.core.model.Severity;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Elasticsearch's security settings, shared by plain containers and ECK's {@code Elasticsearch} resource:
 * {@code xpack.security.enabled} and anonymous access ({@code xpack.security.authc.anonymous.roles}).
 */
public final class ElasticsearchSettings {

    public static final String ENABLED = "xpack.security.enabled";
    /** The anonymous-access settings ({@code .roles}, {@code .username}, {@code .authz_exception}). */
    public static final String ANONYMOUS = "xpack.security.authc.anonymous";
    public static final String ANONYMOUS_ROLES = ANONYMOUS + ".roles";

    private ElasticsearchSettings() {
    }

    /** superuser is critical; monitoring_user medium; viewer, editor, ingest_admin, transport_client and custom roles high. */
    public static Severity anonymousRoleSeverity(String role) {
        String r = role.trim();
        if (r.equals("superuser")) {
            return Severity.CRITICAL;
        }
        if (r.equals("monitoring_user")) {
            return Severity.MEDIUM;
        }
        return Severity.HIGH; // viewer, editor, ingest_admin, transport_client and every custom role
    }

    /** Security explicitly switched off, with where it was said. */
    public static Optional<AuthVerdict> disabled(Map<String, String> settings, String where, String fix) {
        if (Settings.isFalse(settings.get(ENABLED))) {
            return Optional.of(AuthVerdict.off(where + " sets " + ENABLED + ": false", fix));
        }
        return Optional.empty();
    }

    /** Anonymous access with its most powerful role, with where it was said. */
    public static Optional<AuthVerdict> anonymous(Map<String, String> settings, String where, String fix) {
        String roles = settings.get(ANONYMOUS_ROLES);
        if (roles == null || roles.isBlank()) {
            return Optional.empty();
        }
        List<String> list = Arrays.stream(roles.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        Severity worst = list.stream().map(ElasticsearchSettings::anonymousRoleSeverity)
                .max(Comparator.naturalOrder()).orElse(Severity.HIGH);
        return Optional.of(AuthVerdict.anonymous(worst,
                where + " grants anonymous access with roles [" + String.join(", ", list) + "]", fix));
    }

    public static String anonymousFix(String where) {
        return "remove " + ANONYMOUS_ROLES + " (and the rest of " + ANONYMOUS + ") from " + where;
    }
}
