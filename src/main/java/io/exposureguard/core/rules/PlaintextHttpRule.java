package io.exposureguard.core.rules;

import io.exposureguard.core.datastore.AuthState;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.exposure.ExposurePath;
import io.exposureguard.core.exposure.Reach;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.Hop;
import io.exposureguard.core.model.RuleInfo;
import io.exposureguard.core.model.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EG-TLS-001: HTTP without TLS (ECK's {@code selfSignedCertificate.disabled}). Credentials are sniffable;
 * this is not "no authentication". Medium when the plaintext port itself is published outside the
 * cluster; low otherwise (a mesh or an Ingress may encrypt the outside leg).
 */
public final class PlaintextHttpRule implements Rule {

    static final RuleInfo INFO = new RuleInfo("EG-TLS-001",
            "Datastore serves HTTP without TLS",
            Severity.MEDIUM,
            "Passwords, API keys and query results cross the network in plaintext, readable by anything on the"
                    + " path. Medium when the plaintext port is published outside the cluster; low inside it, where"
                    + " a service mesh or an Ingress may still encrypt the outside leg.",
            "Re-enable TLS (remove spec.http.tls.selfSignedCertificate.disabled, or provide a certificate in"
                    + " spec.http.tls.certificate), or make sure a mesh encrypts all traffic to the pods.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> evaluate(Analysis analysis) {
        Map<Datastore, List<ExposurePath>> byDatastore = analysis.pathsByDatastore();
        List<Finding> out = new ArrayList<>();
        for (Datastore d : analysis.inventory().datastores()) {
            if (d.plaintextHttp().isEmpty() || d.auth().state() == AuthState.OFF) {
                continue;
            }
            Optional<ExposurePath> direct = byDatastore.getOrDefault(d, List.of()).stream()
                    .filter(p -> p.entry().direct() && p.reach() != Reach.CLUSTER).findFirst();
            List<String> facts = List.of(d.plaintextHttp().get(), "recognised by " + d.origin());
            if (direct.isPresent()) {
                ExposurePath p = direct.get();
                List<String> all = new ArrayList<>(p.facts());
                all.addAll(facts);
                out.add(new Finding(INFO, PathFindings.byReach(p, Severity.MEDIUM, Severity.LOW), p.blame(), d.ref(),
                        d.describe() + " serves HTTP without TLS on a port published to "
                                + PathFindings.reachText(p.reach()), p.hops(), all, INFO.remediation(), p.through()));
            } else {
                out.add(new Finding(INFO, Severity.LOW, d.ref(), d.ref(),
                        d.describe() + " serves HTTP without TLS inside the cluster",
                        List.of(Hop.origin(Hop.Kind.CLUSTER), d.hop()), facts, INFO.remediation()));
            }
        }
        return out;
    }
}
