package io.exposureguard.core.datastore;

import io.exposureguard.core.datastore.catalog.CustomDatastoreType;

import java.util.List;

/** A kind of datastore: the built-in {@link DatastoreKind}s, or one a policy defines ({@link CustomDatastoreType}). */
public interface DatastoreType {

    String displayName();

    /** A web front end people reach through a login page (Kibana, OpenSearch Dashboards). */
    boolean ui();

    /** Ports it listens on when a container declares none. */
    List<Integer> defaultPorts();
}
