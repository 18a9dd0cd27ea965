package io.exposureguard.deploy;

import io.exposureguard.core.inventory.CustomResourceReading;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.kinds.DatastoreResourceKind;
import io.exposureguard.core.kinds.KindsChart;
import io.exposureguard.core.kinds.ResourceKinds;
import io.exposureguard.core.inventory.WatchedKind;
import io.exposureguard.core.model.ObjectRef;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the chart (templates/_kinds.tpl) and the shipped webhook configurations say about custom-resource kinds is
 * generated from the kind registry; `make kinds` regenerates both, and this test fails when a copy is stale.
 */
class KindsChartTest {

    static final Path TEMPLATE = Path.of("deploy", "helm", "exposure-guard", "templates", "_kinds.tpl");
    static final Path SHIPPED_WEBHOOKS = Path.of("deploy", "webhook", "webhook-configurations.yaml");

    @Test
    void theChartsKindTemplateAndTheShippedWebhookRulesAreUpToDateWithTheRegistry() throws IOException {
        KindsChart chart = KindsChart.standard();
        String webhooks = KindsChart.replaceRegions(Files.readString(SHIPPED_WEBHOOKS),
                List.of(chart.validatingRules(), chart.mutatingRules()));
        if (Boolean.getBoolean("exposureguard.writeKinds")) {
            Files.writeString(TEMPLATE, chart.helperTemplate());
            Files.writeString(SHIPPED_WEBHOOKS, webhooks);
        }

        assertThat(TEMPLATE).as(TEMPLATE + " is stale: run `make kinds`").exists();
        assertThat(Files.readString(TEMPLATE)).as(TEMPLATE + " is stale: run `make kinds`").isEqualTo(chart.helperTemplate());
        assertThat(Files.readString(SHIPPED_WEBHOOKS)).as(SHIPPED_WEBHOOKS + " is stale: run `make kinds`").isEqualTo(webhooks);
    }

    /** The rendered chart lists exactly the registry's kinds: watched, CRD names, validating; fixable: patch, mutating. */
    @Test
    void theRenderedChartGrantsWatchesAndJudgesEveryRegisteredKindAndPatchesAndMutatesTheFixableOnes() {
        HelmChart.Rendered r = HelmChart.render("exposure-guard", Map.of("operator.remediation.enabled", true));
        List<PolicyRule> rules = r.one(ClusterRole.class).getRules();
        List<WatchedKind> watched = ResourceKinds.watched();
        List<WatchedKind> fixable = ResourceKinds.DATASTORES.stream().filter(DatastoreResourceKind::fixesOwnSettings)
                .flatMap(k -> k.watched().stream()).toList();

        for (WatchedKind k : watched) {
            assertThat(rules).as("list/watch " + k.crdName()).anyMatch(p -> grants(p, k, "watch") && grants(p, k, "list"));
            assertThat(rules).as("CRD " + k.crdName()).anyMatch(p -> p.getResources().contains("customresourcedefinitions")
                    && p.getResourceNames().contains(k.crdName()));
            assertThat(r.one(ValidatingWebhookConfiguration.class).getWebhooks().get(0).getRules())
                    .as("validating " + k.crdName()).anyMatch(w -> judges(w, k));
        }
        for (WatchedKind k : watched) {
            boolean fix = fixable.contains(k);
            assertThat(rules.stream().anyMatch(p -> grants(p, k, "patch"))).as("patch " + k.crdName()).isEqualTo(fix);
            assertThat(r.one(MutatingWebhookConfiguration.class).getWebhooks().get(0).getRules().stream().anyMatch(w -> judges(w, k)))
                    .as("mutating " + k.crdName()).isEqualTo(fix);
        }
    }

    /** A new kind is one class and one registry line: the chart text follows; groups of one kind share a rule. */
    @Test
    void aNewKindInTheRegistryReachesEveryChartListAndKindsInSeveralGroupsShareARule() {
        DatastoreResourceKind kafka = new DatastoreResourceKind() {
            public String kind() { return "Kafka"; }
            public List<String> groups() { return List.of("kafka.strimzi.io", "kafka.example.io"); }
            public List<String> versions() { return List.of("v1beta2", "v1"); }
            public String plural() { return "kafkas"; }
            public String generatedServices() { return ""; }
            public String ownSettingsFix() { return ""; }
            public boolean fixesOwnSettings() { return true; }
            public CustomResourceReading read(ObjectRef ref, Tree root, ReadContext context) {
                return new CustomResourceReading(List.of(), List.of());
            }
        };

        KindsChart chart = new KindsChart(List.of(kafka), List.of());

        assertThat(chart.helperTemplate())
                .contains("- apiGroups: [kafka.strimzi.io, kafka.example.io]\n  resources: [kafkas]\n  verbs: [list, watch]")
                .contains("- kafkas.kafka.strimzi.io\n- kafkas.kafka.example.io")
                .contains("- apiGroups: [kafka.strimzi.io, kafka.example.io]\n  resources: [kafkas]\n  verbs: [patch]");
        assertThat(chart.validatingRules()).isEqualTo("- {apiGroups: [kafka.strimzi.io, kafka.example.io], apiVersions: [v1beta2, v1],"
                + " resources: [kafkas], operations: [CREATE, UPDATE], scope: Namespaced}");
        assertThat(chart.mutatingRules()).isEqualTo(chart.validatingRules());
    }

    @Test
    void aShippedFileWithoutItsGeneratedRegionsIsRefusedWithTheReason() {
        assertThatThrownBy(() -> KindsChart.replaceRegions("rules:\n  - x\n", List.of("a", "b")))
                .hasMessageContaining("expected 2 generated regions, found 0");
        assertThatThrownBy(() -> KindsChart.replaceRegions("  " + KindsChart.BEGIN + "\n  - x\n", List.of("a")))
                .hasMessageContaining("has no end line");
        assertThat(KindsChart.replaceRegions("r:\n  " + KindsChart.BEGIN + "\n  - old\n  " + KindsChart.END + "\n", List.of("- a\n- b")))
                .isEqualTo("r:\n  " + KindsChart.BEGIN + "\n  - a\n  - b\n  " + KindsChart.END + "\n");
    }

    private static boolean grants(PolicyRule p, WatchedKind k, String verb) {
        return p.getApiGroups().contains(k.group()) && p.getResources().contains(k.plural()) && p.getVerbs().contains(verb);
    }

    private static boolean judges(RuleWithOperations w, WatchedKind k) {
        return w.getApiGroups().contains(k.group()) && w.getResources().contains(k.plural()) && w.getApiVersions().contains(k.version());
    }
}
