package io.exposureguard.core.kinds;

import io.exposureguard.core.inventory.WatchedKind;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exposureguard.core.inventory.CustomResourceReader;

import java.util.List;
import java.util.Optional;

/**
 * Everything the engine knows about one datastore operator's custom-resource kind (ECK's Elasticsearch, say): its
 * groups, served versions and plural (what the operator watches, what RBAC and the webhooks name), how an object
 * is recognised and read into datastores and the Services its operator generates ({@link CustomResourceReader}),
 * and how its own settings are fixed. One class per kind, listed once in {@link ResourceKinds}. Pure.
 */
public interface DatastoreResourceKind extends CustomResourceReader {

    String kind();

    /** The API groups the kind is served under (an operator that moved group keeps both). */
    List<String> groups();

    /** The served versions read; the first is the one watched and named in webhook rules. */
    List<String> versions();

    String plural();

    /** For docs/rules.md: the Services the kind's operator generates, and where their settings live. */
    String generatedServices();

    /** For docs/rules.md: what {@link #enableAuthentication} and {@link #generatedServiceSettings} change. */
    String ownSettingsFix();

    /**
     * Whether the kind's own settings can be fixed: if so, the mutating webhook receives it and remediation may
     * patch it (the chart grants patch on it).
     */
    boolean fixesOwnSettings();

    /** Any version of any of the kind's groups. */
    @Override
    default boolean reads(String apiVersion, String kind) {
        if (apiVersion == null || !kind().equals(kind)) {
            return false;
        }
        int slash = apiVersion.indexOf('/');
        return slash > 0 && groups().contains(apiVersion.substring(0, slash));
    }

    /** One watched kind per group. */
    default List<WatchedKind> watched() {
        return groups().stream().map(g -> new WatchedKind(g, versions(), kind(), plural())).toList();
    }

    /**
     * Turns the datastore's own authentication (and TLS) back on in the object's JSON tree, in place.
     *
     * @return whether anything changed
     */
    default boolean enableAuthentication(ObjectNode object) {
        return false;
    }

    /**
     * The {@code {metadata, spec}} block from which the operator generates the object's published Service, to be
     * closed like a Service; empty when the object has none (or the kind's Services cannot be changed here).
     */
    default Optional<ObjectNode> generatedServiceSettings(ObjectNode object) {
        return Optional.empty();
    }
}
