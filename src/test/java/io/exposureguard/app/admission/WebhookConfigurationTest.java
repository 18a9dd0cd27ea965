package io.exposureguard.app.admission;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.LabelSelector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped webhook configurations carry the safety settings the admission design requires: the plain
 * manifest in deploy/webhook and the Helm chart's rendering alike.
 */
class WebhookConfigurationTest {

    private static final String SOURCES = "io.exposureguard.app.admission.ShippedWebhookConfigurations#sources";

    private static void assertSafe(String sideEffects, Integer timeout, String failurePolicy, LabelSelector namespaces,
                                   List<RuleWithOperations> rules, int matchConditions) {
        assertThat(sideEffects).isEqualTo("None");
        assertThat(timeout).isBetween(1, 10);
        assertThat(failurePolicy).isEqualTo("Ignore");
        assertThat(namespaces.getMatchExpressions()).anySatisfy(e -> {
            assertThat(e.getKey()).isEqualTo("kubernetes.io/metadata.name");
            assertThat(e.getOperator()).isEqualTo("NotIn");
            assertThat(e.getValues()).contains("kube-system", ShippedWebhookConfigurations.OPERATOR_NAMESPACE);
        });
        assertThat(rules).allSatisfy(r -> {
            // DELETE only where removing an object can open a path (the only NetworkPolicy limiting a datastore).
            if (r.getResources().equals(List.of("networkpolicies"))) {
                assertThat(r.getOperations()).containsExactlyInAnyOrder("CREATE", "UPDATE", "DELETE");
            } else {
                assertThat(r.getOperations()).containsExactlyInAnyOrder("CREATE", "UPDATE");
            }
            assertThat(r.getResources()).doesNotContain("*");
            assertThat(r.getApiGroups()).doesNotContain("*");
        });
        assertThat(matchConditions).isPositive();
    }

    /** Every webhook is called through the exposure-guard-webhook Service in the operator namespace, v1 reviews only. */
    private static void assertCallsTheOperator(WebhookClientConfig client, String path, String matchPolicy, List<String> reviewVersions) {
        assertThat(client.getService().getName()).isEqualTo("exposure-guard-webhook");
        assertThat(client.getService().getNamespace()).isEqualTo(ShippedWebhookConfigurations.OPERATOR_NAMESPACE);
        assertThat(client.getService().getPort()).isEqualTo(443);
        assertThat(client.getService().getPath()).isEqualTo(path);
        assertThat(client.getUrl()).isNull();
        assertThat(matchPolicy).isEqualTo("Equivalent");
        assertThat(reviewVersions).containsExactly("v1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCES)
    void validatingWebhookIsSideEffectFreeFailOpenAndScopedToTheKindsJudged(Supplier<ShippedWebhookConfigurations> source) {
        ValidatingWebhook hook = source.get().validating();

        assertSafe(hook.getSideEffects(), hook.getTimeoutSeconds(), hook.getFailurePolicy(), hook.getNamespaceSelector(),
                hook.getRules(), hook.getMatchConditions().size());
        assertCallsTheOperator(hook.getClientConfig(), "/validate", hook.getMatchPolicy(), hook.getAdmissionReviewVersions());
        Set<String> resources = hook.getRules().stream().flatMap(r -> r.getResources().stream()).collect(Collectors.toSet());
        assertThat(resources).containsExactlyInAnyOrder("services", "pods", "replicationcontrollers", "configmaps", "deployments",
                "statefulsets", "daemonsets", "replicasets", "jobs", "cronjobs", "ingresses", "networkpolicies", "elasticsearches",
                "kibanas", "opensearchclusters", "middlewares", "endpointslices", "gateways", "listenersets", "xlistenersets",
                "httproutes", "grpcroutes", "tlsroutes", "tcproutes", "udproutes", "referencegrants", "securitypolicies",
                "kafkas", "kafkanodepools", "redis", "redisclusters", "redisreplications", "redissentinels", "clusters", "poolers", "postgresqls", "postgresclusters", "perconaservermongodbs",
                "mariadbs", "rabbitmqclusters", "perconaxtradbclusters", "perconapgclusters",
                "clickhouseinstallations", "tenants", "cassandradatacenters", "k8ssandraclusters",
                "mongodbcommunity", "virtualservices", "authorizationpolicies", "requestauthentications", "ingressroutes",
                "ingressroutetcps", "traefikservices", "middlewaretcps", "httpproxies", "routes", "ingresscontrollers");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCES)
    void mutatingWebhookHasTheSameSafetyAndOnlyTheKindsItCanFix(Supplier<ShippedWebhookConfigurations> source) {
        MutatingWebhook hook = source.get().mutating();

        assertSafe(hook.getSideEffects(), hook.getTimeoutSeconds(), hook.getFailurePolicy(), hook.getNamespaceSelector(),
                hook.getRules(), hook.getMatchConditions().size());
        assertCallsTheOperator(hook.getClientConfig(), "/mutate", hook.getMatchPolicy(), hook.getAdmissionReviewVersions());
        assertThat(hook.getReinvocationPolicy()).isEqualTo("IfNeeded");
        assertThat(hook.getRules().stream().flatMap(r -> r.getResources().stream()))
                .containsExactlyInAnyOrder("services", "elasticsearches", "kibanas", "kafkas", "clusters", "postgresqls", "postgresclusters", "perconaservermongodbs",
                        "perconapgclusters", "clickhouseinstallations", "cassandradatacenters", "k8ssandraclusters");
    }
}
