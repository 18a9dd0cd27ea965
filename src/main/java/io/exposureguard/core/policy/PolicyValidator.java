package io.exposureguard.core.policy;

import io.exposureguard.core.exposure.CloudProvider;
import io.exposureguard.core.exposure.InternalNetworks;
import io.exposureguard.core.inventory.LabelSelectors;
import io.exposureguard.core.api.v1.ProbeSpec;
import io.exposureguard.core.api.v1.RemediationSpec;
import io.exposureguard.core.api.v1.DatastoreDefinition;
import io.exposureguard.core.api.v1.ExposureException;
import io.exposureguard.core.api.v1.ExposureExceptionSpec;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.exposureguard.core.api.v1.ExposurePolicySpec;
import io.exposureguard.core.api.v1.ResourceMatch;
import io.exposureguard.core.api.v1.RuleAction;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks what the CRD schema cannot: label selector operators and values, CIDR syntax, known rule ids,
 * RFC 3339 expiry. Pure: the caller passes the rule ids it knows.
 */
public class PolicyValidator {

    private final Set<String> knownRules;

    public PolicyValidator(Set<String> knownRules) {
        this.knownRules = Set.copyOf(knownRules);
    }

    public List<PolicyProblem> validate(ExposurePolicy policy) {
        List<PolicyProblem> out = new ArrayList<>();
        ExposurePolicySpec spec = policy.getSpec();
        if (spec == null) {
            return out;
        }
        LabelSelectors.problems(spec.getNamespaceSelector(), "spec.namespaceSelector")
                .forEach(p -> out.add(new PolicyProblem("spec.namespaceSelector", p, true)));
        if (spec.getProbe() != null && !List.of(ProbeSpec.OFF, ProbeSpec.EXPOSED, ProbeSpec.ALL).contains(String.valueOf(spec.getProbe().getMode()))) {
            out.add(new PolicyProblem("spec.probe.mode", "'" + spec.getProbe().getMode() + "' is not Off, Exposed or All", true));
        }
        List<String> targets = spec.getProbe() == null ? List.of() : nz(spec.getProbe().getAllowedTargetCidrs());
        for (int i = 0; i < targets.size(); i++) {
            if (!InternalNetworks.valid(targets.get(i))) {
                out.add(new PolicyProblem("spec.probe.allowedTargetCidrs[" + i + "]", "'" + targets.get(i) + "' is not a CIDR", true));
            }
        }
        RemediationSpec remediation = spec.getRemediation();
        if (remediation != null) {
            if (!List.of(RemediationSpec.CLUSTER_IP, RemediationSpec.SOURCE_RANGES, RemediationSpec.INTERNAL_LOAD_BALANCER)
                    .contains(String.valueOf(remediation.getService()))) {
                out.add(new PolicyProblem("spec.remediation.service", "'" + remediation.getService()
                        + "' is not ClusterIP, SourceRanges or InternalLoadBalancer", true));
            } else if (RemediationSpec.INTERNAL_LOAD_BALANCER.equals(remediation.getService())
                    && nzMap(remediation.getInternalLoadBalancerAnnotations()).isEmpty()) {
                out.add(new PolicyProblem("spec.remediation.internalLoadBalancerAnnotations",
                        "is required for service: InternalLoadBalancer", true));
            } else if (RemediationSpec.INTERNAL_LOAD_BALANCER.equals(remediation.getService())
                    && CloudProvider.parse(spec.getProvider()).orElse(CloudProvider.AUTO) == CloudProvider.AUTO) {
                out.add(new PolicyProblem("spec.provider", "service: InternalLoadBalancer needs the provider named (aws, gcp,"
                        + " azure or oci): with auto, internal load-balancer annotations lower no finding, so the fix closes nothing", false));
            }
            if (!List.of(RemediationSpec.ALLOWLIST, RemediationSpec.REMOVE_RULE).contains(String.valueOf(remediation.getIngress()))) {
                out.add(new PolicyProblem("spec.remediation.ingress", "'" + remediation.getIngress()
                        + "' is not Allowlist or RemoveRule", true));
            }
        }
        if (CloudProvider.parse(spec.getProvider()).isEmpty()) {
            out.add(new PolicyProblem("spec.provider", "'" + spec.getProvider() + "' is not auto, aws, gcp, azure or oci", true));
        }
        List<String> cidrs = nz(spec.getAllowedSourceCidrs());
        for (int i = 0; i < cidrs.size(); i++) {
            if (!InternalNetworks.valid(cidrs.get(i))) {
                out.add(new PolicyProblem("spec.allowedSourceCidrs[" + i + "]", "'" + cidrs.get(i) + "' is not a CIDR", true));
            }
        }
        List<DatastoreDefinition> datastores = nz(spec.getDatastores());
        for (int i = 0; i < datastores.size(); i++) {
            DatastoreDefinition d = datastores.get(i);
            String at = "spec.datastores[" + i + "]";
            if (d == null || blank(d.getName()) || nz(d.getImagePatterns()).isEmpty()) {
                out.add(new PolicyProblem(at, "needs a name and at least one image pattern", true));
            } else if (nz(d.getPorts()).stream().anyMatch(p -> p == null || p < 1 || p > 65535)) {
                out.add(new PolicyProblem(at + ".ports", "ports must be between 1 and 65535", true));
            } else if (d.getDefaultAuth() != null && !List.of("off", "on", "unknown").contains(d.getDefaultAuth())) {
                out.add(new PolicyProblem(at + ".defaultAuth", "'" + d.getDefaultAuth() + "' is not off, on or unknown", true));
            }
        }
        List<RuleAction> rules = nz(spec.getRules());
        for (int i = 0; i < rules.size(); i++) {
            RuleAction r = rules.get(i);
            if (r == null || r.getId() == null || r.getAction() == null) {
                out.add(new PolicyProblem("spec.rules[" + i + "]", "needs both id and action", true));
            } else if (!knownRules.contains(r.getId())) {
                out.add(new PolicyProblem("spec.rules[" + i + "].id", "unknown rule " + r.getId() + " (ignored)", false));
            }
        }
        return out;
    }

    public List<PolicyProblem> validate(ExposureException exception) {
        List<PolicyProblem> out = new ArrayList<>();
        ExposureExceptionSpec spec = exception.getSpec();
        if (spec == null) {
            out.add(new PolicyProblem("spec", "is missing", true));
            return out;
        }
        if (blank(spec.getReason())) {
            out.add(new PolicyProblem("spec.reason", "is required: say why the exposure is acceptable", true));
        }
        if (blank(spec.getApprovedBy())) {
            out.add(new PolicyProblem("spec.approvedBy", "is required: say who approved the exception", true));
        }
        if (expiry(exception).isEmpty()) {
            out.add(new PolicyProblem("spec.expiresAt", blank(spec.getExpiresAt()) ? "is required"
                    : "'" + spec.getExpiresAt() + "' is not an RFC 3339 time such as 2027-01-31T00:00:00Z", true));
        }
        if (nz(spec.getRules()).isEmpty()) {
            out.add(new PolicyProblem("spec.rules", "must name at least one rule", true));
        }
        nz(spec.getRules()).stream().filter(r -> !knownRules.contains(r))
                .forEach(r -> out.add(new PolicyProblem("spec.rules", "unknown rule " + r + " (ignored)", false)));
        List<ResourceMatch> resources = nz(spec.getResources());
        if (resources.isEmpty()) {
            out.add(new PolicyProblem("spec.resources", "must name at least one resource", true));
        }
        for (int i = 0; i < resources.size(); i++) {
            if (resources.get(i) == null || blank(resources.get(i).getNamespace())) {
                out.add(new PolicyProblem("spec.resources[" + i + "].namespace", "is required", true));
            } else {
                String field = "spec.resources[" + i + "].selector";
                LabelSelectors.problems(resources.get(i).getSelector(), field)
                        .forEach(p -> out.add(new PolicyProblem(field, p, true)));
            }
        }
        return out;
    }

    /** The exception's expiry, when it parses. */
    public static Optional<Instant> expiry(ExposureException exception) {
        String text = exception.getSpec() == null ? null : exception.getSpec().getExpiresAt();
        if (blank(text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.trim()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static <T> List<T> nz(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <K, V> java.util.Map<K, V> nzMap(java.util.Map<K, V> m) {
        return m == null ? java.util.Map.of() : m;
    }
}
