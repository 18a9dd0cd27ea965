package io.exposureguard.cli;

import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.FindingText;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.model.RuleInfo;
import io.exposureguard.core.model.Severity;
import io.exposureguard.core.api.v1.Action;
import io.exposureguard.core.api.v1.ExposureException;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.exposureguard.core.api.v1.ResourceMatch;
import io.exposureguard.core.policy.Decision;
import io.exposureguard.core.policy.PolicyOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * EG-POL-001 and EG-POL-002: ExposureExceptions and ExposurePolicies found among the scanned files. A scan
 * takes its policies only from {@code --policy} (a location the change under review cannot write), so these
 * are not applied; each is reported as a finding that says what it would change in these files, comparing
 * the verdicts actually reached with those reached with the scanned files' exceptions (and, separately, their
 * policies) added to the trusted ones. Pure: outcomes in, findings out.
 */
public final class InputPolicyFindings {

    public static final RuleInfo ADDS_EXCEPTION = new RuleInfo("EG-POL-001", "The scanned files add or change an ExposureException",
            Severity.HIGH,
            "An ExposureException turns findings off wherever it counts, and the operator and the webhooks trust every"
                    + " exception in the cluster: once this change is applied, the exposures it names stop being reported"
                    + " or denied. scan does not apply exceptions from the files it checks (a pull request could otherwise"
                    + " pass its own gate), so its findings stand, and the exception itself needs a reviewer's approval.",
            "Have the exception reviewed by whoever approves exposures (its approvedBy, reason, expiry and scope). Once"
                    + " approved, keep it where CI reads trusted policies and pass that location with --policy, or remove it"
                    + " from the change and fix the exposure instead.");

    public static final RuleInfo ADDS_POLICY = new RuleInfo("EG-POL-002", "The scanned files add or change an ExposurePolicy",
            Severity.HIGH,
            "An ExposurePolicy decides what happens to findings (deny, fix, alert or off), which namespaces are excluded"
                    + " and which networks count as internal, and the operator and the webhooks trust every policy in the"
                    + " cluster. scan does not apply policies from the files it checks (a pull request could otherwise turn"
                    + " its own findings off), so its verdicts stand, and the policy change needs a reviewer's approval.",
            "Have the policy change reviewed by whoever owns exposure policy. Once approved, keep it where CI reads trusted"
                    + " policies and pass that location with --policy; a policy meant only for one environment belongs in"
                    + " that environment's trusted configuration, not in application manifests.");

    public static final List<RuleInfo> RULES = List.of(ADDS_EXCEPTION, ADDS_POLICY);

    private static final String REASON = "policy objects in the scanned files are not applied (trusted ones come from --policy)";

    private InputPolicyFindings() {
    }

    /**
     * @param trusted        the policy objects given with --policy (a scanned one of the same name "changes" it)
     * @param applied        the outcome with trusted policies and exceptions only (what the scan decides)
     * @param withExceptions the outcome with the scanned files' exceptions added to the trusted ones
     * @param withPolicies   the outcome with the scanned files' policies added to the trusted ones
     */
    static List<Decision> of(List<ExposurePolicy> policies, List<ExposureException> exceptions, java.util.Set<ObjectRef> trusted,
                             PolicyOutcome applied, PolicyOutcome withExceptions, PolicyOutcome withPolicies) {
        List<ObjectRef> exceptionRefs = exceptions.stream().map(InputPolicyFindings::ref).toList();
        List<String> policyNames = policies.stream().map(p -> p.getMetadata().getName()).toList();
        Map<ObjectRef, List<String>> byException = new LinkedHashMap<>();
        Map<String, List<String>> byPolicy = new LinkedHashMap<>();
        List<String> byAllPolicies = new ArrayList<>();
        Map<String, Decision> excepted = byKey(withExceptions);
        Map<String, Decision> governed = byKey(withPolicies);
        for (Decision d : applied.decisions()) {
            if (d.action() == Action.OFF) {
                continue;
            }
            String what = d.finding().rule().id() + " (" + d.finding().severity().label() + ", " + d.action().label() + ") on "
                    + d.finding().resource().display();
            Decision e = excepted.get(key(d.finding()));
            if (e != null && e.exceptedBy().isPresent() && exceptionRefs.contains(e.exceptedBy().get())) {
                byException.computeIfAbsent(e.exceptedBy().get(), k -> new ArrayList<>()).add("would turn off " + what);
            }
            if (policies.isEmpty()) {
                continue;
            }
            Decision h = governed.get(key(d.finding()));
            if (h == null) {
                byAllPolicies.add("would no longer report " + what);
            } else if (h.action().compareTo(d.action()) < 0 || h.finding().severity().compareTo(d.finding().severity()) < 0) {
                String change = "would change " + what + " to " + h.finding().severity().label() + ", " + h.action().label();
                if (h.exceptedBy().isEmpty() && h.policy().isPresent() && policyNames.contains(h.policy().get())) {
                    byPolicy.computeIfAbsent(h.policy().get(), k -> new ArrayList<>()).add(change);
                } else {
                    byAllPolicies.add(change);
                }
            }
        }
        List<Decision> out = new ArrayList<>();
        for (ExposureException e : exceptions) {
            ObjectRef ref = ref(e);
            List<String> facts = new ArrayList<>();
            facts.add("names rules " + nz(e.getSpec() == null ? null : e.getSpec().getRules()) + " for "
                    + nz(e.getSpec() == null ? null : e.getSpec().getResources()).stream().map(InputPolicyFindings::scope)
                    .collect(Collectors.joining(", ")));
            List<String> changes = byException.getOrDefault(ref, List.of());
            facts.addAll(changes);
            if (changes.isEmpty()) {
                facts.add("turns off no finding in these files; applied to a cluster, it exempts what it names there");
            }
            out.add(decision(ADDS_EXCEPTION, ref, "The scanned files " + (trusted.contains(ref) ? "change " : "add ") + ref.display() + ", which "
                    + (changes.isEmpty() ? "turns off no finding here" : "would turn off " + count(changes.size()) + " here")
                    + "; scan does not apply it", facts));
        }
        for (ExposurePolicy p : policies) {
            ObjectRef ref = ref(p);
            List<String> facts = new ArrayList<>();
            List<String> changes = new ArrayList<>(byPolicy.getOrDefault(p.getMetadata().getName(), List.of()));
            if (!byAllPolicies.isEmpty()) {
                changes.addAll(byAllPolicies.stream().map(c -> c + (policies.size() > 1 ? " (with the other ExposurePolicies in these files)" : "")).toList());
            }
            facts.addAll(changes);
            if (changes.isEmpty()) {
                facts.add("weakens no verdict in these files; applied to a cluster, it governs the namespaces it selects there");
            }
            out.add(decision(ADDS_POLICY, ref, "The scanned files " + (trusted.contains(ref) ? "change " : "add ") + ref.display() + ", which "
                    + (changes.isEmpty() ? "weakens no verdict here" : "would weaken " + count(changes.size()) + " here")
                    + "; scan does not apply it", facts));
        }
        return out;
    }

    private static Map<String, Decision> byKey(PolicyOutcome outcome) {
        Map<String, Decision> decisions = new LinkedHashMap<>();
        if (outcome != null) {
            outcome.decisions().forEach(d -> decisions.putIfAbsent(key(d.finding()), d));
        }
        return decisions;
    }

    private static Decision decision(RuleInfo rule, ObjectRef ref, String message, List<String> facts) {
        Finding f = new Finding(rule, rule.severity(), ref, ref, message, List.of(), facts, rule.remediation());
        return new Decision(f, Action.ALERT, REASON, "unknown", Optional.empty(), Optional.empty());
    }

    /** The same finding in both outcomes: rule, object, datastore and path. */
    private static String key(Finding f) {
        return f.rule().id() + "|" + f.resource() + "|" + f.datastore() + "|" + FindingText.path(f);
    }

    static ObjectRef ref(ExposureException e) {
        return ObjectRef.of("ExposureException", e.getMetadata().getNamespace(), e.getMetadata().getName());
    }

    static ObjectRef ref(ExposurePolicy p) {
        return ObjectRef.of("ExposurePolicy", null, p.getMetadata().getName());
    }

    private static String scope(ResourceMatch m) {
        return (m.getKind() == null ? "any kind" : m.getKind()) + " " + m.getNamespace() + "/" + (m.getName() == null ? "*" : m.getName())
                + (m.getSelector() == null ? "" : " selected by labels");
    }

    private static String count(int n) {
        return n + " finding" + (n == 1 ? "" : "s");
    }

    private static <T> List<T> nz(List<T> list) {
        return list == null ? List.of() : list;
    }
}
