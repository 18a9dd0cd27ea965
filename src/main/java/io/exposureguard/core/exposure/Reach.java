package io.exposureguard.core.exposure;

/** How far from the datastore a client may be. Declared from nearest to farthest. */
public enum Reach {
    /** Only from inside the cluster. */
    CLUSTER,
    /** From outside the cluster, but only from some networks (source ranges, internal load balancer, private IPs). */
    RESTRICTED,
    /** From anywhere, as far as the manifests tell. */
    PUBLIC
}
