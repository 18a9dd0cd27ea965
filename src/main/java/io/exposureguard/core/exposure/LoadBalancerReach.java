package io.exposureguard.core.exposure;

import io.exposureguard.core.inventory.ServiceView;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides how far a LoadBalancer Service reaches. In order:
 * <ol>
 * <li>A public address in {@code status.loadBalancer.ingress} (what the cloud actually created) makes it PUBLIC,
 *     whatever the annotations say.</li>
 * <li>An internal-LB annotation makes it RESTRICTED only when it is the cluster's provider's key with a value
 *     that means internal (Azure, AWS in-tree and the AWS Load Balancer Controller, whose NLBs are internal unless
 *     the scheme says internet-facing, GKE, OCI), and no other annotation of that provider says otherwise.
 *     Another cloud's annotation, an unknown value, a contradiction, or any annotation while the provider is
 *     {@link CloudProvider#AUTO} is a fact, never a downgrade: a tenant can write any annotation.</li>
 * <li>Source ranges that do not include 0.0.0.0/0 or ::/0 make it RESTRICTED.</li>
 * </ol>
 */
final class LoadBalancerReach {

    static final String SOURCE_RANGES_ANNOTATION = "service.beta.kubernetes.io/load-balancer-source-ranges";
    private static final String AZURE_INTERNAL = "service.beta.kubernetes.io/azure-load-balancer-internal";
    private static final String AWS_INTERNAL = "service.beta.kubernetes.io/aws-load-balancer-internal";
    private static final String AWS_SCHEME = "service.beta.kubernetes.io/aws-load-balancer-scheme";
    private static final String AWS_TYPE = "service.beta.kubernetes.io/aws-load-balancer-type";
    private static final String GKE = "networking.gke.io/load-balancer-type";
    private static final String GKE_LEGACY = "cloud.google.com/load-balancer-type";
    private static final String OCI_INTERNAL = "service.beta.kubernetes.io/oci-load-balancer-internal";

    private LoadBalancerReach() {
    }

    static EntryDecision decide(ServiceView s) {
        return decide(s, CloudProvider.AUTO);
    }

    static EntryDecision decide(ServiceView s, CloudProvider provider) {
        List<String> facts = new ArrayList<>();
        List<String> publicAddresses = s.loadBalancerIngress().stream().filter(LoadBalancerReach::publicAddress).toList();
        Claim internal = internalClaim(s.annotations(), s.loadBalancerClass(), provider);
        if (!publicAddresses.isEmpty()) {
            facts.add("status.loadBalancer.ingress " + publicAddresses + " is a public address: the load balancer"
                    + " the cloud created is reachable from the internet");
            facts.addAll(internal.facts());
            return new EntryDecision(Reach.PUBLIC, false, facts);
        }
        facts.addAll(internal.facts());
        if (internal.internal()) {
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

    /**
     * An IP outside the private ranges, or a host name other than AWS's internal load-balancer names
     * ({@code internal-...}): a name cannot be resolved here, so it counts as public unless it says internal.
     */
    static boolean publicAddress(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        String a = address.trim().toLowerCase(Locale.ROOT);
        if (Cidrs.isAddress(a)) {
            return !Cidrs.privateAddress(a);
        }
        return !a.startsWith("internal-");
    }

    /** Whether the annotations make the load balancer internal on this provider, and the facts either way. */
    record Claim(boolean internal, List<String> facts) {
    }

    /** What one provider's annotations say: internal (with the fact), not internal, or nothing. */
    private record Say(CloudProvider provider, Boolean internal, String fact) {
    }

    static Claim internalClaim(Map<String, String> a, String loadBalancerClass, CloudProvider provider) {
        List<Say> says = new ArrayList<>();
        String azure = a.get(AZURE_INTERNAL);
        if (azure != null) {
            says.add(say(CloudProvider.AZURE, bool(azure), AZURE_INTERNAL, azure, "internal Azure load balancer"));
        }
        String awsInTree = a.get(AWS_INTERNAL);
        if (awsInTree != null) {
            // The in-tree AWS provider treats any value other than "false" as internal (older docs used 0.0.0.0/0).
            says.add(say(CloudProvider.AWS, !awsInTree.equalsIgnoreCase("false"), AWS_INTERNAL, awsInTree, "internal AWS load balancer"));
        }
        String scheme = a.get(AWS_SCHEME);
        String awsType = a.getOrDefault(AWS_TYPE, "").toLowerCase(Locale.ROOT);
        boolean lbcNlb = awsType.equals("external") || awsType.equals("nlb-ip") || "service.k8s.aws/nlb".equals(loadBalancerClass);
        if (scheme != null) {
            Boolean internal = scheme.equalsIgnoreCase("internal") ? Boolean.TRUE
                    : scheme.equalsIgnoreCase("internet-facing") ? Boolean.FALSE : null;
            says.add(say(CloudProvider.AWS, internal, AWS_SCHEME, scheme, "internal AWS load balancer"));
        } else if (lbcNlb) {
            says.add(new Say(CloudProvider.AWS, true,
                    "AWS Load Balancer Controller NLB without " + AWS_SCHEME + ": the controller makes it internal"));
        }
        for (String key : new String[] {GKE, GKE_LEGACY}) {
            String value = a.get(key);
            if (value != null) {
                Boolean internal = value.equalsIgnoreCase("internal") ? Boolean.TRUE
                        : value.equalsIgnoreCase("external") ? Boolean.FALSE : null;
                says.add(say(CloudProvider.GCP, internal, key, value, "internal GKE load balancer"));
            }
        }
        String oci = a.get(OCI_INTERNAL);
        if (oci != null) {
            says.add(say(CloudProvider.OCI, bool(oci), OCI_INTERNAL, oci, "internal OCI load balancer"));
        }
        List<String> facts = new ArrayList<>();
        List<Say> ours = says.stream().filter(x -> x.provider() == provider).toList();
        boolean claimed = ours.stream().anyMatch(x -> Boolean.TRUE.equals(x.internal()));
        boolean contradicted = ours.stream().anyMatch(x -> !Boolean.TRUE.equals(x.internal()));
        for (Say x : says) {
            if (!Boolean.TRUE.equals(x.internal())) {
                facts.add(x.fact());
            } else if (provider == CloudProvider.AUTO) {
                facts.add(x.fact() + ", but the policy names no provider (spec.provider), so it does not lower the reach");
            } else if (x.provider() != provider) {
                facts.add(x.fact() + ", but the cluster's provider is " + provider.value() + ": ignored");
            } else if (contradicted) {
                facts.add(x.fact() + ", but another " + provider.value() + " annotation contradicts it: not trusted");
            } else {
                facts.add(x.fact());
            }
        }
        return new Claim(claimed && !contradicted, facts);
    }

    private static Boolean bool(String value) {
        return value.equalsIgnoreCase("true") ? Boolean.TRUE : value.equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }

    private static Say say(CloudProvider provider, Boolean internal, String key, String value, String meaning) {
        String fact = "annotation " + key + ": " + value + (Boolean.TRUE.equals(internal) ? " (" + meaning + ")"
                : internal == null ? " (a value that does not mean internal: not trusted)" : " (not internal)");
        return new Say(provider, internal, fact);
    }
}
