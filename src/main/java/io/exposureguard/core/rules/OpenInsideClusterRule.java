package io.exposureguard.core.rules;

import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.exposure.ExposurePath;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.Hop;
import io.exposureguard.core.model.RuleInfo;
import io.exposureguard.core.model.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * EG-EXP-003: a datastore without authentication (or with anonymous access) that no entry from outside
 * reaches without authentication. Reported so it is known, never denied: any compromised pod can read it.
 */
public final class OpenInsideClusterRule implements Rule {

    static final RuleInfo INFO = new RuleInfo("EG-EXP-003",
            "Datastore without authentication is reachable inside the cluster",
            Severity.LOW,
            "Nothing outside the cluster reaches it without credentials, but every pod in the cluster can: one"
                    + " compromised or misconfigured workload, or a later Service or Ingress change, turns this into"
                    + " EG-EXP-001.",
            "Turn the datastore's authentication on, or limit which pods may connect with a NetworkPolicy.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> evaluate(Analysis analysis) {
        Map<Datastore, List<ExposurePath>> byDatastore = analysis.pathsByDatastore();
        List<Finding> out = new ArrayList<>();
        for (Datastore d : analysis.inventory().datastores()) {
            if (!d.auth().open()) {
                continue;
            }
            List<ExposurePath> paths = byDatastore.getOrDefault(d, List.of());
            if (paths.stream().anyMatch(UnauthenticatedExternalRule::counts)) {
                continue;
            }
            if (!d.ports().isEmpty() && d.ports().stream().allMatch(p -> !analysis.inventory().networkPolicies().limiting(d, p).isEmpty())) {
                continue; // NetworkPolicies already limit which pods may connect, as this rule recommends.
            }
            List<String> facts = new ArrayList<>(d.auth().facts());
            paths.forEach(p -> facts.add(p.blame().display() + (p.authOnPath()
                    ? " reaches it from outside, but requires authentication first"
                    : " reaches it only from networks declared internal (allowedSourceCidrs)")));
            facts.add("recognised by " + d.origin());
            String fix = d.auth().fix().isEmpty() ? INFO.remediation()
                    : "Turn authentication on: " + d.auth().fix() + ". Until then, limit which pods may connect with a NetworkPolicy.";
            out.add(new Finding(INFO, Severity.LOW, d.ref(), d.ref(),
                    d.describe() + " "
                            + (d.auth().state() == io.exposureguard.core.datastore.AuthState.OFF ? "has authentication disabled" : "serves anonymous requests")
                            + "; every pod in the cluster can reach it",
                    List.of(Hop.origin(Hop.Kind.CLUSTER), d.hop()), facts, fix));
        }
        return out;
    }
}
