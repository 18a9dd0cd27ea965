package io.exposureguard.core.rules;

import io.exposureguard.core.datastore.AuthState;
import io.exposureguard.core.exposure.ExposurePath;
import io.exposureguard.core.exposure.Reach;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.RuleInfo;
import io.exposureguard.core.model.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * EG-EXP-006: a datastore that does not (or may not) authenticate is on a path from outside that the input cannot
 * confirm: a route whose parent Gateway, or a cross-namespace backend whose ReferenceGrant, is not in the input.
 * Unclear is a verdict, not silence: the finding names the missing fact.
 */
public final class UnconfirmedPathRule implements Rule {

    static final RuleInfo INFO = new RuleInfo("EG-EXP-006",
            "Datastore without verified authentication may be reachable from outside the cluster",
            Severity.MEDIUM,
            "A route or proxy in the input leads from an entry point to a datastore that does not ask for"
                    + " credentials (or whose settings do not show it), but an object the path needs to be confirmed"
                    + " is not in the input: the Gateway a route attaches to, the ReferenceGrant that lets it reach"
                    + " another namespace, an upstream that cannot be resolved. If that object exists, the datastore is"
                    + " as exposed as EG-EXP-001 describes.",
            "Scan the missing object together with the rest (the finding names it), or turn the datastore's"
                    + " authentication on, or remove the route.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> evaluate(Analysis analysis) {
        List<Finding> out = new ArrayList<>();
        for (ExposurePath p : analysis.unconfirmed()) {
            AuthState auth = p.datastore().auth().state();
            if (auth == AuthState.ON || p.authOnPath() || p.reach() == Reach.CLUSTER
                    || (p.datastore().kind().ui() && !p.upstreamUnresolved())) {
                continue;
            }
            out.add(PathFindings.of(INFO, Severity.MEDIUM, p,
                    auth == AuthState.OFF ? "has authentication disabled" : "may not require authentication",
                    PathFindings.authOrClose(p), analysis.inventory().networkPolicies().limiting(p.datastore(), p.port())));
        }
        return out;
    }
}
