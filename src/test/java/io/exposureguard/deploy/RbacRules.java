package io.exposureguard.deploy;

import io.exposureguard.deploy.HelmChart.Rendered;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules of the chart's ClusterRole and Role, evaluated the way Kubernetes' RBAC authorizer evaluates them for
 * one request: group, resource (with subresource) and verb must match a rule; a rule with resourceNames matches
 * only requests that name one of them (never a create or a list of everything); Role rules apply only inside the
 * Role's namespace. Both are bound to the operator's ServiceAccount (HelmChartTest checks the bindings).
 */
public final class RbacRules {

    /** A rule together with the namespace it is limited to (null: cluster-wide, from the ClusterRole). */
    private record Scoped(PolicyRule rule, String namespace) {
    }

    private final List<Scoped> rules = new ArrayList<>();

    public RbacRules(Rendered chart) {
        chart.one(ClusterRole.class).getRules().forEach(r -> rules.add(new Scoped(r, null)));
        for (Role role : chart.all(Role.class)) {
            role.getRules().forEach(r -> rules.add(new Scoped(r, role.getMetadata().getNamespace())));
        }
    }

    public boolean allows(ApiRequest request) {
        return rules.stream().anyMatch(s -> matches(s, request));
    }

    private static boolean matches(Scoped scoped, ApiRequest request) {
        PolicyRule rule = scoped.rule();
        if (scoped.namespace() != null && !scoped.namespace().equals(request.namespace())) {
            return false;
        }
        if (!rule.getApiGroups().contains(request.group()) || !rule.getResources().contains(request.resource())
                || !rule.getVerbs().contains(request.verb())) {
            return false;
        }
        List<String> names = rule.getResourceNames();
        return names == null || names.isEmpty() || (request.name() != null && names.contains(request.name()));
    }

    /** Every "verb group/resource" some rule grants, the form {@link ApiRequest#grant()} produces. */
    public Set<String> grants() {
        Set<String> out = new TreeSet<>();
        for (Scoped s : rules) {
            for (String group : s.rule().getApiGroups()) {
                for (String resource : s.rule().getResources()) {
                    for (String verb : s.rule().getVerbs()) {
                        out.add(verb + " " + group + "/" + resource);
                    }
                }
            }
        }
        return out;
    }
}
