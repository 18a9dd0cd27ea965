package io.exposureguard.core.exposure;

import java.util.Locale;
import java.util.Optional;

/**
 * The cloud whose load-balancer controller serves the cluster (ExposurePolicy {@code spec.provider}). Only that
 * cloud's internal load-balancer annotations make a LoadBalancer internal: on AWS, a GKE annotation does nothing
 * to the load balancer AWS creates, so it must not lower a finding. {@code AUTO}, the default, names no cloud:
 * internal annotations are then reported as facts but lower nothing (the operator does not watch Nodes, so it
 * cannot tell the cloud from their providerID).
 */
public enum CloudProvider {
    AUTO("auto"),
    AWS("aws"),
    GCP("gcp"),
    AZURE("azure"),
    OCI("oci");

    private final String value;

    CloudProvider(String value) {
        this.value = value;
    }

    /** The spelling in a policy: auto, aws, gcp, azure, oci. */
    public String value() {
        return value;
    }

    /** The provider a policy names, or empty when the value is none of them. Null or empty means auto. */
    public static Optional<CloudProvider> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(AUTO);
        }
        for (CloudProvider p : values()) {
            if (p.value.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
