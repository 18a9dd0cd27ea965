/**
 * Elasticsearch's security settings under the name the custom-resource kinds read them by (pure). The datastore
 * modules, each with its own authentication reading, are in {@code io.exposureguard.core.datastore}.
 */
package io.exposureguard.core.datastore.auth;
