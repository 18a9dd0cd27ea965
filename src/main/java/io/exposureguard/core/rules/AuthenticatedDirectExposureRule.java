package io.exposureguard.core.rules;

import io.exposureguard.core.datastore.AuthState;
import io.exposureguard.core.exposure.ExposurePath;
import io.exposureguard.core.exposure.Reach;
import io.exposureguard.core.model.RuleInfo;
import io.exposureguard.core.model.Severity;

/** EG-EXP-004: a datastore's own protocol port is published outside the cluster; authentication is on. */
public final class AuthenticatedDirectExposureRule extends PathRule {

    static final RuleInfo INFO = new RuleInfo("EG-EXP-004",
            "Datastore port is published outside the cluster (authentication on)",
            Severity.MEDIUM,
            "Authentication is on, so this is not an open door, but the datastore's own port faces the network:"
                    + " passwords can be guessed, protocol vulnerabilities are one scan away, and one configuration"
                    + " change (a disabled security setting) makes it EG-EXP-001. Medium from the internet, low from"
                    + " restricted networks. Web front ends (Kibana, OpenSearch Dashboards) and Ingress routes are not reported.",
            "Keep datastores on ClusterIP Services and give outside clients an authenticated proxy or Ingress, or"
                    + " restrict the entry with loadBalancerSourceRanges or an internal load balancer.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    boolean applies(ExposurePath p) {
        return p.datastore().auth().state() == AuthState.ON && p.entry().direct()
                && !p.datastore().kind().ui() && p.reach() != Reach.CLUSTER;
    }

    @Override
    Severity severity(ExposurePath p) {
        return PathFindings.byReach(p, Severity.MEDIUM, Severity.LOW);
    }

    @Override
    String problem() {
        return "requires authentication";
    }

    @Override
    String remediation(ExposurePath p) {
        return "Close or restrict the path: " + p.entryFix() + ".";
    }
}
