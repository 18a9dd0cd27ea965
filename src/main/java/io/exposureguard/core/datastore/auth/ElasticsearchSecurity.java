package io.exposureguard.core.datastore.auth;

import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.ElasticsearchSettings;
import io.exposureguard.core.model.Severity;

import java.util.Map;
import java.util.Optional;

/**
 * The name ECK's {@code Elasticsearch} resource kind reads Elasticsearch's security settings by. The settings
 * themselves live in {@link ElasticsearchSettings}, next to the workload module that shares them (the datastore
 * modules are in {@code core.datastore}, which may not depend on this package).
 */
public final class ElasticsearchSecurity {

    public static final String ENABLED = ElasticsearchSettings.ENABLED;
    public static final String ANONYMOUS = ElasticsearchSettings.ANONYMOUS;
    public static final String ANONYMOUS_ROLES = ElasticsearchSettings.ANONYMOUS_ROLES;

    private ElasticsearchSecurity() {
    }

    public static Severity anonymousRoleSeverity(String role) {
        return ElasticsearchSettings.anonymousRoleSeverity(role);
    }

    public static Optional<AuthVerdict> disabled(Map<String, String> settings, String where, String fix) {
        return ElasticsearchSettings.disabled(settings, where, fix);
    }

    public static Optional<AuthVerdict> anonymous(Map<String, String> settings, String where, String fix) {
        return ElasticsearchSettings.anonymous(settings, where, fix);
    }

    public static String anonymousFix(String where) {
        return ElasticsearchSettings.anonymousFix(where);
    }
}
