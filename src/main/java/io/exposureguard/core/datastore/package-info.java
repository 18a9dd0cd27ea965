/**
 * What a datastore is to the engine (pure values): its kind and ports, the container it runs in, the settings and
 * environment it was started with, and the verdict on its authentication with the facts behind it. Also the
 * datastores recognised from workloads: one {@link io.exposureguard.core.datastore.DatastoreModule} class each
 * (name, images, ports, authentication reading, probe protocol), listed once in
 * {@link io.exposureguard.core.datastore.DatastoreKind}.
 */
package io.exposureguard.core.datastore;
