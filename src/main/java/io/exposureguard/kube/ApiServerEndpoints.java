package io.exposureguard.kube;

import io.exposureguard.core.probe.ApiServerAddresses;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The API server's own addresses, which the probe never targets: the EndpointSlice {@code kubernetes} in
 * {@code default} that the API server keeps for its Service (one GET, by name, at most once per {@code maxAge}).
 * A slice that does not exist gives no addresses; one that cannot be read gives "unreadable", and then nothing is
 * probed until it can be read again.
 */
public final class ApiServerEndpoints {

    private static final Logger LOG = Logger.getLogger(ApiServerEndpoints.class);

    private final KubernetesClient client;
    private final Duration maxAge;
    private ApiServerAddresses last;
    private Instant readAt = Instant.MIN;

    public ApiServerEndpoints(KubernetesClient client, Duration maxAge) {
        this.client = client;
        this.maxAge = maxAge;
    }

    /** Called on the audit thread only. */
    public ApiServerAddresses read(Instant now) {
        if (last != null && readAt.plus(maxAge).isAfter(now)) {
            return last;
        }
        ApiServerAddresses read;
        try {
            EndpointSlice slice = client.discovery().v1().endpointSlices().inNamespace("default").withName("kubernetes").get();
            Set<String> addresses = new LinkedHashSet<>();
            if (slice != null && slice.getEndpoints() != null) {
                for (Endpoint e : slice.getEndpoints()) {
                    if (e.getAddresses() != null) {
                        addresses.addAll(e.getAddresses());
                    }
                }
            }
            read = ApiServerAddresses.known(addresses);
        } catch (KubernetesClientException e) {
            read = ApiServerAddresses.unreadable("EndpointSlice default/kubernetes: " + (e.getCode() > 0 ? "HTTP " + e.getCode() : e.getMessage()));
            if (last == null || last.known()) {
                LOG.warnf("probing paused: cannot read the API server's addresses (%s)", read.unreadable());
            }
        }
        last = read;
        readAt = now;
        return read;
    }
}
