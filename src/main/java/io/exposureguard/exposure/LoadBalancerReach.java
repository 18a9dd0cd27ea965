package io.exposureguard.exposure;

import io.exposureguard.inventory.ServiceView;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides how far a LoadBalancer Service reaches: internal-LB annotations of Azure, AWS (in-tree and the
 * AWS Load Balancer Controller, whose NLBs are internal unless the scheme says internet-facing), GKE and
 * OCI make it RESTRICTED, as do source ranges that do not include 0.0.0.0/0 or ::/0.
 */
final class LoadBalancerReach {

    static final String SOURCE_RANGES_ANNOTATION = "service.beta.kubernetes.io/load-balancer-source-ranges";
    private static final String AWS_SCHEME = "service.beta.kubernetes.io/aws-load-balancer-scheme";
    private static final String AWS_TYPE = "service.beta.kubernetes.io/aws-load-balancer-type";

    private LoadBalancerReach() {
    }

    static EntryDecision decide(ServiceView s) {
        List<String> facts = new ArrayList<>();
        String internal = internalAnnotation(s.annotations(), s.loadBalancerClass());
        if (internal != null) {
            facts.add(internal);
            return new EntryDecision(Reach.RESTRICTED, false, facts);
        }
        List<String> ranges = sourceRanges(s);
        if (ranges.isEmpty()) {
            facts.add("no loadBalancerSourceRanges: the load balancer accepts traffic from any address");
            return new EntryDecision(Reach.PUBLIC, false, facts);
        }
        if (Cidrs.anyOpen(ranges)) {
            facts.add("loadBalancerSourceRanges " + ranges + " includes every address");
            return new EntryDecision(Reach.PUBLIC, false, facts);
        }
        facts.add("loadBalancerSourceRanges limits clients to " + ranges);
        return new EntryDecision(Reach.RESTRICTED, false, facts);
    }

    /** spec.loadBalancerSourceRanges, or the older annotation when the field is empty. */
    static List<String> sourceRanges(ServiceView s) {
        return s.loadBalancerSourceRanges().isEmpty() ? Cidrs.split(s.annotations().get(SOURCE_RANGES_ANNOTATION))
                : s.loadBalancerSourceRanges();
    }

    /** The fact that makes the load balancer internal, or null. */
    static String internalAnnotation(Map<String, String> a, String loadBalancerClass) {
        if ("true".equalsIgnoreCase(a.get("service.beta.kubernetes.io/azure-load-balancer-internal"))) {
            return "annotation service.beta.kubernetes.io/azure-load-balancer-internal: true (internal Azure load balancer)";
        }
        String awsInTree = a.get("service.beta.kubernetes.io/aws-load-balancer-internal");
        if (awsInTree != null && !awsInTree.equalsIgnoreCase("false")) {
            return "annotation service.beta.kubernetes.io/aws-load-balancer-internal (internal AWS load balancer)";
        }
        String scheme = a.get(AWS_SCHEME);
        if (scheme != null) {
            return scheme.equalsIgnoreCase("internal")
                    ? "annotation " + AWS_SCHEME + ": internal (internal AWS load balancer)" : null;
        }
        String awsType = a.getOrDefault(AWS_TYPE, "").toLowerCase(Locale.ROOT);
        if (awsType.equals("external") || awsType.equals("nlb-ip") || "service.k8s.aws/nlb".equals(loadBalancerClass)) {
            return "AWS Load Balancer Controller NLB without " + AWS_SCHEME + ": the controller makes it internal";
        }
        for (String key : new String[] {"networking.gke.io/load-balancer-type", "cloud.google.com/load-balancer-type"}) {
            if ("internal".equalsIgnoreCase(a.get(key))) {
                return "annotation " + key + ": Internal (internal GKE load balancer)";
            }
        }
        if ("true".equalsIgnoreCase(a.get("service.beta.kubernetes.io/oci-load-balancer-internal"))) {
            return "annotation service.beta.kubernetes.io/oci-load-balancer-internal: true (internal OCI load balancer)";
        }
        return null;
    }
}
