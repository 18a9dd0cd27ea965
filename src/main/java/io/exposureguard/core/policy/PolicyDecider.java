package io.exposureguard.core.policy;

import io.exposureguard.core.datastore.AuthState;
import io.exposureguard.core.datastore.catalog.CustomDatastoreType;
import io.exposureguard.core.exposure.CloudProvider;
import io.exposureguard.core.exposure.InternalNetworks;
import io.exposureguard.core.inventory.LabelSelectors;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.model.Severity;
import io.exposureguard.core.api.v1.Action;
import io.exposureguard.core.api.v1.ExposureException;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.exposureguard.core.api.v1.ExposurePolicySpec;
import io.exposureguard.core.api.v1.ResourceMatch;
import io.exposureguard.core.api.v1.RuleAction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns findings into decisions, the same way in admission, audit and scan. Pure: policies, exceptions,
 * namespace labels and the time come in through {@link PolicyContext}.
 *
 * <ul>
 *   <li>The operator's namespace and each governing policy's excludedNamespaces are off.</li>
 *   <li>A namespace is governed by every valid policy whose namespaceSelector matches it. A namespace no valid
 *       policy governs gets the built-in secure default (critical deny, the rest alert, kube-system excluded):
 *       a policy with a broken selector is ignored rather than silencing the cluster.</li>
 *   <li>Per policy, a rule's own action wins over its severity action; across policies the strictest wins.</li>
 *   <li>A valid, unexpired exception that names the rule and the finding's object (or its datastore) turns the
 *       finding off, but only when it lives in a namespace that a policy governing the finding's namespace
 *       delegates exceptions to (its exceptionNamespaces; none listed: the operator's namespace; no governing
 *       policy: the operator's namespace). So a team given its own exception namespace exempts only the
 *       namespaces of the policies that delegate to it, never another team's. Expired, invalid and out-of-scope
 *       exceptions (and entries naming namespaces out of their scope) never apply and are reported.</li>
 * </ul>
 */
public final class PolicyDecider {

    static final List<String> DEFAULT_EXCLUDED = List.of("kube-system");
    static final String DEFAULT_TEAM_LABEL = "team";

    private final ValidationMemo<ExposurePolicy> policyChecks;
    private final ValidationMemo<ExposureException> exceptionChecks;

    public PolicyDecider(PolicyValidator validator) {
        this.policyChecks = new ValidationMemo<ExposurePolicy>(p -> validator.validate(p));
        this.exceptionChecks = new ValidationMemo<ExposureException>(e -> validator.validate(e));
    }

    /**
     * The policies with their problems, validated once per assessment (and, for objects from the cluster, once per
     * change: {@link ValidationMemo}); {@code valid} are those without a fatal problem, in order.
     */
    public record Validated(List<ExposurePolicy> all, List<ExposurePolicy> valid, Map<ObjectRef, List<PolicyProblem>> problems) {
    }

    public Validated validated(List<ExposurePolicy> policies) {
        Map<ObjectRef, List<PolicyProblem>> problems = new LinkedHashMap<>();
        List<ExposurePolicy> valid = new ArrayList<>();
        for (ExposurePolicy p : policies) {
            List<PolicyProblem> found = policyChecks.problems(p);
            if (!found.isEmpty()) {
                problems.put(ref(p), found);
            }
            if (found.stream().noneMatch(PolicyProblem::fatal)) {
                valid.add(p);
            }
        }
        return new Validated(List.copyOf(policies), List.copyOf(valid), problems);
    }

    /** The networks valid policies declare internal: the union of their allowedSourceCidrs. */
    public InternalNetworks internalNetworks(List<ExposurePolicy> policies) {
        return internalNetworks(validated(policies));
    }

    public InternalNetworks internalNetworks(Validated policies) {
        return new InternalNetworks(internalCidrs(policies));
    }

    /**
     * The cloud the valid policies name in spec.provider: the one provider they name, or {@link CloudProvider#AUTO}
     * when they name none, or disagree (then no cloud's internal load-balancer annotation lowers a finding).
     */
    public CloudProvider provider(List<ExposurePolicy> policies) {
        return provider(validated(policies));
    }

    public CloudProvider provider(Validated policies) {
        List<CloudProvider> named = policies.valid().stream()
                .map(p -> CloudProvider.parse(spec(p).getProvider()).orElse(CloudProvider.AUTO))
                .filter(p -> p != CloudProvider.AUTO).distinct().toList();
        return named.size() == 1 ? named.get(0) : CloudProvider.AUTO;
    }

    /** The allowedSourceCidrs of valid policies (an invalid CIDR makes its policy invalid), without repeats. */
    public List<String> internalCidrs(List<ExposurePolicy> policies) {
        return internalCidrs(validated(policies));
    }

    public List<String> internalCidrs(Validated policies) {
        return policies.valid().stream()
                .flatMap(p -> nz(spec(p).getAllowedSourceCidrs()).stream()).distinct().toList();
    }

    /** Datastore definitions of valid policies, as catalog entries (a definition with a problem makes its policy invalid). */
    public List<CustomDatastoreType> customDatastores(List<ExposurePolicy> policies) {
        return customDatastores(validated(policies));
    }

    public List<CustomDatastoreType> customDatastores(Validated policies) {
        return policies.valid().stream()
                .flatMap(p -> nz(spec(p).getDatastores()).stream())
                .map(d -> new CustomDatastoreType(d.getName(), nz(d.getImagePatterns()), nz(d.getPorts()), nz(d.getAuthOffEnv()),
                        nz(d.getAuthOnEnv()), nz(d.getAuthOffArgs()), nz(d.getAuthOnArgs()),
                        AuthState.valueOf((d.getDefaultAuth() == null ? "unknown" : d.getDefaultAuth()).toUpperCase(java.util.Locale.ROOT))))
                .toList();
    }

    /**
     * Where remediation may act (create, keep and lift quarantines): namespaces governed by a valid policy that says
     * {@code fix} for a severity or a rule and excluded by none of the policies governing them; never the operator's
     * namespace. A namespace no valid policy governs (the built-in default never fixes; kube-system is excluded by
     * default) is not one of them.
     */
    public Predicate<String> fixNamespaces(List<ExposurePolicy> policies, Map<String, Map<String, String>> namespaceLabels,
                                           String operatorNamespace) {
        List<ExposurePolicy> valid = validated(policies).valid();
        Map<String, Map<String, String>> labels = Map.copyOf(namespaceLabels);
        return ns -> {
            if (ns == null || ns.equals(operatorNamespace)) {
                return false;
            }
            List<ExposurePolicy> governing = valid.stream()
                    .filter(p -> LabelSelectors.matches(spec(p).getNamespaceSelector(), labels.getOrDefault(ns, Map.of()))).toList();
            return governing.stream().noneMatch(p -> nz(spec(p).getExcludedNamespaces()).contains(ns))
                    && governing.stream().anyMatch(p -> saysFix(spec(p)));
        };
    }

    private static boolean saysFix(ExposurePolicySpec spec) {
        boolean bySeverity = spec.getActions() != null && java.util.Arrays.stream(Severity.values())
                .anyMatch(sev -> spec.getActions().forSeverity(sev) == Action.FIX);
        return bySeverity || nz(spec.getRules()).stream().anyMatch(r -> r != null && r.getAction() == Action.FIX);
    }

    public PolicyOutcome decide(List<Finding> findings, PolicyContext ctx) {
        return decide(findings, ctx, validated(ctx.policies()));
    }

    /** As above, with the context's policies already validated ({@link #validated}). */
    public PolicyOutcome decide(List<Finding> findings, PolicyContext ctx, Validated policies) {
        Map<ObjectRef, List<PolicyProblem>> policyProblems = new LinkedHashMap<>(policies.problems());
        List<ExposurePolicy> valid = policies.valid();
        List<ExceptionIssue> issues = new ArrayList<>();
        List<ExposureException> usable = usableExceptions(ctx, valid, issues, policyProblems);
        List<Decision> decisions = new ArrayList<>();
        for (Finding f : findings) {
            decisions.add(decide(f, ctx, valid, usable));
        }
        return new PolicyOutcome(decisions, issues, policyProblems);
    }

    private Decision decide(Finding f, PolicyContext ctx, List<ExposurePolicy> valid, List<ExposureException> exceptions) {
        String ns = f.resource().namespace();
        Map<String, String> labels = ctx.namespaceLabels().getOrDefault(ns, Map.of());
        List<ExposurePolicy> governing = governing(ns, ctx, valid);
        String team = team(labels, governing);
        if (ns != null && ns.equals(ctx.operatorNamespace())) {
            return new Decision(f, Action.OFF, "namespace " + ns + " is the operator's own", team, Optional.empty(), Optional.empty());
        }
        List<String> excluded = governing.isEmpty() ? DEFAULT_EXCLUDED
                : governing.stream().flatMap(p -> nz(spec(p).getExcludedNamespaces()).stream()).toList();
        if (ns != null && excluded.contains(ns)) {
            return new Decision(f, Action.OFF, "namespace " + ns + " is excluded", team, Optional.empty(), Optional.empty());
        }
        Action action;
        String reason;
        Optional<String> policy = Optional.empty();
        if (governing.isEmpty()) {
            action = f.severity() == Severity.CRITICAL ? Action.DENY : Action.ALERT;
            reason = "built-in default (no ExposurePolicy governs namespace " + ns + "): " + f.severity().label()
                    + " -> " + action.label();
        } else {
            action = Action.OFF;
            reason = "";
            for (ExposurePolicy p : governing) {
                Action a = action(spec(p), f);
                if (reason.isEmpty() || a.compareTo(action) > 0) {
                    action = a;
                    policy = Optional.of(p.getMetadata().getName());
                    reason = "ExposurePolicy " + p.getMetadata().getName() + ": " + why(spec(p), f) + " -> " + a.label();
                }
            }
        }
        if (action == Action.OFF) {
            return new Decision(f, action, reason, team, Optional.empty(), policy);
        }
        Set<String> delegated = exceptionNamespaces(governing, ctx);
        for (ExposureException e : exceptions) {
            if (delegated.contains(ref(e).namespace()) && covers(e, f, ctx.objectLabels())) {
                var s = e.getSpec();
                return new Decision(f, Action.OFF, "excepted by ExposureException " + ref(e).namespace() + "/"
                        + ref(e).name() + " until " + s.getExpiresAt() + ": " + s.getReason() + " (approved by "
                        + s.getApprovedBy() + (s.getTicket() == null ? "" : ", " + s.getTicket()) + ")",
                        team, Optional.of(ref(e)), policy);
            }
        }
        return new Decision(f, action, reason, team, Optional.empty(), policy, List.copyOf(delegated));
    }

    private List<ExposureException> usableExceptions(PolicyContext ctx, List<ExposurePolicy> valid,
                                                     List<ExceptionIssue> issues, Map<ObjectRef, List<PolicyProblem>> problems) {
        Set<String> allowed = exceptionHomes(valid, ctx.operatorNamespace());
        List<ExposureException> usable = new ArrayList<>();
        for (ExposureException e : ctx.exceptions()) {
            ObjectRef ref = ref(e);
            List<PolicyProblem> found = exceptionChecks.problems(e);
            if (!found.isEmpty()) {
                problems.put(ref, found);
            }
            if (found.stream().anyMatch(PolicyProblem::fatal)) {
                issues.add(new ExceptionIssue(ref, ExceptionIssue.Kind.INVALID, found.stream()
                        .filter(PolicyProblem::fatal).map(PolicyProblem::display).reduce((a, b) -> a + "; " + b).orElse("")));
            } else if (!allowed.contains(ref.namespace())) {
                issues.add(new ExceptionIssue(ref, ExceptionIssue.Kind.OUT_OF_SCOPE, outsideHomes(allowed, ref.namespace())));
            } else if (!PolicyValidator.expiry(e).orElseThrow().isAfter(ctx.now())) {
                issues.add(new ExceptionIssue(ref, ExceptionIssue.Kind.EXPIRED, expired(e.getSpec().getExpiresAt())));
            } else {
                List<String> outside = outOfScopeResources(e, ctx, valid);
                if (!outside.isEmpty()) {
                    issues.add(new ExceptionIssue(ref, ExceptionIssue.Kind.OUT_OF_SCOPE, String.join("; ", outside),
                            outside.size() < e.getSpec().getResources().size()));
                }
                if (outside.size() < e.getSpec().getResources().size()) {
                    usable.add(e);
                }
            }
        }
        return usable;
    }

    /**
     * The entries of an exception that name a namespace whose governing policies do not delegate exceptions to the
     * exception's own namespace, each said as "spec.resources[1]: namespace team-b takes exceptions only from
     * [security]; this one is in team-a". Those entries exempt nothing ({@link #decide} checks per finding too).
     */
    private List<String> outOfScopeResources(ExposureException e, PolicyContext ctx, List<ExposurePolicy> valid) {
        String home = ref(e).namespace();
        List<String> out = new ArrayList<>();
        List<ResourceMatch> resources = e.getSpec().getResources();
        for (int i = 0; i < resources.size(); i++) {
            String ns = resources.get(i).getNamespace();
            Set<String> delegated = exceptionNamespaces(governing(ns, ctx, valid), ctx);
            if (!delegated.contains(home)) {
                out.add("spec.resources[" + i + "]: namespace " + ns + " takes exceptions only from " + delegated
                        + "; this one is in " + home);
            }
        }
        return out;
    }

    private static List<ExposurePolicy> governing(String ns, PolicyContext ctx, List<ExposurePolicy> valid) {
        Map<String, String> labels = ctx.namespaceLabels().getOrDefault(ns, Map.of());
        return valid.stream().filter(p -> LabelSelectors.matches(spec(p).getNamespaceSelector(), labels)).toList();
    }

    /**
     * Where exceptions for a namespace may live: the exceptionNamespaces of the policies that govern it (a policy
     * listing none delegates to the operator's namespace); with no governing policy, the operator's namespace.
     */
    private static Set<String> exceptionNamespaces(List<ExposurePolicy> governing, PolicyContext ctx) {
        return exceptionHomes(governing, ctx.operatorNamespace());
    }

    /**
     * The namespaces where exceptions count for these (valid) policies: each one's exceptionNamespaces (listing none:
     * the operator's namespace); with no policy, the operator's namespace.
     */
    public static Set<String> exceptionHomes(List<ExposurePolicy> policies, String operatorNamespace) {
        Set<String> out = new LinkedHashSet<>();
        for (ExposurePolicy p : policies) {
            List<String> listed = nz(spec(p).getExceptionNamespaces());
            out.addAll(listed.isEmpty() ? List.of(operatorNamespace) : listed);
        }
        if (policies.isEmpty()) {
            out.add(operatorNamespace);
        }
        return out;
    }

    /** The message an expired exception gets, here, at admission and in scan. */
    public static String expired(String expiresAt) {
        return "expired at " + expiresAt;
    }

    /** The message an exception outside every exception namespace gets, here and at admission. */
    public static String outsideHomes(Set<String> homes, String namespace) {
        return "exceptions count only in " + homes + "; this one is in " + namespace;
    }

    private static boolean covers(ExposureException e, Finding f, Map<ObjectRef, Map<String, String>> labels) {
        if (!e.getSpec().getRules().contains(f.rule().id())) {
            return false;
        }
        for (ResourceMatch m : e.getSpec().getResources()) {
            if (matches(m, f.resource(), labels) || matches(m, f.datastore(), labels)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(ResourceMatch m, ObjectRef ref, Map<ObjectRef, Map<String, String>> labels) {
        return m.getNamespace().equals(ref.namespace())
                && (m.getKind() == null || m.getKind().equals(ref.kind()))
                && (m.getName() == null || m.getName().equals(ref.name()))
                && (m.getSelector() == null || (labels.containsKey(ref) && LabelSelectors.matches(m.getSelector(), labels.get(ref))));
    }

    private static Action action(ExposurePolicySpec spec, Finding f) {
        for (RuleAction r : nz(spec.getRules())) {
            if (f.rule().id().equals(r.getId())) {
                return r.getAction();
            }
        }
        return spec.getActions() == null ? (f.severity() == Severity.CRITICAL ? Action.DENY : Action.ALERT)
                : spec.getActions().forSeverity(f.severity());
    }

    private static String why(ExposurePolicySpec spec, Finding f) {
        boolean byRule = nz(spec.getRules()).stream().anyMatch(r -> f.rule().id().equals(r.getId()));
        return byRule ? "rule " + f.rule().id() : "severity " + f.severity().label();
    }

    private static String team(Map<String, String> labels, List<ExposurePolicy> governing) {
        String label = governing.stream().map(p -> spec(p).getTeamLabel()).filter(l -> l != null && !l.isBlank())
                .findFirst().orElse(DEFAULT_TEAM_LABEL);
        return labels.getOrDefault(label, "unknown");
    }

    private static ExposurePolicySpec spec(ExposurePolicy p) {
        return p.getSpec() == null ? new ExposurePolicySpec() : p.getSpec();
    }

    private static ObjectRef ref(io.fabric8.kubernetes.api.model.HasMetadata o) {
        return ObjectRef.of(o.getKind() == null ? o.getClass().getSimpleName() : o.getKind(),
                o.getMetadata() == null ? null : o.getMetadata().getNamespace(),
                o.getMetadata() == null ? "(unnamed)" : o.getMetadata().getName());
    }

    private static <T> List<T> nz(List<T> list) {
        return list == null ? List.of() : list;
    }
}
