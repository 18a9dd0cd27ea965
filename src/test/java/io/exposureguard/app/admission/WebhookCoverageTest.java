package io.exposureguard.app.admission;

import io.exposureguard.deploy.HelmChart;
import io.exposureguard.deploy.RbacRules;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind that can change a verdict is sent to the validating webhook. The kinds the engine reads are the
 * kinds the operator caches, and RbacCoverageTest holds the chart's list/watch grants to exactly what the
 * cache lists; so each list/watch grant (with operator.readSecrets on and off) must have a validating rule,
 * and a kind added to the cache without a webhook rule fails here. Configuration objects are not judged
 * (namespaces, ExposurePolicies, ExposureExceptions). Each kind is also a fixed metric tag value.
 */
class WebhookCoverageTest {

    private static final Set<String> NOT_JUDGED = Set.of("/namespaces", "exposureguard.io/exposurepolicies",
            "exposureguard.io/exposureexceptions");

    @ParameterizedTest(name = "operator.readSecrets={0}")
    @ValueSource(booleans = {false, true})
    void everyKindTheOperatorCachesHasAValidatingRuleAndAMetricTag(boolean readSecrets) {
        HelmChart.Rendered chart = HelmChart.render("exposure-guard", Map.of("operator.readSecrets", readSecrets));
        Set<String> cached = new RbacRules(chart).grants().stream().filter(g -> g.startsWith("watch "))
                .map(g -> g.substring("watch ".length())).filter(r -> !NOT_JUDGED.contains(r))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> validated = new TreeSet<>();
        chart.one(ValidatingWebhookConfiguration.class).getWebhooks().get(0).getRules().forEach(rule ->
                rule.getApiGroups().forEach(g -> rule.getResources().forEach(r -> validated.add(g + "/" + r))));

        assertThat(cached).as("kinds the operator caches").contains("/services", "/configmaps", "networking.k8s.io/networkpolicies",
                "traefik.io/middlewares", "opensearch.org/opensearchclusters");
        assertThat(readSecrets ? cached.contains("/secrets") : !cached.contains("/secrets")).isTrue();
        assertThat(validated).as("validating webhook rules").isEqualTo(cached);
        Set<String> taggedResources = AdmissionTags.KINDS.stream().map(WebhookCoverageTest::plural).collect(Collectors.toSet());
        assertThat(cached.stream().map(r -> r.substring(r.indexOf('/') + 1))).as("kinds with a metric tag value")
                .allSatisfy(r -> assertThat(taggedResources).contains(r));
    }

    /** The resource name of a kind (the rules' form): Ingress -> ingresses, NetworkPolicy -> networkpolicies, Gateway -> gateways. */
    private static String plural(String kind) {
        String k = kind.toLowerCase(Locale.ROOT);
        boolean consonantY = k.endsWith("y") && !k.matches(".*[aeiou]y");
        return consonantY ? k.substring(0, k.length() - 1) + "ies" : k.endsWith("s") || k.endsWith("ch") ? k + "es" : k + "s";
    }
}
