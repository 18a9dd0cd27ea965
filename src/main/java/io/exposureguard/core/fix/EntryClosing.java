package io.exposureguard.core.fix;

import io.exposureguard.core.api.v1.RemediationSpec;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How an entry is closed, from the governing policy's {@code remediation} settings.
 *
 * @param service             ClusterIP, SourceRanges or InternalLoadBalancer
 * @param allowedCidrs        the policy's allowedSourceCidrs (for SourceRanges and Ingress allowlists)
 * @param internalAnnotations the cloud's internal load-balancer annotations (for InternalLoadBalancer)
 * @param ingress             Allowlist or RemoveRule
 * @param datastoreServices   "namespace/name" of the Services through which the exposure reaches the datastore
 *                            (the Ingress routes RemoveRule drops)
 */
public record EntryClosing(String service, List<String> allowedCidrs, Map<String, String> internalAnnotations, String ingress,
                           Set<String> datastoreServices) {

    public EntryClosing {
        allowedCidrs = List.copyOf(allowedCidrs);
        internalAnnotations = Map.copyOf(internalAnnotations);
        datastoreServices = Set.copyOf(datastoreServices);
    }

    public static EntryClosing of(RemediationSpec spec, List<String> allowedCidrs) {
        RemediationSpec s = spec == null ? new RemediationSpec() : spec;
        return new EntryClosing(s.getService() == null ? RemediationSpec.CLUSTER_IP : s.getService(), allowedCidrs,
                s.getInternalLoadBalancerAnnotations() == null ? Map.of() : s.getInternalLoadBalancerAnnotations(),
                s.getIngress() == null ? RemediationSpec.ALLOWLIST : s.getIngress(), Set.of());
    }

    public EntryClosing withDatastoreServices(Set<String> services) {
        return new EntryClosing(service, allowedCidrs, internalAnnotations, ingress, services);
    }
}
