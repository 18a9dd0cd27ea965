/**
 * What a datastore is to the engine (pure values): its kind and ports, the container it runs in, the settings and
 * environment it was started with, and the verdict on its authentication with the facts behind it.
 */
package io.exposureguard.core.datastore;
