package io.exposureguard.deploy;

import io.exposureguard.core.inventory.LabelSelectors;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** The chart's day-2 values: each one renders where it belongs, and the strict schema refuses a wrong one. */
class ChartValuesTest {

    private static final String NS = "exposure-guard";
    private static final String DIGEST = "sha256:" + "a".repeat(64);

    private static PodSpec pod(HelmChart.Rendered rendered) {
        return rendered.one(Deployment.class).getSpec().getTemplate().getSpec();
    }

    /** Values that turn every optional object on, so "every object" means every object the chart can render. */
    private static Map<String, Object> withEveryObject(Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>(Map.of("webhook.tls.mode", "cert-manager", "metrics.serviceMonitor.enabled", true,
                "metrics.prometheusRule.enabled", true, "grafanaDashboard.enabled", true, "reports.installCRDs", true));
        all.putAll(values);
        return all;
    }

    private static final Map<String, Object> NODE_LABEL = Map.of("sourceLabels", List.of("__meta_kubernetes_pod_node_name"),
            "targetLabel", "node");
    private static final Map<String, Object> DROP_JVM = Map.of("sourceLabels", List.of("__name__"), "regex", "jvm_.*", "action", "drop");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    /** The single scrape endpoint of the ServiceMonitor ("endpoints") or PodMonitor ("podMetricsEndpoints"). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> endpoint(HelmChart.Rendered rendered, String kind, String field) {
        List<Map<String, Object>> endpoints = (List<Map<String, Object>>) spec(rendered.ofKind(kind).get(0)).get(field);
        assertThat(endpoints).hasSize(1);
        return endpoints.get(0);
    }

    private static Map<String, String> annotations(HelmChart.Rendered rendered, String kind) {
        return rendered.objects().stream().filter(o -> o.getKind().equals(kind)).findFirst().orElseThrow().getMetadata().getAnnotations();
    }

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of(Named.of("image.digest wins over the tag", Map.of("image.digest", DIGEST)),
                        (Consumer<HelmChart.Rendered>) r -> assertThat(pod(r).getContainers().get(0).getImage()).endsWith("@" + DIGEST)),
                Arguments.of(Named.of("commonLabels land on every object", Map.of("commonLabels", Map.of("cost-center", "sec"))),
                        (Consumer<HelmChart.Rendered>) r -> assertThat(r.objects()).allSatisfy(o ->
                                assertThat(o.getMetadata().getLabels()).as(o.getKind()).containsEntry("cost-center", "sec"))),
                Arguments.of(Named.of("commonAnnotations land on every object, CRDs included", withEveryObject(Map.of(
                                "commonAnnotations", Map.of("owner", "security")))),
                        (Consumer<HelmChart.Rendered>) r -> {
                            assertThat(r.kinds()).contains("Certificate", "Issuer", "ServiceMonitor", "PrometheusRule", "ConfigMap");
                            assertThat(r.all(io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class)).hasSize(4);
                            assertThat(r.objects()).allSatisfy(o -> assertThat(o.getMetadata().getAnnotations())
                                    .as(o.getKind() + " " + o.getMetadata().getName()).containsEntry("owner", "security"));
                        }),
                Arguments.of(Named.of("an object's own annotations win over commonAnnotations", withEveryObject(Map.of(
                                "commonAnnotations", Map.of("example.com/role", "common", "cert-manager.io/inject-ca-from", "other/ca"),
                                "serviceAccount.annotations", Map.of("example.com/role", "arn:aws:iam::1:role/eg")))),
                        (Consumer<HelmChart.Rendered>) r -> {
                            assertThat(annotations(r, "ServiceAccount")).containsEntry("example.com/role", "arn:aws:iam::1:role/eg");
                            assertThat(annotations(r, "Deployment")).containsEntry("example.com/role", "common");
                            assertThat(annotations(r, "ValidatingWebhookConfiguration"))
                                    .containsEntry("cert-manager.io/inject-ca-from", NS + "/exposure-guard-webhook");
                            assertThat(annotations(r, "MutatingWebhookConfiguration"))
                                    .containsEntry("cert-manager.io/inject-ca-from", NS + "/exposure-guard-webhook");
                        }),
                Arguments.of(Named.of("webhook.annotations land on both webhook configurations only", Map.of(
                                "webhook.annotations", Map.of("argocd.argoproj.io/sync-wave", "5"))),
                        (Consumer<HelmChart.Rendered>) r -> {
                            assertThat(annotations(r, "ValidatingWebhookConfiguration")).containsExactly(entry("argocd.argoproj.io/sync-wave", "5"));
                            assertThat(annotations(r, "MutatingWebhookConfiguration")).containsExactly(entry("argocd.argoproj.io/sync-wave", "5"));
                            assertThat(r.objects()).filteredOn(o -> !o.getKind().endsWith("WebhookConfiguration"))
                                    .allSatisfy(o -> assertThat(o.getMetadata().getAnnotations()).as(o.getKind())
                                            .doesNotContainKey("argocd.argoproj.io/sync-wave"));
                        }),
                Arguments.of(Named.of("webhook.annotations win over commonAnnotations, cert-manager's inject-ca-from over both",
                                Map.of("webhook.tls.mode", "cert-manager",
                                        "commonAnnotations", Map.of("example.com/tier", "common", "example.com/team", "common"),
                                        "webhook.annotations", Map.of("example.com/tier", "webhook", "cert-manager.io/inject-ca-from", "other/ca"))),
                        (Consumer<HelmChart.Rendered>) r -> assertThat(annotations(r, "ValidatingWebhookConfiguration")).containsOnly(
                                entry("example.com/tier", "webhook"), entry("example.com/team", "common"),
                                entry("cert-manager.io/inject-ca-from", NS + "/exposure-guard-webhook"))),
                Arguments.of(Named.of("webhook.namespaceSelector is added after the chart's exclusion", Map.of(
                                "webhook.namespaceSelector", Map.of("matchLabels", Map.of("exposure-guard", "on"),
                                        "matchExpressions", List.of(Map.of("key", "tier", "operator", "NotIn", "values", List.of("sandbox")))))),
                        (Consumer<HelmChart.Rendered>) r -> assertThat(selectors(r, WebhookSelector.NAMESPACE)).hasSize(2).allSatisfy(s -> {
                            assertThat(s.getMatchLabels()).containsExactly(entry("exposure-guard", "on"));
                            assertThat(s.getMatchExpressions()).containsExactly(
                                    new LabelSelectorRequirement("kubernetes.io/metadata.name", "NotIn", List.of("kube-system", NS)),
                                    new LabelSelectorRequirement("tier", "NotIn", List.of("sandbox")));
                        })),
                Arguments.of(Named.of("webhook.objectSelector on both webhooks", Map.of("webhook.objectSelector", Map.of(
                                "matchExpressions", List.of(Map.of("key", "example.com/skip-guard", "operator", "DoesNotExist"))))),
                        (Consumer<HelmChart.Rendered>) r -> assertThat(selectors(r, WebhookSelector.OBJECT)).hasSize(2).allSatisfy(s ->
                                assertThat(s.getMatchExpressions()).containsExactly(
                                        new LabelSelectorRequirement("example.com/skip-guard", "DoesNotExist", List.of())))),
                Arguments.of(Named.of("metrics.serviceMonitor relabelings and metricRelabelings on its endpoint", Map.of(
                                "metrics.serviceMonitor.enabled", true, "metrics.serviceMonitor.relabelings", List.of(NODE_LABEL),
                                "metrics.serviceMonitor.metricRelabelings", List.of(DROP_JVM))),
                        (Consumer<HelmChart.Rendered>) r -> assertThat(endpoint(r, "ServiceMonitor", "endpoints"))
                                .containsEntry("relabelings", List.of(NODE_LABEL)).containsEntry("metricRelabelings", List.of(DROP_JVM))
                                .containsEntry("port", "management")),
                Arguments.of(Named.of("metrics.serviceMonitor.namespace holds it and it still selects the release's Service", Map.of(
                                "metrics.serviceMonitor.enabled", true, "metrics.serviceMonitor.namespace", "monitoring")),
                        (Consumer<HelmChart.Rendered>) r -> {
                            GenericKubernetesResource monitor = r.ofKind("ServiceMonitor").get(0);
                            assertThat(monitor.getMetadata().getNamespace()).isEqualTo("monitoring");
                            assertThat(spec(monitor).get("namespaceSelector")).isEqualTo(Map.of("matchNames", List.of(NS)));
                        }),
                Arguments.of(Named.of("metrics.podMonitor scrapes the management port of every operator pod", Map.of(
                                "metrics.podMonitor.enabled", true, "metrics.podMonitor.interval", "15s",
                                "metrics.podMonitor.labels", Map.of("release", "prometheus"), "metrics.podMonitor.namespace", "monitoring",
                                "metrics.podMonitor.relabelings", List.of(NODE_LABEL), "metrics.podMonitor.metricRelabelings", List.of(DROP_JVM))),
                        (Consumer<HelmChart.Rendered>) r -> {
                            GenericKubernetesResource monitor = r.ofKind("PodMonitor").get(0);
                            @SuppressWarnings("unchecked")
                            Map<String, String> selector = (Map<String, String>) ((Map<String, Object>) spec(monitor).get("selector")).get("matchLabels");
                            assertThat(r.kinds()).doesNotContain("ServiceMonitor");
                            assertThat(monitor.getMetadata().getNamespace()).isEqualTo("monitoring");
                            assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
                            assertThat(spec(monitor)).containsEntry("jobLabel", "app.kubernetes.io/name")
                                    .containsEntry("namespaceSelector", Map.of("matchNames", List.of(NS)));
                            assertThat(r.one(Deployment.class).getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(selector);
                            assertThat(endpoint(r, "PodMonitor", "podMetricsEndpoints")).containsEntry("port", "management")
                                    .containsEntry("path", "/q/metrics").containsEntry("interval", "15s").containsEntry("honorLabels", true)
                                    .containsEntry("relabelings", List.of(NODE_LABEL)).containsEntry("metricRelabelings", List.of(DROP_JVM));
                            assertThat(pod(r).getContainers().get(0).getPorts()).anySatisfy(p -> assertThat(p.getName()).isEqualTo("management"));
                        }),
                Arguments.of(Named.of("a Localhost seccomp profile for the pod and the container", Map.of(
                                "podSecurityContext.seccompProfile", Map.of("type", "Localhost", "localhostProfile", "profiles/eg.json"),
                                "securityContext.seccompProfile", Map.of("type", "Localhost", "localhostProfile", "profiles/eg.json"))),
                        (Consumer<HelmChart.Rendered>) r -> {
                            assertThat(pod(r).getSecurityContext().getSeccompProfile().getLocalhostProfile()).isEqualTo("profiles/eg.json");
                            assertThat(pod(r).getContainers().get(0).getSecurityContext().getSeccompProfile().getType()).isEqualTo("Localhost");
                        }),
                Arguments.of(Named.of("hostNetwork with its DNS policy", Map.of("hostNetwork", true)),
                        (Consumer<HelmChart.Rendered>) r -> {
                            assertThat(pod(r).getHostNetwork()).isTrue();
                            assertThat(pod(r).getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
                        }),
                Arguments.of(Named.of("extraEnv", Map.of("extraEnv", List.of(Map.of("name", "HTTPS_PROXY", "value", "http://proxy:3128")))),
                        (Consumer<HelmChart.Rendered>) r -> assertThat(pod(r).getContainers().get(0).getEnv())
                                .anySatisfy(e -> assertThat(e.getName()).isEqualTo("HTTPS_PROXY"))),
                Arguments.of(Named.of("extraVolumes and extraVolumeMounts", Map.of(
                                "extraVolumes", List.of(Map.of("name", "ca", "configMap", Map.of("name", "corp-ca"))),
                                "extraVolumeMounts", List.of(Map.of("name", "ca", "mountPath", "/etc/corp-ca")))),
                        (Consumer<HelmChart.Rendered>) r -> {
                            assertThat(pod(r).getVolumes()).anySatisfy(v -> assertThat(v.getName()).isEqualTo("ca"));
                            assertThat(pod(r).getContainers().get(0).getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/corp-ca"));
                        }),
                Arguments.of(Named.of("topologySpreadConstraints", Map.of("topologySpreadConstraints", List.of(Map.of(
                                "maxSkew", 1, "topologyKey", "topology.kubernetes.io/zone", "whenUnsatisfiable", "ScheduleAnyway")))),
                        (Consumer<HelmChart.Rendered>) r -> assertThat(pod(r).getTopologySpreadConstraints()).singleElement()
                                .satisfies(t -> assertThat(t.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone"))));
    }

    private enum WebhookSelector { NAMESPACE, OBJECT }

    /**
     * The namespace or object selector of every webhook that judges workloads, validating and mutating (not the one for
     * exposure-guard's own kinds: HelmChartTest shows that user selectors do not apply to it).
     */
    private static List<LabelSelector> selectors(HelmChart.Rendered rendered, WebhookSelector which) {
        return Stream.concat(
                rendered.one(ValidatingWebhookConfiguration.class).getWebhooks().stream()
                        .filter(w -> !w.getName().equals("config.exposureguard.io"))
                        .map(w -> which == WebhookSelector.NAMESPACE ? w.getNamespaceSelector() : w.getObjectSelector()),
                rendered.one(MutatingWebhookConfiguration.class).getWebhooks().stream()
                        .map(w -> which == WebhookSelector.NAMESPACE ? w.getNamespaceSelector() : w.getObjectSelector())).toList();
    }

    static Stream<Arguments> selectorsThatTryToBringExcludedNamespacesBack() {
        Map<String, Object> inThem = Map.of("key", "kubernetes.io/metadata.name", "operator", "In", "values", List.of("kube-system", NS));
        return Stream.of(
                Arguments.of(Named.of("an expression selecting them by name", Map.of("matchExpressions", List.of(inThem)))),
                Arguments.of(Named.of("matchLabels naming kube-system", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "kube-system")))),
                Arguments.of(Named.of("an expression every namespace matches", Map.of("matchExpressions",
                        List.of(Map.of("key", "kubernetes.io/metadata.name", "operator", "Exists"))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selectorsThatTryToBringExcludedNamespacesBack")
    void aUserNamespaceSelectorCannotBringKubeSystemOrTheReleaseNamespaceBack(Map<String, Object> selector) {
        List<LabelSelector> rendered = selectors(HelmChart.render(NS, Map.of("webhook.namespaceSelector", selector)), WebhookSelector.NAMESPACE);

        assertThat(rendered).hasSize(2).allSatisfy(s -> assertThat(List.of("kube-system", NS))
                .noneMatch(ns -> LabelSelectors.matches(s, Map.of("kubernetes.io/metadata.name", ns))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void aValueRendersWhereItBelongs(Map<String, Object> values, Consumer<HelmChart.Rendered> check) {
        check.accept(HelmChart.render(NS, values));
    }

    @Test
    void byDefaultThePodRunsAsAFixedNonRootUser() {
        PodSpec pod = pod(HelmChart.render(NS));

        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(pod.getContainers().get(0).getSecurityContext().getRunAsUser()).isEqualTo(10001L);
    }

    /** OpenShift's restricted SCC assigns the UID from the namespace's range and refuses a fixed one outside it. */
    @Test
    void onOpenShiftNoFixedUserOrGroupIsRendered() {
        Map<String, Object> values = new HashMap<>();
        values.put("podSecurityContext.runAsUser", null);
        values.put("podSecurityContext.runAsGroup", null);
        values.put("podSecurityContext.fsGroup", null);
        values.put("securityContext.runAsUser", null);

        PodSpec pod = pod(HelmChart.render(NS, values));

        assertThat(pod.getSecurityContext().getRunAsUser()).isNull();
        assertThat(pod.getSecurityContext().getRunAsGroup()).isNull();
        assertThat(pod.getSecurityContext().getFsGroup()).isNull();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getContainers().get(0).getSecurityContext().getRunAsUser()).isNull();
        assertThat(pod.getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    }

    @Test
    void aServiceMonitorAndAPodMonitorAtOnceAreRefused() {
        assertThatThrownBy(() -> HelmChart.render(NS, Map.of("metrics.serviceMonitor.enabled", true, "metrics.podMonitor.enabled", true)))
                .hasMessageContaining("metrics.serviceMonitor.enabled and metrics.podMonitor.enabled are both true: enable one of them");
    }

    static Stream<Arguments> wrongValues() {
        return Stream.of(
                Arguments.of(Named.of("a digest that is not sha256", Map.of("image.digest", "latest")), "/image/digest"),
                Arguments.of(Named.of("an unknown security setting", Map.of("securityContext.runAsUserr", 1)), "runAsUserr"),
                Arguments.of(Named.of("hostNetwork as a string", Map.of("hostNetwork", "yes")), "/hostNetwork"),
                Arguments.of(Named.of("a spread constraint without topologyKey", Map.of("topologySpreadConstraints",
                        List.of(Map.of("maxSkew", 1, "whenUnsatisfiable", "DoNotSchedule")))), "topologyKey"),
                Arguments.of(Named.of("extraEnv as a map", Map.of("extraEnv", Map.of("A", "b"))), "/extraEnv"),
                Arguments.of(Named.of("a commonAnnotation that is not a string", Map.of("commonAnnotations", Map.of("replicas", 2))),
                        "/commonAnnotations/replicas"),
                Arguments.of(Named.of("a webhook annotation that is not a string", Map.of("webhook.annotations", Map.of("sync-wave", 5))),
                        "/webhook/annotations/sync-wave"),
                Arguments.of(Named.of("a namespaceSelector expression with an unknown operator", Map.of("webhook.namespaceSelector",
                        Map.of("matchExpressions", List.of(Map.of("key", "tier", "operator", "NotEquals", "values", List.of("x")))))),
                        "/webhook/namespaceSelector/matchExpressions/0/operator"),
                Arguments.of(Named.of("an objectSelector with a misspelled field", Map.of("webhook.objectSelector",
                        Map.of("matchLabel", Map.of("a", "b")))), "matchLabel"),
                Arguments.of(Named.of("a relabeling in Prometheus' snake_case", Map.of("metrics.serviceMonitor.relabelings",
                        List.of(Map.of("source_labels", List.of("__name__"), "action", "drop")))), "source_labels"),
                Arguments.of(Named.of("an unknown relabeling action", Map.of("metrics.serviceMonitor.metricRelabelings",
                        List.of(Map.of("action", "delete")))), "/metrics/serviceMonitor/metricRelabelings/0/action"),
                Arguments.of(Named.of("a ServiceMonitor namespace that is no DNS label", Map.of("metrics.serviceMonitor.namespace",
                        "Monitoring")), "/metrics/serviceMonitor/namespace"),
                Arguments.of(Named.of("a PodMonitor interval Prometheus cannot read", Map.of("metrics.podMonitor.interval", "30 s")),
                        "/metrics/podMonitor/interval"),
                Arguments.of(Named.of("an unknown PodMonitor setting", Map.of("metrics.podMonitor.port", "management")),
                        "additional properties 'port' not allowed"),
                Arguments.of(Named.of("a pod seccomp profile of an unknown type", Map.of("podSecurityContext.seccompProfile.type", "Default")),
                        "/podSecurityContext/seccompProfile/type"),
                Arguments.of(Named.of("a container seccomp profile of an unknown type", Map.of("securityContext.seccompProfile.type", "Default")),
                        "/securityContext/seccompProfile/type"),
                Arguments.of(Named.of("a container seccomp profile with a misspelled field", Map.of(
                        "securityContext.seccompProfile.localhostprofile", "eg.json")), "localhostprofile"),
                Arguments.of(Named.of("crds.install as a string", Map.of("crds.install", "no")), "/crds/install"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongValues")
    void theStrictSchemaRefusesAWrongValue(Map<String, Object> values, String where) {
        assertThatThrownBy(() -> HelmChart.render(NS, values)).hasMessageContaining("schema").hasMessageContaining(where);
    }
}
