package io.exposureguard.core.admission;

import io.exposureguard.core.api.v1.Action;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.Hop;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.model.RuleInfo;
import io.exposureguard.core.model.Severity;
import io.exposureguard.core.policy.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a refusal and a warning say, word for word: the rule, path and fix, the rule's documentation, and how to ask
 * for an exception (where it must live and a minimal one to start from); a warning carries the fix and the link
 * within the 256 characters the API server keeps.
 */
class DenialWordsTest {

    private static final RuleInfo RULE = new RuleInfo("EG-EXP-001", "Datastore without authentication reachable from the internet",
            Severity.CRITICAL, "why", "fix");
    private static final Instant NOW = Instant.parse("2026-12-02T10:15:30Z");
    private static final ObjectRef SERVICE = ObjectRef.of("Service", "shop", "es-http");
    private static final ObjectRef ES = ObjectRef.of("Elasticsearch", "shop", "es");

    private static Finding finding(String message, String fix) {
        return new Finding(RULE, Severity.CRITICAL, SERVICE, ES, message,
                List.of(Hop.origin(Hop.Kind.INTERNET), Hop.entryService("LoadBalancer", SERVICE, null, Hop.Port.of(9200, null), List.of()),
                        Hop.datastore(null, ES, null, List.of())),
                List.of(), fix, List.of());
    }

    private static Decision decision(Finding f, Action action, List<String> exceptionNamespaces) {
        return new Decision(f, action, "built-in default", "search", Optional.empty(), Optional.empty(), exceptionNamespaces);
    }

    private static final Finding OPEN = finding("Elasticsearch shop/es has no authentication and is reachable from the internet",
            "turn authentication on, or make Service shop/es-http type ClusterIP");

    @Test
    void aDenialNamesRulePathFixDocsAndTheExceptionToAskFor() {
        String message = DenialMessage.of("exposure-guard denied Service shop/es-http",
                List.of(decision(OPEN, Action.DENY, List.of("exposure-guard"))), "shop", NOW);

        assertThat(message).isEqualTo("""
                exposure-guard denied Service shop/es-http: [EG-EXP-001 critical] Elasticsearch shop/es has no \
                authentication and is reachable from the internet. Path: internet -> LoadBalancer Service shop/es-http \
                port 9200 -> Elasticsearch shop/es. Fix: turn authentication on, or make Service shop/es-http type \
                ClusterIP (rule docs: https://github.com/exposure-guard/exposure-guard/blob/main/docs/rules.md#eg-exp-001)
                If this exposure is intended, ask a platform admin for an ExposureException in namespace exposure-guard \
                (one in any other namespace does not count), for example:
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposureException
                metadata:
                  name: es-http-eg-exp-001
                  namespace: exposure-guard
                spec:
                  rules: [EG-EXP-001]
                  resources:
                  - {namespace: shop, kind: Service, name: es-http}
                  reason: "<why this exposure is acceptable, and what protects the data instead>"
                  expiresAt: "2027-01-01T00:00:00Z"
                  approvedBy: "<who approved it>"
                  ticket: "<change or ticket reference>\"""");
    }

    @Test
    void theSuggestedExceptionParsesAsAnExposureExceptionThatCoversTheDeniedObject() {
        String yaml = ExceptionRequest.yaml(List.of(decision(OPEN, Action.DENY, List.of("security"))), "shop", "security", NOW);

        var exception = new io.fabric8.kubernetes.client.utils.KubernetesSerialization()
                .unmarshal(yaml, io.exposureguard.core.api.v1.ExposureException.class);

        assertThat(exception.getMetadata().getNamespace()).isEqualTo("security");
        assertThat(exception.getSpec().getRules()).containsExactly("EG-EXP-001");
        assertThat(exception.getSpec().getResources()).singleElement()
                .satisfies(r -> assertThat(List.of(r.getNamespace(), r.getKind(), r.getName())).containsExactly("shop", "Service", "es-http"));
        assertThat(Instant.parse(exception.getSpec().getExpiresAt())).isAfter(NOW);
    }

    @Test
    void severalExceptionNamespacesAreAllNamed() {
        String text = ExceptionRequest.text(List.of(decision(OPEN, Action.DENY, List.of("security", "platform"))), "shop", NOW);

        assertThat(text).startsWith("If this exposure is intended, ask a platform admin for an ExposureException in one of"
                + " the namespaces security, platform (one in any other namespace does not count)").contains("  namespace: security\n");
    }

    @Test
    void anExposedObjectOfAnotherNamespaceIsNotNamedInTheSuggestedException() {
        String text = ExceptionRequest.text(List.of(decision(OPEN, Action.DENY, List.of("exposure-guard"))), "web", NOW);

        assertThat(text).doesNotContain("shop", "es-http")
                .contains("  - {namespace: \"<ask a platform admin: the exposed object is in another namespace>\"}\n");
    }

    @Test
    void aFindingOnAClusterScopedObjectSuggestsAnExceptionForItsDatastore() {
        ObjectRef node = ObjectRef.of("Node", null, "worker-1");
        Finding onNode = new Finding(RULE, Severity.CRITICAL, node, ES, "Elasticsearch shop/es is reachable on a node port",
                List.of(Hop.origin(Hop.Kind.INTERNET), Hop.datastore(null, ES, null, List.of())), List.of(), "close the port", List.of());

        String text = ExceptionRequest.text(List.of(decision(onNode, Action.DENY, List.of("exposure-guard"))), "shop", NOW);

        assertThat(text).contains("  - {namespace: shop, kind: Elasticsearch, name: es}\n").doesNotContain("another namespace");
    }

    @Test
    void aShortWarningCarriesMessageFixAndDocsWhole() {
        Finding brief = finding("Redis shop/cache has no password", "set requirepass");

        String warning = AdmissionWarning.of("", decision(brief, Action.ALERT, List.of()), "shop");

        assertThat(warning).isEqualTo("exposure-guard EG-EXP-001 critical (alert): Redis shop/cache has no password."
                + " Fix: set requirepass More: https://github.com/exposure-guard/exposure-guard/blob/main/docs/rules.md#eg-exp-001");
    }

    @Test
    void aLongWarningIsShortenedAtAWordAndKeepsTheFixAndTheWholeLink() {
        Finding verbose = finding("Elasticsearch shop/es has no authentication and is reachable from the internet through"
                + " a LoadBalancer Service with no source ranges, a NodePort on every node and an Ingress without authentication",
                "set xpack.security.enabled to true in the Elasticsearch configuration, then restrict the Service with"
                        + " loadBalancerSourceRanges to the networks that need it, or make it type ClusterIP");

        String warning = AdmissionWarning.of(AdmissionJudge.PRE_EXISTING, decision(verbose, Action.DENY, List.of()), "shop");

        assertThat(warning).hasSizeLessThanOrEqualTo(AdmissionWarning.MAX_LENGTH)
                .isEqualTo("already exposed before this update, fix it: exposure-guard EG-EXP-001 critical (deny):"
                        + " Elasticsearch shop/es has no... Fix: set xpack.security.enabled to..."
                        + " More: https://github.com/exposure-guard/exposure-guard/blob/main/docs/rules.md#eg-exp-001");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 50, 120, 400, 2000})
    void noWarningExceedsWhatTheApiServerKeeps(int extra) {
        Finding f = finding("m".repeat(extra) + " message", "f ".repeat(extra) + "fix");

        assertThat(AdmissionWarning.of(AdmissionJudge.OPENED_BY_DELETION, decision(f, Action.ALERT, List.of()), "shop"))
                .hasSizeLessThanOrEqualTo(AdmissionWarning.MAX_LENGTH)
                .endsWith(" More: https://github.com/exposure-guard/exposure-guard/blob/main/docs/rules.md#eg-exp-001");
    }

    @Test
    void aWarningDoesNotNameObjectsOfAnotherNamespace() {
        assertThat(AdmissionWarning.of("", decision(OPEN, Action.ALERT, List.of()), "web")).doesNotContain("shop/");
    }
}
