package io.exposureguard.core.rules;

import io.exposureguard.core.datastore.AuthState;
import io.exposureguard.core.exposure.ExposurePath;
import io.exposureguard.core.exposure.Reach;
import io.exposureguard.core.model.RuleInfo;
import io.exposureguard.core.model.Severity;

/** EG-EXP-001: the 2019 incident. A datastore with authentication off, reachable from outside the cluster. */
public final class UnauthenticatedExternalRule extends PathRule {

    static final RuleInfo INFO = new RuleInfo("EG-EXP-001",
            "Datastore without authentication is reachable from outside the cluster",
            Severity.CRITICAL,
            "Anyone who can reach the address can read, change or delete every record: no password, token or"
                    + " certificate is asked for. This is how ~250 million support records were left readable for"
                    + " three weeks in 2019. Critical when open to the internet; high when limited to some networks"
                    + " (source ranges, internal load balancer, private external IPs).",
            "Turn the datastore's authentication on (the finding names the setting), or stop publishing it:"
                    + " make the Service ClusterIP, restrict loadBalancerSourceRanges, or require authentication on"
                    + " the Ingress in front of it.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    boolean applies(ExposurePath p) {
        return p.datastore().auth().state() == AuthState.OFF && !p.authOnPath() && p.reach() != Reach.CLUSTER;
    }

    @Override
    Severity severity(ExposurePath p) {
        return PathFindings.byReach(p, Severity.CRITICAL, Severity.HIGH);
    }

    @Override
    String problem() {
        return "has authentication disabled";
    }

    static boolean counts(ExposurePath p) {
        return p.datastore().auth().open() && !p.authOnPath() && p.reach() != Reach.CLUSTER;
    }
}
