package io.exposureguard.core.api.v1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

import java.util.LinkedHashMap;
import java.util.Map;

/** How the operator closes exposures that policy says to fix (see docs/remediation.md). */
public class RemediationSpec {

    public static final String CLUSTER_IP = "ClusterIP";
    public static final String SOURCE_RANGES = "SourceRanges";
    public static final String INTERNAL_LOAD_BALANCER = "InternalLoadBalancer";
    public static final String ALLOWLIST = "Allowlist";
    public static final String REMOVE_RULE = "RemoveRule";

    @JsonPropertyDescription("How a LoadBalancer, NodePort or externalIPs entry in front of a datastore is closed:"
            + " ClusterIP (default: the Service stops being published), SourceRanges (loadBalancerSourceRanges set to"
            + " allowedSourceCidrs) or InternalLoadBalancer (internalLoadBalancerAnnotations added). ECK-managed"
            + " Services are changed in the Elasticsearch/Kibana resource, never directly.")
    @Pattern("^(ClusterIP|SourceRanges|InternalLoadBalancer)$")
    @Default("ClusterIP")
    private String service = CLUSTER_IP;

    @JsonPropertyDescription("The cloud's internal load-balancer annotations, for service: InternalLoadBalancer"
            + " (for example service.beta.kubernetes.io/azure-load-balancer-internal: \"true\").")
    private Map<String, String> internalLoadBalancerAnnotations = new LinkedHashMap<>();

    @JsonPropertyDescription("How an Ingress route to a datastore is closed: Allowlist (default: the ingress-nginx"
            + " source allowlist set to allowedSourceCidrs) or RemoveRule (the rules reaching the datastore are dropped).")
    @Pattern("^(Allowlist|RemoveRule)$")
    @Default("Allowlist")
    private String ingress = ALLOWLIST;

    @JsonPropertyDescription("Quarantine instead of patching: a NetworkPolicy owned by exposure-guard admits traffic"
            + " to the datastore's pods only from pods in the cluster and allowedSourceCidrs.")
    private boolean preferQuarantine;

    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = service;
    }

    public Map<String, String> getInternalLoadBalancerAnnotations() {
        return internalLoadBalancerAnnotations;
    }

    public void setInternalLoadBalancerAnnotations(Map<String, String> internalLoadBalancerAnnotations) {
        this.internalLoadBalancerAnnotations = internalLoadBalancerAnnotations;
    }

    public String getIngress() {
        return ingress;
    }

    public void setIngress(String ingress) {
        this.ingress = ingress;
    }

    public boolean isPreferQuarantine() {
        return preferQuarantine;
    }

    public void setPreferQuarantine(boolean preferQuarantine) {
        this.preferQuarantine = preferQuarantine;
    }
}
