package io.exposureguard.core.policy;

import io.exposureguard.core.api.v1.Action;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.model.RuleInfo;
import io.exposureguard.core.model.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What remediation adds to the decisions, as a step of the shared pipeline ({@link Assessor}), so scan, admission and
 * the audit report the same: an {@code EG-REM-001} finding for every object that has {@code fix} findings but opts out
 * with {@value #OPT_OUT_ANNOTATION}{@code : disabled}, and on each decision whose datastore a proven quarantine
 * contains, a fact naming that quarantine. Pure.
 */
public final class RemediationFacts {

    public static final String OPT_OUT_ANNOTATION = "exposureguard.io/remediation";
    public static final RuleInfo OPTED_OUT = new RuleInfo("EG-REM-001", "Automatic remediation is turned off for an exposed object",
            Severity.MEDIUM,
            "Policy says to fix this exposure, but the object carries exposureguard.io/remediation: disabled, so it stays open"
                    + " until someone fixes it by hand; the opt-out itself is reported so it is never silent.",
            "Fix the exposure the other finding on this object names, or remove the annotation to let exposure-guard fix it,"
                    + " or record an ExposureException if the exposure is intended.");

    private RemediationFacts() {
    }

    /**
     * The decisions followed by one opt-out decision per opted-out object, each decision whose datastore is
     * in {@code quarantines} (datastore display name to "namespace/name") carrying a fact that names its quarantine.
     */
    public static List<Decision> apply(List<Decision> decisions, List<? extends HasMetadata> objects, String operatorNamespace,
                                       Map<String, String> quarantines) {
        List<Decision> optOuts = optOuts(decisions, objects, operatorNamespace);
        List<Decision> out = new ArrayList<>(withQuarantineFacts(decisions, quarantines));
        out.addAll(optOuts);
        return out;
    }

    /**
     * An {@code EG-REM-001} alert for each object (not in the operator's namespace) that the reported {@code fix}
     * decisions are about and that carries the opt-out annotation: what remediation would plan as "opted out".
     */
    public static List<Decision> optOuts(List<Decision> decisions, List<? extends HasMetadata> objects, String operatorNamespace) {
        Map<ObjectRef, List<Decision>> byTarget = new LinkedHashMap<>();
        decisions.stream().filter(d -> d.action() == Action.FIX && d.exceptedBy().isEmpty())
                .forEach(d -> byTarget.computeIfAbsent(d.finding().resource(), k -> new ArrayList<>()).add(d));
        if (byTarget.isEmpty()) {
            return List.of();
        }
        Map<ObjectRef, HasMetadata> optedOut = new HashMap<>();
        for (HasMetadata o : objects) {
            if (o.getMetadata() != null && o.getMetadata().getAnnotations() != null
                    && "disabled".equalsIgnoreCase(o.getMetadata().getAnnotations().get(OPT_OUT_ANNOTATION))) {
                optedOut.putIfAbsent(io.exposureguard.core.inventory.InventoryBuilder.ref(o), o);
            }
        }
        List<Decision> out = new ArrayList<>();
        byTarget.forEach((target, list) -> {
            if (optedOut.containsKey(target) && !operatorNamespace.equals(target.namespace())) {
                out.add(optOut(target, list));
            }
        });
        return out;
    }

    /** The opt-out finding of one object, from its fix decisions. */
    public static Decision optOut(ObjectRef target, List<Decision> decisions) {
        Decision first = decisions.get(0);
        String rules = decisions.stream().map(d -> d.finding().rule().id()).distinct().sorted().collect(Collectors.joining(", "));
        Finding f = first.finding();
        return new Decision(new Finding(OPTED_OUT, OPTED_OUT.severity(), target, f.datastore(),
                target.display() + " is exposed (" + rules + ") and policy says fix, but remediation is turned off by "
                        + OPT_OUT_ANNOTATION + ": disabled", f.path(),
                List.of("annotation " + OPT_OUT_ANNOTATION + "=disabled on " + target.display()),
                OPTED_OUT.remediation()), Action.ALERT, "remediation opted out", first.team(), Optional.empty(),
                first.policy());
    }

    /**
     * The decisions with a fact naming the quarantine that contains their datastore, so events and PolicyReports list
     * it ("quarantined by NetworkPolicy shop/exposure-guard-quarantine-...").
     */
    public static List<Decision> withQuarantineFacts(List<Decision> decisions, Map<String, String> quarantines) {
        if (quarantines.isEmpty()) {
            return decisions;
        }
        List<Decision> out = new ArrayList<>();
        for (Decision d : decisions) {
            String np = quarantines.get(d.finding().datastore().display());
            if (np == null) {
                out.add(d);
                continue;
            }
            Finding f = d.finding();
            List<String> facts = new ArrayList<>(f.facts());
            facts.add("quarantined by NetworkPolicy " + np + " (exposure-guard): only pods in the cluster and allowed CIDRs may connect");
            out.add(new Decision(new Finding(f.rule(), f.severity(), f.resource(), f.datastore(), f.message(), f.path(), facts,
                    f.remediation(), f.through()), d.action(), d.reason(), d.team(), d.exceptedBy(), d.policy()));
        }
        return out;
    }
}
