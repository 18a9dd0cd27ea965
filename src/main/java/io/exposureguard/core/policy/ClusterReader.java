package io.exposureguard.core.policy;

/**
 * The narrow, read-only way a front door sees the cluster (the admission webhooks judge in its context). Implemented
 * over the operator's informer cache; {@link ClusterState#EMPTY} before the cache has started.
 */
@FunctionalInterface
public interface ClusterReader {

    ClusterState current();
}
