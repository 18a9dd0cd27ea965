package io.exposureguard.core.probe;

import java.util.Objects;
import java.util.Set;

/**
 * The Kubernetes API server's endpoint addresses as the caller read them (the EndpointSlice of the
 * {@code kubernetes} Service in {@code default}), or why they could not be read: then nothing is probed, since no
 * target can be checked against them. The {@code kubernetes} Service's cluster IPs come from the cluster state.
 */
public record ApiServerAddresses(Set<String> endpoints, String unreadable) {

    public static final ApiServerAddresses NONE = known(Set.of());

    public ApiServerAddresses {
        endpoints = Set.copyOf(endpoints);
        unreadable = Objects.requireNonNullElse(unreadable, "");
    }

    public static ApiServerAddresses known(Set<String> endpoints) {
        return new ApiServerAddresses(endpoints, "");
    }

    public static ApiServerAddresses unreadable(String reason) {
        return new ApiServerAddresses(Set.of(), reason == null || reason.isBlank() ? "unknown error" : reason);
    }

    public boolean known() {
        return unreadable.isEmpty();
    }
}
