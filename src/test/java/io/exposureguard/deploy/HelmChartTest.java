package io.exposureguard.deploy;

import com.marcnuri.helm.LintResult;
import io.exposureguard.deploy.HelmChart.Rendered;
import io.exposureguard.app.config.OperatorConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.WithName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * The Helm chart, linted and rendered by real Helm (helm-java) with the default values and with every option
 * combination that changes what it renders; the rendered YAML is read back as Fabric8 objects and checked for
 * what the operator and the cluster need. The webhook settings themselves are held to the shipped
 * configurations by WebhookConfigurationTest and MatchConditionsTest, which run on the chart too; whether the
 * RBAC rules allow exactly what the operator does is RbacCoverageTest's job.
 */
class HelmChartTest {

    private static final String NS = "exposure-guard";
    private static final Path VALUES = HelmChart.DIR.resolve("values.yaml");
    private static final Path SCHEMA = HelmChart.DIR.resolve("values.schema.json");
    private static final Path ALERT_RULES = HelmChart.DIR.resolve("files/alert-rules.yaml");
    private static final Path DASHBOARD = HelmChart.DIR.resolve("files/grafana-dashboard.json");
    private static final Path HELM_DOC = Path.of("docs", "helm.md");
    private static final Path SHIPPED_WEBHOOKS = Path.of("deploy", "webhook", "webhook-configurations.yaml");
    private static final Path SHIPPED_POLICY = Path.of("deploy", "policies", "exposure-policy.yaml");
    private static final List<String> STANDARD_LABELS = List.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
            "app.kubernetes.io/version", "app.kubernetes.io/component", "app.kubernetes.io/managed-by",
            "app.kubernetes.io/part-of", "helm.sh/chart");
    private static final Set<String> TLS_ENV = Set.of("QUARKUS_PROFILE", "EXPOSURE_GUARD_WEBHOOK_TLS_MODE",
            "EXPOSURE_GUARD_WEBHOOK_TLS_DIR", "EXPOSURE_GUARD_WEBHOOK_TLS_SECRET", "EXPOSURE_GUARD_WEBHOOK_TLS_SERVICE",
            "EXPOSURE_GUARD_WEBHOOK_TLS_CONFIGURATION");
    private static final Map<String, Rendered> RENDERED = new ConcurrentHashMap<>();

    /** A set of values that changes what the chart renders, rendered once per test class. */
    record Combination(String name, String namespace, Map<String, Object> values) {
        Rendered render() {
            return RENDERED.computeIfAbsent(name, n -> HelmChart.render(namespace, values));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final Combination DEFAULTS = new Combination("defaults (self-managed TLS)", NS, Map.of());
    static final Combination CERT_MANAGER = new Combination("cert-manager TLS", NS, Map.of("webhook.tls.mode", "cert-manager"));
    static final Combination CERT_MANAGER_ISSUER = new Combination("cert-manager TLS with a ClusterIssuer", NS, Map.of(
            "webhook.tls.mode", "cert-manager", "webhook.tls.certManager.issuerRef.name", "internal-ca",
            "webhook.tls.certManager.issuerRef.kind", "ClusterIssuer"));
    static final Combination WEBHOOKS_OFF = new Combination("webhooks off", NS, Map.of("webhook.enabled", false));
    static final Combination WEBHOOKS_AND_REMEDIATION_OFF = new Combination("webhooks and remediation off", NS, Map.of(
            "webhook.enabled", false, "operator.remediation.enabled", false));
    static final Combination MONITORING_ON = new Combination("monitoring on", NS, Map.of(
            "metrics.serviceMonitor.enabled", true, "metrics.prometheusRule.enabled", true,
            "grafanaDashboard.enabled", true, "alerts.operatorTeam", "sre-oncall"));
    static final Combination POD_MONITOR = new Combination("PodMonitor instead of ServiceMonitor", NS, Map.of(
            "metrics.podMonitor.enabled", true, "metrics.prometheusRule.enabled", true));
    static final Combination READ_SECRETS = new Combination("operator.readSecrets on", NS, Map.of("operator.readSecrets", true));
    static final Combination OTHER_NAMESPACE = new Combination("release namespace security-tools", "security-tools", Map.of(
            "webhook.excludedNamespaces", List.of("legacy", "kube-system"), "webhook.failurePolicy", "Fail",
            "webhook.timeoutSeconds", 10));
    static final Combination SINGLE_REPLICA = new Combination("one replica, no leader election", NS, Map.of(
            "replicaCount", 1, "operator.leaderElection.enabled", false));

    static Stream<Combination> combinations() {
        return Stream.of(DEFAULTS, CERT_MANAGER, CERT_MANAGER_ISSUER, WEBHOOKS_OFF, WEBHOOKS_AND_REMEDIATION_OFF, MONITORING_ON, POD_MONITOR, READ_SECRETS,
                OTHER_NAMESPACE, SINGLE_REPLICA);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static Container operator(Rendered r) {
        return r.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static PodSpec pod(Rendered r) {
        return r.one(Deployment.class).getSpec().getTemplate().getSpec();
    }

    private static Map<String, String> env(Rendered r) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : operator(r).getEnv()) {
            env.put(e.getName(), e.getValueFrom() != null ? "fieldRef:" + e.getValueFrom().getFieldRef().getFieldPath() : e.getValue());
        }
        return env;
    }

    private static Map<String, Integer> ports(Rendered r) {
        return operator(r).getPorts().stream().collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
    }

    private static List<PolicyRule> rules(Rendered r) {
        List<PolicyRule> rules = new ArrayList<>(r.one(ClusterRole.class).getRules());
        r.all(Role.class).forEach(role -> rules.addAll(role.getRules()));
        return rules;
    }

    private static boolean grants(List<PolicyRule> rules, String group, String resource) {
        return rules.stream().anyMatch(rule -> rule.getApiGroups().contains(group) && rule.getResources().contains(resource));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource o) {
        return (Map<String, Object>) o.getAdditionalProperties().get("spec");
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }

    /** Every alert of a rules document by name. */
    private static Map<String, Map<String, Object>> alerts(Map<String, Object> rules) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        list(rules.get("groups")).forEach(g -> list(g.get("rules")).forEach(rule -> out.put((String) rule.get("alert"), rule)));
        return out;
    }

    /** Leaf keys of values.yaml, dotted (a map with entries is not a leaf; an empty map or any list is). */
    @SuppressWarnings("unchecked")
    private static List<String> leafKeys(Map<String, Object> tree, String prefix) {
        List<String> keys = new ArrayList<>();
        tree.forEach((k, v) -> {
            String key = prefix.isEmpty() ? k : prefix + "." + k;
            if (v instanceof Map<?, ?> m && !m.isEmpty()) {
                keys.addAll(leafKeys((Map<String, Object>) m, key));
            } else {
                keys.add(key);
            }
        });
        return keys;
    }

    /** exposure-guard.* settings the operator reads ({@code @ConfigMapping} methods, groups followed). */
    private static Set<String> operatorSettings(Class<?> mapping, String prefix) {
        Set<String> out = new TreeSet<>();
        for (Method m : mapping.getDeclaredMethods()) {
            if (m.isDefault() || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            WithName name = m.getAnnotation(WithName.class);
            String key = prefix + "." + (name != null ? name.value() : m.getName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT));
            if (m.getReturnType().isInterface() && m.getReturnType().getPackageName().startsWith("io.exposureguard")) {
                out.addAll(operatorSettings(m.getReturnType(), key));
            } else {
                out.add(key);
            }
        }
        return out;
    }

    private static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    // ---- lint and render ---------------------------------------------------------------------------------------

    @Test
    void helmLintPassesInStrictModeWithoutWarnings() {
        LintResult result = HelmChart.lint();

        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @ParameterizedTest(name = "Kubernetes {0}")
    @ValueSource(strings = {"1.28.0", "v1.30.2-eks-1552ad0", "v1.31.1+k3s1", "1.33.0"})
    void theChartRendersOnEveryKubernetesFromItsOldestSupportedOneIncludingVendorBuilds(String kubeVersion) {
        assertThat(HelmChart.render(NS, Map.of(), kubeVersion).one(ValidatingWebhookConfiguration.class).getWebhooks())
                .filteredOn(w -> w.getName().equals("validate.exposureguard.io"))
                .singleElement().satisfies(w -> assertThat(w.getMatchConditions()).isNotEmpty());
    }

    @ParameterizedTest(name = "Kubernetes {0}")
    @ValueSource(strings = {"1.27.9", "v1.27.16-eks-a737599", "1.25.0"})
    void helmRefusesAKubernetesOlderThanTheChartSupports(String kubeVersion) {
        assertThatThrownBy(() -> HelmChart.render(NS, Map.of(), kubeVersion))
                .hasMessageContaining("chart requires kubeVersion: >=1.28.0-0 which is incompatible with Kubernetes");
    }

    @Test
    void theTestsRenderForTheOldestKubernetesTheChartSupports() throws IOException {
        assertThat(yaml(HelmChart.DIR.resolve("Chart.yaml")).get("kubeVersion")).isEqualTo(">=" + HelmChart.KUBE_VERSION + "-0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void everyOptionCombinationRendersAndEveryObjectCarriesTheStandardLabels(Combination combination) {
        Rendered rendered = combination.render();

        assertThat(rendered.objects()).isNotEmpty().allSatisfy(o -> assertThat(o.getMetadata().getLabels())
                .as(o.getKind() + " " + o.getMetadata().getName())
                .containsKeys(STANDARD_LABELS.toArray(String[]::new))
                .containsEntry("app.kubernetes.io/instance", HelmChart.RELEASE)
                .containsEntry("app.kubernetes.io/managed-by", "Helm")
                .containsEntry("app.kubernetes.io/part-of", "exposure-guard"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void namespacedObjectsLandInTheReleaseNamespace(Combination combination) {
        Rendered rendered = combination.render();
        Set<String> clusterScoped = Set.of("CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "ValidatingWebhookConfiguration",
                "MutatingWebhookConfiguration", "ExposurePolicy");

        assertThat(rendered.objects()).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).as(o.getKind())
                .isEqualTo(clusterScoped.contains(o.getKind()) ? null : combination.namespace()));
    }

    // ---- the operator Deployment ---------------------------------------------------------------------------------

    @Test
    void twoReplicasRunWithLeaderElectionSoOnlyOneWrites() {
        Rendered r = DEFAULTS.render();

        assertThat(r.one(Deployment.class).getSpec().getReplicas()).isEqualTo(2);
        assertThat(env(r)).containsEntry("EXPOSURE_GUARD_LEADER_ELECTION_ENABLED", "true");
        assertThat(env(SINGLE_REPLICA.render())).containsEntry("EXPOSURE_GUARD_LEADER_ELECTION_ENABLED", "false");
    }

    @Test
    void aDisruptionBudgetKeepsOneReplicaUpAndIsLeftOutForASingleReplica() {
        Rendered r = DEFAULTS.render();
        PodDisruptionBudget pdb = r.one(PodDisruptionBudget.class);

        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(r.one(Deployment.class).getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        assertThat(SINGLE_REPLICA.render().all(PodDisruptionBudget.class)).isEmpty();
    }

    @Test
    void replicasPreferDifferentNodes() {
        Rendered r = DEFAULTS.render();
        List<WeightedPodAffinityTerm> preferred = pod(r).getAffinity().getPodAntiAffinity()
                .getPreferredDuringSchedulingIgnoredDuringExecution();

        assertThat(preferred).singleElement().satisfies(term -> {
            assertThat(term.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(r.one(Deployment.class).getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(term.getPodAffinityTerm().getLabelSelector().getMatchLabels());
        });
        assertThat(pod(r).getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()).isNullOrEmpty();
    }

    @Test
    void theContainerRunsAsNonRootOnAReadOnlyRootFilesystemWithNoCapabilities() {
        Rendered r = DEFAULTS.render();
        var container = operator(r).getSecurityContext();
        var podContext = pod(r).getSecurityContext();

        assertThat(container.getRunAsNonRoot()).isTrue();
        assertThat(container.getRunAsUser()).isEqualTo(10001L);
        assertThat(container.getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(container.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(podContext.getRunAsNonRoot()).isTrue();
        assertThat(podContext.getRunAsUser()).isEqualTo(10001L);
        assertThat(podContext.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    }

    @Test
    void tmpIsAWritableEmptyDirBecauseTheRootFilesystemIsReadOnly() {
        Rendered r = DEFAULTS.render();

        assertThat(operator(r).getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/tmp");
            assertThat(m.getReadOnly()).isNotEqualTo(Boolean.TRUE);
            assertThat(pod(r).getVolumes()).anySatisfy(v -> {
                assertThat(v.getName()).isEqualTo(m.getName());
                assertThat(v.getEmptyDir()).isNotNull();
            });
        });
    }

    @Test
    void cpuAndMemoryAreRequestedAndLimited() {
        var resources = operator(DEFAULTS.render()).getResources();

        assertThat(resources.getRequests()).containsKeys("cpu", "memory");
        assertThat(resources.getLimits()).containsKeys("cpu", "memory");
    }

    @Test
    void theHeapIsAShareOfTheMemoryLimitAndAnOutOfMemoryErrorEndsTheProcessInTheChartAndInTheImage() throws IOException {
        assertThat(env(DEFAULTS.render()).get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError");
        String dockerfile = Files.readString(Path.of("src", "main", "docker", "Dockerfile.jvm"));
        String entrypoint = dockerfile.lines().filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
        // on the java command line too, so an image run with its own JAVA_TOOL_OPTIONS still exits on OOM
        assertThat(entrypoint).contains("\"-XX:+ExitOnOutOfMemoryError\"");
        assertThat(dockerfile).containsPattern("ENV JAVA_TOOL_OPTIONS=\"[^\"]*-XX:MaxRAMPercentage=");
    }

    @Test
    void probesUseTheHealthEndpointsOnTheManagementPortApartFromTheWebhooks() {
        Rendered r = DEFAULTS.render();
        Container c = operator(r);
        Function<Probe, String> target = p -> p.getHttpGet().getPath() + " on " + p.getHttpGet().getPort().getStrVal();

        assertThat(ports(r)).containsOnly(Map.entry("management", 9000), Map.entry("https", 8443));
        assertThat(target.apply(c.getLivenessProbe())).isEqualTo("/q/health/live on management");
        assertThat(target.apply(c.getReadinessProbe())).isEqualTo("/q/health/ready on management");
        assertThat(target.apply(c.getStartupProbe())).isEqualTo("/q/health/live on management");
    }

    @Test
    void theNetworkPolicyAdmitsOnlyTheWebhookAndManagementPortsAndTheManagementPortOnlyFromMonitoring() {
        NetworkPolicy policy = DEFAULTS.render().one(NetworkPolicy.class);

        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "exposure-guard");
        assertThat(policy.getSpec().getIngress()).extracting(rule -> rule.getPorts().get(0).getPort().getStrVal())
                .containsExactly("https", "management");
        assertThat(policy.getSpec().getIngress().get(0).getFrom()).as("webhook port: any source until networkPolicy.webhookFrom is set").isEmpty();
        assertThat(policy.getSpec().getIngress().get(1).getFrom()).singleElement()
                .satisfies(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
                        .containsExactly(Map.entry("kubernetes.io/metadata.name", "monitoring")));
    }

    @Test
    void theWebhookPortCanBeLimitedToTheApiServersAddresses() {
        NetworkPolicy policy = HelmChart.render(NS, Map.of("networkPolicy.webhookFrom",
                List.of(Map.of("ipBlock", Map.of("cidr", "172.20.0.0/28"))))).one(NetworkPolicy.class);

        assertThat(policy.getSpec().getIngress().get(0).getFrom()).singleElement()
                .satisfies(peer -> assertThat(peer.getIpBlock().getCidr()).isEqualTo("172.20.0.0/28"));
    }

    @Test
    void theNetworkPolicyCanBeLeftOutAndHasNoWebhookRuleWithoutWebhooks() {
        assertThat(HelmChart.render(NS, Map.of("networkPolicy.enabled", false)).all(NetworkPolicy.class)).isEmpty();
        assertThat(WEBHOOKS_OFF.render().one(NetworkPolicy.class).getSpec().getIngress())
                .extracting(rule -> rule.getPorts().get(0).getPort().getStrVal()).containsExactly("management");
    }

    @Test
    void clientAuthenticationMountsTheApiServersClientCaAndTurnsOnTheClientAuthProfile() {
        Rendered r = HelmChart.render(NS, Map.of("webhook.clientAuth.enabled", true, "webhook.clientAuth.caConfigMap", "apiserver-client-ca"));

        assertThat(env(r)).containsEntry("QUARKUS_PROFILE", "prod,webhook-tls,webhook-client-auth")
                .containsEntry("EXPOSURE_GUARD_WEBHOOK_TLS_CLIENT_CA", "/etc/exposure-guard/webhook-client-ca/ca.crt");
        assertThat(pod(r).getVolumes()).filteredOn(v -> v.getConfigMap() != null).singleElement()
                .satisfies(v -> assertThat(v.getConfigMap().getName()).isEqualTo("apiserver-client-ca"));
        assertThat(operator(r).getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/exposure-guard/webhook-client-ca"));
        assertThat(env(DEFAULTS.render())).containsEntry("QUARKUS_PROFILE", "prod,webhook-tls")
                .doesNotContainKey("EXPOSURE_GUARD_WEBHOOK_TLS_CLIENT_CA");
    }

    @Test
    void clientAuthenticationWithoutACaConfigMapIsRefused() {
        assertThatThrownBy(() -> HelmChart.render(NS, Map.of("webhook.clientAuth.enabled", true)))
                .hasMessageContaining("webhook.clientAuth.caConfigMap must name a ConfigMap");
    }

    @Test
    void theOperatorNamespaceIsThePodsOwnNamespace() {
        assertThat(env(OTHER_NAMESPACE.render())).containsEntry("EXPOSURE_GUARD_OPERATOR_NAMESPACE", "fieldRef:metadata.namespace");
    }

    @Test
    void theImageTagDefaultsToTheAppVersionAndEverythingAboutTheImageIsAValue() throws IOException {
        String appVersion = (String) yaml(HelmChart.DIR.resolve("Chart.yaml")).get("appVersion");
        Rendered custom = HelmChart.render(NS, Map.of("image.repository", "registry.example.com/eg", "image.tag", "1.2.3",
                "image.pullPolicy", "Always", "image.pullSecrets", List.of("regcred")));

        assertThat(operator(DEFAULTS.render()).getImage()).isEqualTo("ghcr.io/exposure-guard/exposure-guard:" + appVersion);
        assertThat(operator(custom).getImage()).isEqualTo("registry.example.com/eg:1.2.3");
        assertThat(operator(custom).getImagePullPolicy()).isEqualTo("Always");
        assertThat(pod(custom).getImagePullSecrets()).singleElement().satisfies(s -> assertThat(s.getName()).isEqualTo("regcred"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void everyExposureGuardVariableNamesASettingTheOperatorReads(Combination combination) {
        Set<String> known = operatorSettings(OperatorConfig.class, "exposure-guard").stream().map(HelmChartTest::envName)
                .collect(Collectors.toSet());

        assertThat(env(combination.render()).keySet()).filteredOn(n -> n.startsWith("EXPOSURE_GUARD_"))
                .isNotEmpty().allSatisfy(n -> assertThat(known).as("settings of OperatorConfig").contains(n));
    }

    @Test
    void theDurationsTheChartPassesAreQuarkusDurations() throws IOException {
        Map<String, Object> values = yaml(VALUES);
        @SuppressWarnings("unchecked")
        Map<String, Object> operator = (Map<String, Object>) values.get("operator");
        @SuppressWarnings("unchecked")
        Map<String, Object> election = (Map<String, Object>) operator.get("leaderElection");
        DurationConverter converter = new DurationConverter();

        assertThat(converter.convert((String) operator.get("auditInterval"))).hasMinutes(5);
        assertThat(converter.convert((String) operator.get("debounce"))).hasMillis(500);
        assertThat(converter.convert((String) election.get("leaseDuration"))).hasSeconds(15);
    }

    // ---- webhooks --------------------------------------------------------------------------------------------

    @Test
    void theChartsWebhooksAreTheShippedConfigurationsSettingForSetting() throws IOException {
        List<HasMetadata> shipped;
        try (InputStream in = Files.newInputStream(SHIPPED_WEBHOOKS)) {
            shipped = new KubernetesSerialization().unmarshal(in);
        }
        Rendered r = DEFAULTS.render();

        assertThat(r.one(ValidatingWebhookConfiguration.class).getWebhooks()).isEqualTo(shipped.stream()
                .filter(ValidatingWebhookConfiguration.class::isInstance).map(ValidatingWebhookConfiguration.class::cast)
                .findFirst().orElseThrow().getWebhooks());
        assertThat(r.one(MutatingWebhookConfiguration.class).getWebhooks()).isEqualTo(shipped.stream()
                .filter(MutatingWebhookConfiguration.class::isInstance).map(MutatingWebhookConfiguration.class::cast)
                .findFirst().orElseThrow().getWebhooks());
    }

    @Test
    void theWebhooksCallTheWebhookServiceInTheReleaseNamespaceWhichReachesTheHttpsPort() {
        Rendered r = OTHER_NAMESPACE.render();
        Service service = r.all(Service.class).stream().filter(s -> s.getMetadata().getName().equals("exposure-guard-webhook"))
                .findFirst().orElseThrow();
        var validating = r.one(ValidatingWebhookConfiguration.class).getWebhooks().get(0).getClientConfig().getService();
        var mutating = r.one(MutatingWebhookConfiguration.class).getWebhooks().get(0).getClientConfig().getService();

        assertThat(List.of(validating, mutating)).allSatisfy(s -> {
            assertThat(s.getName()).isEqualTo("exposure-guard-webhook");
            assertThat(s.getNamespace()).isEqualTo("security-tools");
            assertThat(s.getPort()).isEqualTo(443);
        });
        assertThat(validating.getPath()).isEqualTo("/validate");
        assertThat(mutating.getPath()).isEqualTo("/mutate");
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(443);
            assertThat(ports(r)).containsEntry(p.getTargetPort().getStrVal(), 8443);
        });
        assertThat(pod(r).getContainers().get(0).getPorts()).isNotEmpty();
        assertThat(r.one(Deployment.class).getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
    }

    @Test
    void kubeSystemTheReleaseNamespaceAndTheConfiguredOnesAreNeverSentToTheWebhooks() {
        Rendered r = OTHER_NAMESPACE.render();

        assertThat(Stream.concat(
                r.one(ValidatingWebhookConfiguration.class).getWebhooks().stream()
                        .filter(w -> !w.getName().equals("config.exposureguard.io")).map(w -> w.getNamespaceSelector()),
                r.one(MutatingWebhookConfiguration.class).getWebhooks().stream().map(w -> w.getNamespaceSelector())))
                .allSatisfy(selector -> assertThat(selector.getMatchExpressions()).singleElement().satisfies(e -> {
                    assertThat(e.getKey()).isEqualTo("kubernetes.io/metadata.name");
                    assertThat(e.getOperator()).isEqualTo("NotIn");
                    assertThat(e.getValues()).containsExactly("kube-system", "security-tools", "legacy");
                }));
    }

    @Test
    void exposureGuardsOwnKindsAreJudgedInTheReleaseNamespaceTooAndNoUserSelectorAppliesToThem() {
        Rendered r = HelmChart.render(NS, Map.of("webhook.excludedNamespaces", List.of("legacy"),
                "webhook.namespaceSelector", Map.of("matchLabels", Map.of("guard", "on")),
                "webhook.objectSelector", Map.of("matchLabels", Map.of("guard", "on"))));

        assertThat(r.one(ValidatingWebhookConfiguration.class).getWebhooks()).filteredOn(w -> w.getName().equals("config.exposureguard.io"))
                .singleElement().satisfies(w -> {
                    assertThat(w.getClientConfig().getService().getPath()).isEqualTo("/validate");
                    assertThat(w.getRules()).extracting(rule -> rule.getApiGroups() + " " + rule.getResources() + " " + rule.getScope())
                            .containsExactly("[exposureguard.io] [exposurepolicies] Cluster", "[exposureguard.io] [exposureexceptions] Namespaced");
                    assertThat(w.getNamespaceSelector().getMatchLabels()).isNullOrEmpty();
                    assertThat(w.getNamespaceSelector().getMatchExpressions()).singleElement().satisfies(e ->
                            assertThat(e.getValues()).containsExactly("kube-system"));
                    assertThat(w.getObjectSelector()).isNull();
                    assertThat(w.getFailurePolicy()).isEqualTo("Ignore");
                });
    }

    @Test
    void failurePolicyAndTimeoutAreValuesWithIgnoreAndFiveSecondsByDefault() {
        Rendered defaults = DEFAULTS.render();
        Rendered custom = OTHER_NAMESPACE.render();

        assertThat(defaults.one(ValidatingWebhookConfiguration.class).getWebhooks().get(0).getFailurePolicy()).isEqualTo("Ignore");
        assertThat(defaults.one(MutatingWebhookConfiguration.class).getWebhooks().get(0).getTimeoutSeconds()).isEqualTo(5);
        assertThat(custom.one(ValidatingWebhookConfiguration.class).getWebhooks().get(0).getFailurePolicy()).isEqualTo("Fail");
        assertThat(custom.one(MutatingWebhookConfiguration.class).getWebhooks().get(0).getFailurePolicy()).isEqualTo("Fail");
        assertThat(custom.one(ValidatingWebhookConfiguration.class).getWebhooks().get(0).getTimeoutSeconds()).isEqualTo(10);
        assertThat(custom.one(MutatingWebhookConfiguration.class).getWebhooks().get(0).getTimeoutSeconds()).isEqualTo(10);
    }

    static Stream<Arguments> tlsEnvironmentPerMode() {
        return Stream.of(
                Arguments.of(DEFAULTS, Map.of(
                        "QUARKUS_PROFILE", "prod,webhook-tls",
                        "EXPOSURE_GUARD_WEBHOOK_TLS_MODE", "self-managed",
                        "EXPOSURE_GUARD_WEBHOOK_TLS_DIR", "/tmp/exposure-guard/webhook-tls",
                        "EXPOSURE_GUARD_WEBHOOK_TLS_SECRET", "exposure-guard-webhook-tls",
                        "EXPOSURE_GUARD_WEBHOOK_TLS_SERVICE", "exposure-guard-webhook",
                        "EXPOSURE_GUARD_WEBHOOK_TLS_CONFIGURATION", "exposure-guard")),
                Arguments.of(CERT_MANAGER, Map.of(
                        "QUARKUS_PROFILE", "prod,webhook-tls",
                        "EXPOSURE_GUARD_WEBHOOK_TLS_MODE", "cert-manager",
                        "EXPOSURE_GUARD_WEBHOOK_TLS_DIR", "/etc/exposure-guard/webhook-tls")),
                Arguments.of(WEBHOOKS_OFF, Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tlsEnvironmentPerMode")
    void theWebhookTlsEnvironmentFollowsTheMode(Combination combination, Map<String, String> expected) {
        Map<String, String> tlsEnv = env(combination.render()).entrySet().stream().filter(e -> TLS_ENV.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(tlsEnv).isEqualTo(expected);
    }

    @Test
    void selfManagedTlsWritesItsCertificateInsideTheTmpEmptyDirAndNamesTheObjectsTheChartCreates() {
        Rendered r = DEFAULTS.render();
        Map<String, String> env = env(r);

        assertThat(env.get("EXPOSURE_GUARD_WEBHOOK_TLS_DIR")).startsWith("/tmp/");
        assertThat(r.all(Service.class)).extracting(s -> s.getMetadata().getName()).contains(env.get("EXPOSURE_GUARD_WEBHOOK_TLS_SERVICE"));
        assertThat(r.one(ValidatingWebhookConfiguration.class).getMetadata().getName()).isEqualTo(env.get("EXPOSURE_GUARD_WEBHOOK_TLS_CONFIGURATION"));
        assertThat(r.one(MutatingWebhookConfiguration.class).getMetadata().getName()).isEqualTo(env.get("EXPOSURE_GUARD_WEBHOOK_TLS_CONFIGURATION"));
        assertThat(r.one(Role.class).getRules()).anySatisfy(rule -> {
            assertThat(rule.getResources()).containsExactly("secrets");
            assertThat(rule.getResourceNames()).containsExactly(env.get("EXPOSURE_GUARD_WEBHOOK_TLS_SECRET"));
        });
    }

    @Test
    void selfManagedTlsLeavesTheCaBundleToTheOperatorAndNeedsNoCertManager() {
        Rendered r = DEFAULTS.render();

        assertThat(List.of(r.one(ValidatingWebhookConfiguration.class), r.one(MutatingWebhookConfiguration.class)))
                .allSatisfy(c -> assertThat(c.getMetadata().getAnnotations()).isNullOrEmpty());
        assertThat(r.one(ValidatingWebhookConfiguration.class).getWebhooks()).allSatisfy(w -> assertThat(w.getClientConfig().getCaBundle()).isNull());
        assertThat(r.one(MutatingWebhookConfiguration.class).getWebhooks()).allSatisfy(w -> assertThat(w.getClientConfig().getCaBundle()).isNull());
        assertThat(r.ofKind("Certificate")).isEmpty();
        assertThat(r.ofKind("Issuer")).isEmpty();
        assertThat(operator(r).getVolumeMounts()).extracting(VolumeMount::getMountPath).containsExactly("/tmp");
    }

    @Test
    void certManagerIssuesACertificateForTheWebhookServiceMountsItAndInjectsItsCa() {
        Rendered r = CERT_MANAGER.render();
        GenericKubernetesResource certificate = r.ofKind("Certificate").get(0);
        Map<String, Object> spec = spec(certificate);
        String secret = (String) spec.get("secretName");

        assertThat(r.ofKind("Certificate")).hasSize(1);
        assertThat(spec.get("dnsNames")).isEqualTo(List.of("exposure-guard-webhook.exposure-guard.svc",
                "exposure-guard-webhook.exposure-guard.svc.cluster.local"));
        assertThat(r.ofKind("Issuer")).singleElement().satisfies(issuer -> {
            assertThat(spec(issuer)).containsKey("selfSigned");
            assertThat(spec.get("issuerRef")).isEqualTo(Map.of("name", issuer.getMetadata().getName(), "kind", "Issuer",
                    "group", "cert-manager.io"));
        });
        assertThat(operator(r).getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/etc/exposure-guard/webhook-tls");
            assertThat(m.getReadOnly()).isTrue();
            assertThat(pod(r).getVolumes()).anySatisfy(v -> {
                assertThat(v.getName()).isEqualTo(m.getName());
                assertThat(v.getSecret().getSecretName()).isEqualTo(secret);
            });
        });
        assertThat(List.of(r.one(ValidatingWebhookConfiguration.class), r.one(MutatingWebhookConfiguration.class)))
                .allSatisfy(c -> assertThat(c.getMetadata().getAnnotations())
                        .containsExactly(entry("cert-manager.io/inject-ca-from", "exposure-guard/" + certificate.getMetadata().getName())));
    }

    @Test
    void certManagerUsesTheGivenIssuerInsteadOfCreatingOne() {
        Rendered r = CERT_MANAGER_ISSUER.render();

        assertThat(r.ofKind("Issuer")).isEmpty();
        assertThat(spec(r.ofKind("Certificate").get(0)).get("issuerRef"))
                .isEqualTo(Map.of("name", "internal-ca", "kind", "ClusterIssuer", "group", "cert-manager.io"));
    }

    @Test
    void withWebhooksOffNothingOfTheWebhooksIsRenderedAndOnlyTheManagementPortIsOpen() {
        Rendered r = WEBHOOKS_OFF.render();

        assertThat(r.kinds()).doesNotContain("ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "Certificate", "Issuer");
        assertThat(r.all(Service.class)).extracting(s -> s.getMetadata().getName()).containsExactly("exposure-guard-metrics");
        assertThat(ports(r)).containsOnlyKeys("management");
        // Secrets only for remediation's quarantine key (its own test below); nothing of the webhook TLS Secret.
        assertThat(rules(r)).filteredOn(rule -> rule.getResources().contains("secrets"))
                .noneMatch(rule -> rule.getVerbs().contains("update") || rule.getResourceNames().contains("exposure-guard-webhook-tls"));
        assertThat(grants(rules(WEBHOOKS_AND_REMEDIATION_OFF.render()), "", "secrets")).isFalse();
        assertThat(grants(rules(r), "admissionregistration.k8s.io", "validatingwebhookconfigurations")).isFalse();
    }

    @Test
    void remediationReadsOnlyItsQuarantineKeySecretInTheReleaseNamespaceAndCanCreateIt() {
        for (Combination c : List.of(DEFAULTS, WEBHOOKS_OFF)) {
            Rendered r = c.render();
            assertThat(r.one(ClusterRole.class).getRules()).as(c.name()).noneMatch(rule -> rule.getResources().contains("secrets"));
            assertThat(r.one(Role.class).getRules()).as(c.name()).anySatisfy(rule -> {
                assertThat(rule.getResources()).containsExactly("secrets");
                assertThat(rule.getVerbs()).containsExactly("get");
                assertThat(rule.getResourceNames()).containsExactly(io.exposureguard.kube.remediation.QuarantineKeyStore.SECRET);
            }).anySatisfy(rule -> {
                assertThat(rule.getResources()).containsExactly("secrets");
                assertThat(rule.getVerbs()).containsExactly("create");
            });
        }
        assertThat(rules(WEBHOOKS_AND_REMEDIATION_OFF.render())).noneMatch(rule -> rule.getResources().contains("secrets"));
    }

    // ---- RBAC shape (what it allows is RbacCoverageTest's) -------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void noRuleUsesAWildcard(Combination combination) {
        assertThat(rules(combination.render())).allSatisfy(rule -> {
            assertThat(rule.getApiGroups()).doesNotContain("*");
            assertThat(rule.getResources()).doesNotContain("*");
            assertThat(rule.getVerbs()).doesNotContain("*");
        });
    }

    @Test
    void theApiServersEndpointSliceIsReadByNameOnlyWhileTheProbeIsOn() {
        java.util.function.Predicate<io.fabric8.kubernetes.api.model.rbac.PolicyRule> byName = rule ->
                rule.getResources().contains("endpointslices") && rule.getResourceNames() != null && !rule.getResourceNames().isEmpty();
        assertThat(DEFAULTS.render().one(ClusterRole.class).getRules()).filteredOn(byName)
                .singleElement().satisfies(rule -> {
                    assertThat(rule.getApiGroups()).containsExactly("discovery.k8s.io");
                    assertThat(rule.getResources()).containsExactly("endpointslices");
                    assertThat(rule.getVerbs()).containsExactly("get");
                    assertThat(rule.getResourceNames()).containsExactly("kubernetes");
                });
        assertThat(HelmChart.render(NS, Map.of("operator.probe.enabled", false)).one(ClusterRole.class).getRules())
                .noneMatch(byName);
    }

    @Test
    void endpointSlicesAreOnlyListedAndWatchedForSelectorlessServices() {
        assertThat(DEFAULTS.render().one(ClusterRole.class).getRules())
                .filteredOn(rule -> rule.getResources().contains("endpointslices") && (rule.getResourceNames() == null
                        || rule.getResourceNames().isEmpty()))
                .singleElement().satisfies(rule -> assertThat(rule.getVerbs()).containsExactlyInAnyOrder("list", "watch"));
    }

    @Test
    void secretsAreReadClusterWideOnlyWhenTheOperatorIsToldToReadThem() {
        assertThat(DEFAULTS.render().one(ClusterRole.class).getRules()).noneMatch(rule -> rule.getResources().contains("secrets"));
        assertThat(READ_SECRETS.render().one(ClusterRole.class).getRules()).anySatisfy(rule -> {
            assertThat(rule.getResources()).containsExactly("secrets");
            assertThat(rule.getVerbs()).containsExactlyInAnyOrder("list", "watch");
            assertThat(rule.getResourceNames()).isNullOrEmpty();
        });
        assertThat(env(READ_SECRETS.render())).containsEntry("EXPOSURE_GUARD_READ_SECRETS", "true");
    }

    @Test
    void theRoleIsBoundToTheOperatorsServiceAccountInTheReleaseNamespace() {
        Rendered r = OTHER_NAMESPACE.render();
        String account = pod(r).getServiceAccountName();

        assertThat(r.one(io.fabric8.kubernetes.api.model.rbac.RoleBinding.class).getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getName()).isEqualTo(account);
            assertThat(s.getNamespace()).isEqualTo("security-tools");
        });
        assertThat(r.one(io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding.class).getSubjects()).singleElement()
                .satisfies(s -> assertThat(s.getNamespace()).isEqualTo("security-tools"));
        assertThat(r.one(io.fabric8.kubernetes.api.model.ServiceAccount.class).getMetadata().getName()).isEqualTo(account);
    }

    // ---- monitoring ------------------------------------------------------------------------------------------

    @Test
    void monitoringObjectsAreOnlyRenderedWhenAskedFor() {
        assertThat(DEFAULTS.render().kinds()).doesNotContain("ServiceMonitor", "PodMonitor", "PrometheusRule");
        assertThat(DEFAULTS.render().all(ConfigMap.class)).isEmpty();
        assertThat(MONITORING_ON.render().kinds()).contains("ServiceMonitor", "PrometheusRule", "ConfigMap");
    }

    @Test
    void theServiceMonitorScrapesTheMetricsServiceAndKeepsTheMetricsOwnNamespaceLabel() {
        Rendered r = MONITORING_ON.render();
        Map<String, Object> spec = spec(r.ofKind("ServiceMonitor").get(0));
        Service metrics = r.all(Service.class).stream().filter(s -> s.getMetadata().getName().equals("exposure-guard-metrics"))
                .findFirst().orElseThrow();

        assertThat(list(spec.get("endpoints"))).singleElement().satisfies(endpoint -> {
            assertThat(endpoint).containsEntry("honorLabels", true).containsEntry("path", "/q/metrics").containsEntry("port", "management");
            assertThat(metrics.getSpec().getPorts()).anySatisfy(p -> assertThat(p.getName()).isEqualTo("management"));
        });
        @SuppressWarnings("unchecked")
        Map<String, String> selector = (Map<String, String>) ((Map<String, Object>) spec.get("selector")).get("matchLabels");
        assertThat(metrics.getMetadata().getLabels()).containsAllEntriesOf(selector);
        assertThat(r.all(Service.class)).filteredOn(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .containsExactly(metrics);
    }

    @Test
    void thePrometheusRuleCarriesEveryShippedAlertWithTeamAndNamespaceSubstitutedAndPrometheusTemplatesIntact() throws IOException {
        Rendered r = MONITORING_ON.render();
        Map<String, Map<String, Object>> shipped = alerts(yaml(ALERT_RULES));
        Map<String, Map<String, Object>> rendered = alerts(spec(r.ofKind("PrometheusRule").get(0)));

        assertThat(rendered.keySet()).isEqualTo(shipped.keySet());
        assertThat(rendered).allSatisfy((name, alert) -> {
            Map<String, Object> original = shipped.get(name);
            assertThat(alert.get("expr")).as(name).isEqualTo(original.get("expr"));
            assertThat(alert.get("for")).as(name).isEqualTo(original.get("for"));
            assertThat(alert.get("annotations")).as(name).isEqualTo(original.get("annotations"));
            @SuppressWarnings("unchecked")
            Map<String, Object> expectedLabels = original.get("labels") == null ? null : new LinkedHashMap<>((Map<String, Object>) original.get("labels"));
            if (expectedLabels != null) {
                expectedLabels.replace("team", "platform", "sre-oncall");
                expectedLabels.replace("namespace", "exposure-guard", r.namespace());
            }
            assertThat(alert.get("labels")).as(name).isEqualTo(expectedLabels);
        });
        assertThat(rendered.values()).filteredOn(a -> a.get("labels") != null).isNotEmpty()
                .allSatisfy(a -> assertThat(a.get("labels").toString()).contains("team=sre-oncall").doesNotContain("platform"));
        assertThat(r.text()).contains("{{ $labels.namespace }}", "{{ $value | humanizeDuration }}");
    }

    @Test
    void theOperatorAlertsNameTheReleaseNamespace() {
        Rendered r = HelmChart.render("security-tools", Map.of("metrics.prometheusRule.enabled", true));

        assertThat(alerts(spec(r.ofKind("PrometheusRule").get(0))).get("ExposureGuardDown").get("labels").toString())
                .contains("namespace=security-tools", "team=platform");
    }

    @Test
    void theDashboardConfigMapHoldsTheShippedDashboardForTheGrafanaSidecar() throws IOException {
        ConfigMap dashboard = MONITORING_ON.render().one(ConfigMap.class);

        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.getData()).hasSize(1);
        assertThat(dashboard.getData().values().iterator().next().strip()).isEqualTo(Files.readString(DASHBOARD).strip());
    }

    // ---- the default policy -------------------------------------------------------------------------------------

    @Test
    void theDefaultPolicyIsTheShippedSecureDefault() throws IOException {
        GenericKubernetesResource policy = DEFAULTS.render().ofKind("ExposurePolicy").get(0);

        assertThat(policy.getMetadata().getName()).isEqualTo("default");
        assertThat(spec(policy)).isEqualTo(yaml(SHIPPED_POLICY).get("spec"));
    }

    @Test
    void theDefaultPolicyActionsAreValuesAndThePolicyCanBeLeftOut() {
        Rendered tuned = HelmChart.render(NS, Map.of("defaultPolicy.actions.critical", "fix", "defaultPolicy.actions.low", "off",
                "defaultPolicy.rules", List.of()));

        assertThat(spec(tuned.ofKind("ExposurePolicy").get(0)).get("actions"))
                .isEqualTo(Map.of("critical", "fix", "high", "alert", "medium", "alert", "low", "off"));
        assertThat(spec(tuned.ofKind("ExposurePolicy").get(0))).doesNotContainKey("rules");
        assertThat(HelmChart.render(NS, Map.of("defaultPolicy.enabled", false)).ofKind("ExposurePolicy")).isEmpty();
    }

    @Test
    void theDefaultPolicyNamesTheProviderFromItsValue() {
        assertThat(spec(DEFAULTS.render().ofKind("ExposurePolicy").get(0))).containsEntry("provider", "auto");
        assertThat(spec(HelmChart.render(NS, Map.of("defaultPolicy.provider", "aws")).ofKind("ExposurePolicy").get(0)))
                .containsEntry("provider", "aws");
    }

    // ---- values, schema, docs, CRDs -------------------------------------------------------------------------------

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                Arguments.of(Named.of("an unknown top-level key", Map.of("replicas", 3)), "additional properties 'replicas' not allowed"),
                Arguments.of(Named.of("an unknown nested key", Map.of("webhook.tls.mod", "cert-manager")), "additional properties 'mod' not allowed"),
                Arguments.of(Named.of("an unknown TLS mode", Map.of("webhook.tls.mode", "letsencrypt")), "/webhook/tls/mode"),
                Arguments.of(Named.of("an unknown failure policy", Map.of("webhook.failurePolicy", "Deny")), "/webhook/failurePolicy"),
                Arguments.of(Named.of("an unknown policy action", Map.of("defaultPolicy.actions.critical", "block")), "/defaultPolicy/actions/critical"),
                Arguments.of(Named.of("an unknown cloud provider", Map.of("defaultPolicy.provider", "digitalocean")), "/defaultPolicy/provider"),
                Arguments.of(Named.of("a timeout the API server refuses", Map.of("webhook.timeoutSeconds", 31)), "/webhook/timeoutSeconds"),
                Arguments.of(Named.of("a NetworkPolicy peer of an unknown shape", Map.of("networkPolicy.webhookFrom",
                        List.of(Map.of("cidr", "10.0.0.0/8")))), "/networkPolicy/webhookFrom/0"),
                Arguments.of(Named.of("a duration Quarkus cannot read", Map.of("operator.auditInterval", "5 minutes")), "/operator/auditInterval"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidValues")
    void helmRefusesToRenderWithInvalidValues(Map<String, Object> values, String message) {
        assertThatThrownBy(() -> HelmChart.render(NS, values)).hasMessageContaining("schema").hasMessageContaining(message);
    }

    @Test
    void theSchemaIsStrictAtEveryLevelOfTheChartsOwnValues() throws IOException {
        Map<String, Object> schema = new com.fasterxml.jackson.databind.ObjectMapper().readValue(SCHEMA.toFile(), Map.class);

        assertThat(lenientObjects(schema)).isEmpty();
    }

    @Test
    void theStrictnessCheckFollowsReferencesToSharedDefinitions() {
        Map<String, Object> schema = Map.of("additionalProperties", false,
                "properties", Map.of("a", Map.of("$ref", "#/definitions/loose")),
                "definitions", Map.of("loose", Map.of("type", "object", "properties", Map.of("x", Map.of("type", "string")))));

        assertThat(lenientObjects(schema)).containsExactly("/a");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everySharedSchemaDefinitionIsReferenced() throws IOException {
        Map<String, Object> schema = new com.fasterxml.jackson.databind.ObjectMapper().readValue(SCHEMA.toFile(), Map.class);
        String text = Files.readString(SCHEMA);

        assertThat(((Map<String, Object>) schema.get("definitions")).keySet()).isNotEmpty()
                .allSatisfy(name -> assertThat(text).contains("\"$ref\": \"#/definitions/" + name + "\""));
    }

    /** Paths of the object schemas with declared properties that still accept undeclared ones ($refs followed). */
    private static List<String> lenientObjects(Map<String, Object> schema) {
        List<String> lenient = new ArrayList<>();
        walkSchema(schema, schema, "", lenient);
        return lenient;
    }

    @SuppressWarnings("unchecked")
    private static void walkSchema(Map<String, Object> root, Map<String, Object> node, String path, List<String> lenient) {
        node = resolved(root, node);
        if (node.get("properties") instanceof Map<?, ?> properties) {
            if (!Boolean.FALSE.equals(node.get("additionalProperties"))) {
                lenient.add(path.isEmpty() ? "(root)" : path);
            }
            ((Map<String, Object>) properties).forEach((k, v) -> walkSchema(root, (Map<String, Object>) v, path + "/" + k, lenient));
        }
        if (node.get("items") instanceof Map<?, ?> items) {
            walkSchema(root, (Map<String, Object>) items, path + "[]", lenient);
        }
    }

    /** The schema a node stands for: the definition its local {@code $ref} ("#/definitions/x") points at, or itself. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> resolved(Map<String, Object> root, Map<String, Object> node) {
        if (!(node.get("$ref") instanceof String ref)) {
            return node;
        }
        assertThat(ref).as("only local references").startsWith("#/");
        Object target = root;
        for (String part : ref.substring(2).split("/")) {
            target = ((Map<String, Object>) target).get(part);
            assertThat(target).as("%s resolves", ref).isNotNull();
        }
        return resolved(root, (Map<String, Object>) target);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyValueIsDeclaredInTheSchema() throws IOException {
        Map<String, Object> schema = new com.fasterxml.jackson.databind.ObjectMapper().readValue(SCHEMA.toFile(), Map.class);

        assertThat(leafKeys(yaml(VALUES), "")).allSatisfy(key -> {
            Map<String, Object> node = schema;
            for (String part : key.split("\\.")) {
                node = (Map<String, Object>) ((Map<?, ?>) resolved(schema, node).get("properties")).get(part);
                assertThat(node).as(key).isNotNull();
            }
        });
    }

    @Test
    void everyValueIsExplainedByACommentInValuesYaml() throws IOException {
        List<String> lines = Files.readAllLines(VALUES);

        assertThat(leafKeys(yaml(VALUES), "")).allSatisfy(key -> assertThat(commented(lines, key)).as(key).isTrue());
    }

    /** True when the key's line, or the line of one of its parents, follows a comment line. */
    private static boolean commented(List<String> lines, String key) {
        int from = 0;
        int indent = -1;
        boolean commented = false;
        for (String part : key.split("\\.")) {
            int found = -1;
            for (int i = from; i < lines.size(); i++) {
                String line = lines.get(i);
                int lineIndent = line.length() - line.stripLeading().length();
                if (line.stripLeading().startsWith(part + ":") && lineIndent > indent) {
                    found = i;
                    indent = lineIndent;
                    break;
                }
            }
            if (found < 0) {
                return false;
            }
            commented |= found > 0 && lines.get(found - 1).stripLeading().startsWith("#");
            from = found + 1;
        }
        return commented;
    }

    @Test
    void docsHelmMdHasARowForEveryValue() throws IOException {
        String doc = Files.readString(HELM_DOC);
        Set<String> rows = doc.lines().filter(l -> l.startsWith("| `")).map(l -> l.substring(3, l.indexOf('`', 3)))
                .collect(Collectors.toSet());

        assertThat(rows).containsAll(leafKeys(yaml(VALUES), ""));
        assertThat(doc).contains("helm install exposure-guard deploy/helm/exposure-guard -n exposure-guard --create-namespace");
    }

    @Test
    void theChartCarriesByteIdenticalCopiesOfTheRepositoryCrds() throws IOException {
        Path repository = Path.of("crds");
        Path chart = HelmChart.DIR.resolve("files/crds");
        List<String> expected;
        try (Stream<Path> files = Files.list(repository)) {
            expected = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml")).sorted().toList();
        }
        List<String> copied;
        try (Stream<Path> files = Files.list(chart)) {
            copied = files.map(p -> p.getFileName().toString()).sorted().toList();
        }

        assertThat(copied).isEqualTo(expected).isNotEmpty();
        assertThat(copied).allSatisfy(name -> assertThat(Arrays.equals(Files.readAllBytes(chart.resolve(name)),
                Files.readAllBytes(repository.resolve(name)))).as(name + " differs from crds/" + name + ": run make crds").isTrue());
    }

    @Test
    void theNotesTellTheUserWhatToCheckAfterInstalling() throws IOException {
        String notes = Files.readString(HelmChart.DIR.resolve("templates/NOTES.txt"));

        assertThat(notes).contains("get pods", "kubectl get xpol", "--field-selector reason=DatastoreExposed",
                "reports.openreports.io{{ end }} -A", "policyreports", "/q/metrics");
    }
}
