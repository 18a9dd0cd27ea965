package io.exposureguard.app.admission;

import io.exposureguard.core.model.Hop;
import io.exposureguard.core.admission.DenialMessage;

import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.model.RuleInfo;
import io.exposureguard.core.model.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A denial tells whoever sent an object in one namespace about that namespace only: objects of other namespaces on
 * the finding (paths that cross namespaces: a shared Gateway, a Traefik middleware elsewhere) are not named.
 */
class DenialTextTest {

    private static final RuleInfo RULE = new RuleInfo("EG-EXP-001", "Datastore without authentication reachable from the internet",
            Severity.CRITICAL, "why", "fix");

    private static Finding crossingNamespaces() {
        ObjectRef gateway = ObjectRef.of("Gateway", "infra", "public-gw");
        return new Finding(RULE, Severity.CRITICAL, ObjectRef.of("Service", "shop", "es-http"), ObjectRef.of("Elasticsearch", "shop", "es"),
                "Elasticsearch shop/es has no authentication and is reachable from the internet",
                List.of(Hop.origin(Hop.Kind.INTERNET), Hop.entryRoute(gateway, "listener http", List.of()),
                        Hop.backendService(null, ObjectRef.of("Service", "shop", "es-http"), null, Hop.Port.of(9200, null)),
                        Hop.datastore(null, ObjectRef.of("Elasticsearch", "shop", "es"), null, List.of())),
                List.of(), "detach Service shop/es-http from Gateway infra/public-gw, or turn authentication on", List.of(gateway));
    }

    @Test
    void objectsOfAnotherNamespaceAreNotNamed() {
        String text = DenialMessage.detail(crossingNamespaces(), "shop");

        assertThat(text).doesNotContain("infra", "public-gw")
                .contains("Path: internet -> an object in another namespace listener http -> Service shop/es-http port 9200")
                .contains("Fix: detach Service shop/es-http from an object in another namespace, or turn authentication on");
    }

    @Test
    void objectsOfTheRequestsOwnNamespaceAreNamed() {
        String text = DenialMessage.detail(crossingNamespaces(), "infra");

        assertThat(text).contains("Gateway infra/public-gw").doesNotContain("shop/es-http", "Elasticsearch shop/es ");
    }

    /** "shop/es" is replaced after "shop/es-http", never inside it: no part of another namespace's name is left. */
    @Test
    void aShorterNameNeverLeavesPartOfALongerOneBehind() {
        String text = DenialMessage.detail(crossingNamespaces(), "web");

        assertThat(text).doesNotContain("shop", "infra", "es-http", "-http", "public-gw")
                .contains("Fix: detach an object in another namespace from an object in another namespace, or turn authentication on");
    }
}
