package io.exposureguard.admission;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.io.FileInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped webhook configurations carry the safety settings the admission design requires. */
class WebhookConfigurationTest {

    private static List<HasMetadata> load() throws IOException {
        try (FileInputStream in = new FileInputStream("deploy/webhook/webhook-configurations.yaml")) {
            return new KubernetesSerialization().unmarshal(in);
        }
    }

    private static void assertSafe(String sideEffects, Integer timeout, String failurePolicy, LabelSelector namespaces,
                                   List<RuleWithOperations> rules, int matchConditions) {
        assertThat(sideEffects).isEqualTo("None");
        assertThat(timeout).isBetween(1, 10);
        assertThat(failurePolicy).isEqualTo("Ignore");
        assertThat(namespaces.getMatchExpressions()).anySatisfy(e -> {
            assertThat(e.getKey()).isEqualTo("kubernetes.io/metadata.name");
            assertThat(e.getOperator()).isEqualTo("NotIn");
            assertThat(e.getValues()).contains("kube-system", "exposure-guard");
        });
        assertThat(rules).allSatisfy(r -> {
            assertThat(r.getOperations()).containsExactlyInAnyOrder("CREATE", "UPDATE");
            assertThat(r.getResources()).doesNotContain("*");
            assertThat(r.getApiGroups()).doesNotContain("*");
        });
        assertThat(matchConditions).isPositive();
    }

    @Test
    void validatingWebhookIsSideEffectFreeFailOpenAndScopedToTheKindsJudged() throws IOException {
        ValidatingWebhookConfiguration config = load().stream().filter(ValidatingWebhookConfiguration.class::isInstance)
                .map(ValidatingWebhookConfiguration.class::cast).findFirst().orElseThrow();
        ValidatingWebhook hook = config.getWebhooks().get(0);

        assertSafe(hook.getSideEffects(), hook.getTimeoutSeconds(), hook.getFailurePolicy(), hook.getNamespaceSelector(),
                hook.getRules(), hook.getMatchConditions().size());
        assertThat(hook.getClientConfig().getService().getPath()).isEqualTo("/validate");
        Set<String> resources = hook.getRules().stream().flatMap(r -> r.getResources().stream()).collect(Collectors.toSet());
        assertThat(resources).containsExactlyInAnyOrder("services", "pods", "replicationcontrollers", "deployments",
                "statefulsets", "daemonsets", "replicasets", "jobs", "cronjobs", "ingresses", "elasticsearches", "kibanas");
    }

    @Test
    void mutatingWebhookHasTheSameSafetyAndOnlyTheKindsItCanFix() throws IOException {
        MutatingWebhookConfiguration config = load().stream().filter(MutatingWebhookConfiguration.class::isInstance)
                .map(MutatingWebhookConfiguration.class::cast).findFirst().orElseThrow();
        MutatingWebhook hook = config.getWebhooks().get(0);

        assertSafe(hook.getSideEffects(), hook.getTimeoutSeconds(), hook.getFailurePolicy(), hook.getNamespaceSelector(),
                hook.getRules(), hook.getMatchConditions().size());
        assertThat(hook.getClientConfig().getService().getPath()).isEqualTo("/mutate");
        assertThat(hook.getReinvocationPolicy()).isEqualTo("IfNeeded");
        assertThat(hook.getRules().stream().flatMap(r -> r.getResources().stream()))
                .containsExactlyInAnyOrder("services", "elasticsearches", "kibanas");
    }
}
