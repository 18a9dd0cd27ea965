package io.exposureguard.core.rules;

import io.exposureguard.core.datastore.AuthState;
import io.exposureguard.core.exposure.ExposurePath;
import io.exposureguard.core.exposure.Reach;
import io.exposureguard.core.model.RuleInfo;
import io.exposureguard.core.model.Severity;

/** EG-EXP-002: authentication is on, but anonymous requests are served with a role, from outside the cluster. */
public final class AnonymousExternalRule extends PathRule {

    static final RuleInfo INFO = new RuleInfo("EG-EXP-002",
            "Datastore grants anonymous access and is reachable from outside the cluster",
            Severity.CRITICAL,
            "Requests without credentials are served as an anonymous user. What that exposes depends on the role:"
                    + " Elasticsearch superuser is the same as no authentication (critical); viewer, editor,"
                    + " ingest_admin, transport_client and custom roles read or write data (high); monitoring_user"
                    + " reveals cluster state and monitoring indices (medium). Kibana's anonymous login provider is high."
                    + " Limited to some networks, the finding is at most high.",
            "Remove the anonymous settings (xpack.security.authc.anonymous.* in Elasticsearch,"
                    + " xpack.security.authc.providers.anonymous in Kibana); if a load balancer health check needs"
                    + " an unauthenticated endpoint, point it at a dedicated health path instead, or close the path.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    boolean applies(ExposurePath p) {
        return p.datastore().auth().state() == AuthState.ANONYMOUS && !p.authOnPath() && p.reach() != Reach.CLUSTER;
    }

    @Override
    Severity severity(ExposurePath p) {
        return Severity.min(p.datastore().auth().weakness(), PathFindings.byReach(p, Severity.CRITICAL, Severity.HIGH));
    }

    @Override
    String problem() {
        return "serves anonymous requests";
    }
}
