package io.exposureguard.core.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How every hop kind reads, the path line, the "message. Path: ... Fix: ..." text, and what a viewer in one namespace sees. */
class FindingTextTest {

    private static final ObjectRef SERVICE = ObjectRef.of("Service", "shop", "es-http");
    private static final ObjectRef ES = ObjectRef.of("Elasticsearch", "shop", "es");
    private static final ObjectRef INGRESS = ObjectRef.of("Ingress", "shop", "es");
    private static final ObjectRef REDIS = ObjectRef.of("Deployment", "web", "cache");
    private static final RuleInfo RULE = new RuleInfo("EG-EXP-001", "title", Severity.CRITICAL, "why", "fix");

    static Stream<Arguments> hops() {
        return Stream.of(
                Arguments.of(Hop.origin(Hop.Kind.INTERNET), "internet"),
                Arguments.of(Hop.origin(Hop.Kind.RESTRICTED_NETWORKS), "restricted networks"),
                Arguments.of(Hop.origin(Hop.Kind.CLUSTER), "cluster"),
                Arguments.of(Hop.entryService("LoadBalancer", SERVICE, null, Hop.Port.of(9200, "http"), List.of()),
                        "LoadBalancer Service shop/es-http port 9200 (http)"),
                Arguments.of(Hop.entryService("LoadBalancer", SERVICE, ES, Hop.Port.of(443, "https"), List.of()),
                        "LoadBalancer Service shop/es-http (generated from Elasticsearch shop/es) port 443 (https)"),
                Arguments.of(Hop.entryService("NodePort", SERVICE, null, new Hop.Port(9200, "", 30920), List.of()),
                        "NodePort Service shop/es-http port 9200 (nodePort 30920)"),
                Arguments.of(Hop.entryService("externalIPs", SERVICE, null, Hop.Port.of(9200, null), List.of()),
                        "externalIPs Service shop/es-http port 9200"),
                Arguments.of(Hop.entryRoute(INGRESS, "es.example.com/api", List.of()), "Ingress shop/es es.example.com/api"),
                Arguments.of(Hop.entryRoute(INGRESS, null, List.of()), "Ingress shop/es"),
                Arguments.of(Hop.entryHost("hostNetwork", REDIS, List.of()), "node address (hostNetwork) of Deployment web/cache"),
                Arguments.of(Hop.entryHost("hostPort", REDIS, List.of()), "node address (hostPort) of Deployment web/cache"),
                Arguments.of(Hop.backendService("ClusterIP", SERVICE, null, Hop.Port.of(80, null)), "ClusterIP Service shop/es-http port 80"),
                Arguments.of(Hop.datastore(null, ES, Hop.Port.of(9200, "https"), List.of()), "Elasticsearch shop/es port 9200 (https)"),
                Arguments.of(Hop.datastore("Redis/Valkey", REDIS, Hop.Port.of(6379, "redis"), List.of()),
                        "Redis/Valkey in Deployment web/cache port 6379 (redis)"),
                Arguments.of(Hop.datastore(null, ES, null, List.of()), "Elasticsearch shop/es"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("hops")
    void eachHopKindReadsAsBefore(Hop hop, String text) {
        assertThat(FindingText.hop(hop)).isEqualTo(text);
    }

    /** A viewer in {@code viewer} sees objects of other namespaces, and the custom resources Services come from, unnamed. */
    static Stream<Arguments> redactedHops() {
        ObjectRef otherService = ObjectRef.of("Service", "infra", "gw-svc");
        ObjectRef otherOwner = ObjectRef.of("Elasticsearch", "infra", "es");
        return Stream.of(
                Arguments.of("shop", Hop.origin(Hop.Kind.INTERNET), "internet"),
                Arguments.of("shop", Hop.entryRoute(ObjectRef.of("Gateway", "infra", "public-gw"), "listener http", List.of()),
                        "an object in another namespace listener http"),
                Arguments.of("shop", Hop.entryService("LoadBalancer", otherService, null, Hop.Port.of(80, null), List.of()),
                        "LoadBalancer an object in another namespace port 80"),
                Arguments.of("shop", Hop.backendService("ClusterIP", SERVICE, otherOwner, Hop.Port.of(80, null)),
                        "ClusterIP Service shop/es-http (generated from an object in another namespace) port 80"),
                Arguments.of("shop", Hop.entryHost("hostPort", REDIS, List.of()), "node address (hostPort) of an object in another namespace"),
                Arguments.of("shop", Hop.datastore("Redis/Valkey", REDIS, Hop.Port.of(6379, null), List.of()),
                        "Redis/Valkey in an object in another namespace port 6379"),
                Arguments.of("web", Hop.datastore("Redis/Valkey", REDIS, Hop.Port.of(6379, null), List.of()),
                        "Redis/Valkey in Deployment web/cache port 6379"),
                Arguments.of("shop", Hop.datastore(null, ObjectRef.of("ClusterThing", null, "global"), null, List.of()),
                        "ClusterThing global"));
    }

    @ParameterizedTest(name = "seen from {0}: {2}")
    @MethodSource("redactedHops")
    void objectsOfOtherNamespacesAreNotNamed(String viewer, Hop hop, String text) {
        assertThat(FindingText.hop(hop, viewer)).isEqualTo(text);
    }

    private static Finding finding(List<Hop> path) {
        return new Finding(RULE, Severity.CRITICAL, SERVICE, ES, "Elasticsearch shop/es has authentication disabled", path,
                List.of(), "change Service shop/es-http to type ClusterIP", List.of(SERVICE, ES));
    }

    private static final List<Hop> PATH = List.of(Hop.origin(Hop.Kind.INTERNET),
            Hop.entryService("LoadBalancer", SERVICE, null, Hop.Port.of(9200, null), List.of("no loadBalancerSourceRanges")),
            Hop.datastore(null, ES, Hop.Port.of(9200, "https"), List.of()));

    @Test
    void thePathLineJoinsTheHopsOutsideFirst() {
        assertThat(FindingText.path(finding(PATH))).isEqualTo(
                "internet -> LoadBalancer Service shop/es-http port 9200 -> Elasticsearch shop/es port 9200 (https)");
        assertThat(FindingText.hops(PATH)).containsExactly("internet", "LoadBalancer Service shop/es-http port 9200",
                "Elasticsearch shop/es port 9200 (https)");
    }

    @Test
    void theExplainedTextIsMessagePathAndFix() {
        assertThat(FindingText.explained(finding(PATH))).isEqualTo("Elasticsearch shop/es has authentication disabled."
                + " Path: internet -> LoadBalancer Service shop/es-http port 9200 -> Elasticsearch shop/es port 9200 (https)."
                + " Fix: change Service shop/es-http to type ClusterIP");
        assertThat(FindingText.explained(finding(List.of()))).isEqualTo("Elasticsearch shop/es has authentication disabled."
                + " Fix: change Service shop/es-http to type ClusterIP");
        assertThat(FindingText.withFix(finding(PATH))).isEqualTo("Elasticsearch shop/es has authentication disabled."
                + " Fix: change Service shop/es-http to type ClusterIP");
    }

    @Test
    void aViewerInTheFindingsNamespaceSeesEverythingNamed() {
        assertThat(FindingText.explained(finding(PATH), "shop")).isEqualTo(FindingText.explained(finding(PATH)));
    }

    @Test
    void aViewerInAnotherNamespaceSeesNoNameInTheMessagePathOrFix() {
        String text = FindingText.explained(finding(PATH), "web");

        assertThat(text).doesNotContain("shop", "es-http").isEqualTo("an object in another namespace has authentication disabled."
                + " Path: internet -> LoadBalancer an object in another namespace port 9200 -> an object in another namespace port 9200 (https)."
                + " Fix: change an object in another namespace to type ClusterIP");
    }

    @Test
    void aLongerNameIsReplacedBeforeAShorterOneItStartsWith() {
        ObjectRef es = ObjectRef.of("Service", "infra", "es");
        ObjectRef esHttp = ObjectRef.of("Service", "infra", "es-http");
        Finding f = new Finding(RULE, Severity.CRITICAL, ObjectRef.of("Service", "shop", "x"), ES, "m", List.of(),
                List.of(), "remove infra/es-http and infra/es", List.of(es, esHttp));

        assertThat(FindingText.explained(f, "shop")).endsWith("Fix: remove an object in another namespace and an object in another namespace");
    }

    @Test
    void aHopSaysClearlyWhatIsMissing() {
        assertThatThrownBy(() -> new Hop(Hop.Kind.INTERNET, null, SERVICE, null, null, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("INTERNET hop: an origin names no object");
        assertThatThrownBy(() -> Hop.datastore(null, null, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("DATASTORE hop: needs the object");
        assertThatThrownBy(() -> Hop.origin(Hop.Kind.DATASTORE)).hasMessage("DATASTORE is not an origin");
    }
}
