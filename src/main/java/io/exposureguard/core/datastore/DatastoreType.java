package io.exposureguard.core.datastore;

import io.exposureguard.core.datastore.catalog.CustomDatastoreType;

import java.util.List;

/** A kind of datastore: the built-in {@link DatastoreKind}s, or one a policy defines ({@link CustomDatastoreType}). */
public interface DatastoreType {

    String displayName();

    /** A web front end people reach through a login page (Kibana, OpenSearch Dashboards). */
    boolean ui();

    /** Whether a login this front end asks for is its own, protecting the datastore behind it ({@link DatastoreModule#ownLogin}). */
    default boolean ownLogin() {
        return false;
    }

    /** Ports it listens on when a container declares none. */
    List<Integer> defaultPorts();
}
