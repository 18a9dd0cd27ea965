package io.exposureguard.core.policy;

/**
 * The narrow, read-only way a front door sees the cluster (the admission webhooks judge in its context). Implemented
 * over the operator's informer cache; {@link ClusterState#EMPTY} before the cache has started.
 */
@FunctionalInterface
public interface ClusterReader {

    ClusterState current();

    /**
     * What judging an object of this namespace needs: the namespace's objects, those of the namespaces where traffic
     * enters (Gateways'), the entry-side objects of every namespace (routes, middlewares, ReferenceGrants), and the
     * policies, exceptions and namespace labels. A cluster-scoped object ({@code null}) needs the whole cluster. The
     * informer cache reads this through its namespace index; by default it is {@link #current()}.
     */
    default ClusterState around(String namespace) {
        return current();
    }

    /** The ExposurePolicies alone (what judging an ExposurePolicy or ExposureException needs); by default from {@link #current()}. */
    default java.util.List<io.exposureguard.core.api.v1.ExposurePolicy> policies() {
        return current().policies();
    }
}
