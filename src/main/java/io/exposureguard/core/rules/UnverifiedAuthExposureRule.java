package io.exposureguard.core.rules;

import io.exposureguard.core.datastore.AuthState;
import io.exposureguard.core.exposure.ExposurePath;
import io.exposureguard.core.exposure.Reach;
import io.exposureguard.core.model.RuleInfo;
import io.exposureguard.core.model.Severity;

/** EG-EXP-005: reachable from outside, and the manifests do not show whether authentication is on. */
public final class UnverifiedAuthExposureRule extends PathRule {

    static final RuleInfo INFO = new RuleInfo("EG-EXP-005",
            "Datastore is reachable from outside the cluster and its authentication cannot be verified",
            Severity.MEDIUM,
            "The settings that decide authentication live outside the manifests (a config file from a ConfigMap"
                    + " or Secret that is not in the input, an image without a version tag, ...), so nothing shows"
                    + " that clients must authenticate. Medium from the internet, low from restricted networks.",
            "Make the authentication setting visible in the manifest (env, args, or the ConfigMap in the same scan),"
                    + " or close the path.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    boolean applies(ExposurePath p) {
        return p.datastore().auth().state() == AuthState.UNKNOWN && !p.authOnPath()
                && !p.datastore().kind().ui() && p.reach() != Reach.CLUSTER;
    }

    @Override
    Severity severity(ExposurePath p) {
        return PathFindings.byReach(p, Severity.MEDIUM, Severity.LOW);
    }

    @Override
    String problem() {
        return "may not require authentication";
    }
}
