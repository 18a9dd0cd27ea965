package io.exposureguard.core.audit;

import io.exposureguard.core.probe.ApiServerAddresses;
import io.exposureguard.core.probe.ProbeTargetPolicy;

import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.exposureguard.core.policy.Assessor;
import io.exposureguard.core.policy.ClusterState;
import io.exposureguard.testing.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What the production planner lets the probe send to, and what it refuses (visibly), for a tenant's Services. */
class ProbePlannerTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final ApiServerAddresses API_SERVER = ApiServerAddresses.known(Set.of("172.18.0.2"));

    /** A tenant's exposed Elasticsearch whose Services point the probe wherever the tenant likes. */
    private static final String TENANT = """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: Service
                metadata: {name: kubernetes, namespace: default}
                spec: {clusterIP: 10.96.0.1, ports: [{port: 443}]}
              - apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: search, namespace: tenant}
                spec:
                  serviceName: search
                  selector: {matchLabels: {app: search}}
                  template:
                    metadata: {labels: {app: search}}
                    spec:
                      containers:
                        - name: elasticsearch
                          image: "docker.elastic.co/elasticsearch/elasticsearch:8.15.0"
                          env: [{name: xpack.security.enabled, value: "false"}]
                          ports: [{containerPort: 9200, name: http}]
              - apiVersion: v1
                kind: Service
                metadata: {name: search, namespace: tenant}
                spec:
                  type: LoadBalancer
                  clusterIP: 10.96.5.5
                  selector: {app: search}
                  ports: [{port: 9200}]
                  externalIPs: [127.0.0.1, 169.254.169.254, 10.96.0.1, 172.18.0.2, 192.0.2.10, 203.0.113.7, 10.96.8.8]
                status: {loadBalancer: {ingress: [{ip: 198.51.100.4}, {hostname: lb.example.com}]}}
              - apiVersion: v1
                kind: Service
                metadata: {name: search-elsewhere, namespace: tenant}
                spec: {type: ExternalName, externalName: metadata.google.internal, selector: {app: search}, ports: [{port: 9200}]}
              - apiVersion: v1
                kind: Service
                metadata: {name: search-headless, namespace: tenant}
                spec: {clusterIP: None, selector: {app: search}, ports: [{port: 9200}]}
              - apiVersion: v1
                kind: Service
                metadata: {name: billing, namespace: other-tenant}
                spec: {clusterIP: 10.96.8.8, ports: [{port: 9200}]}
            """;

    private static List<ProbePlanner.Planned> plan(ProbePlanner planner, List<String> policies, ApiServerAddresses apiServer) {
        KubernetesSerialization json = new KubernetesSerialization();
        List<HasMetadata> objects = Manifests.objects(TENANT);
        List<ExposurePolicy> parsed = policies.stream().map(p -> json.unmarshal(p, ExposurePolicy.class)).toList();
        Assessor.Assessment a = new Assessor(ExposureEngine.standard()).assess(objects, parsed, List.of(), "exposure-guard", Map.of(), NOW);
        return planner.plan(a.inventory(), a.outcome().reported(), new ClusterState(objects, parsed, List.of(), Map.of()), apiServer);
    }

    private static String policy(String name, String probe) {
        return """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: %s}
                spec: {probe: %s}
                """.formatted(name, probe);
    }

    private static Map<String, String> byHost(List<ProbePlanner.Planned> planned) {
        return planned.stream().collect(Collectors.toMap(p -> p.target().host(), ProbePlanner.Planned::refused, (a, b) -> a, java.util.TreeMap::new));
    }

    @Test
    void theProductionPlannerProbesTheClusterIpAndRefusesEveryAddressATenantCanPointAnywhere() {
        List<ProbePlanner.Planned> planned = plan(new ProbePlanner(ProbeTargetPolicy.production()),
                List.of(policy("probe", "{mode: All, external: true, allowedTargetCidrs: [203.0.113.0/24, 10.96.0.0/12]}")), API_SERVER);

        assertThat(byHost(planned)).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("10.96.5.5", ""),
                Map.entry("203.0.113.7", ""),
                Map.entry("127.0.0.1", "127.0.0.1 is a loopback address"),
                Map.entry("169.254.169.254", "169.254.169.254 is a link-local address (cloud metadata services answer there)"),
                Map.entry("10.96.0.1", "10.96.0.1 is an address of the Kubernetes API server"),
                Map.entry("172.18.0.2", "172.18.0.2 is an address of the Kubernetes API server"),
                Map.entry("192.0.2.10", "192.0.2.10 (externalIPs entry) is outside spec.probe.allowedTargetCidrs [203.0.113.0/24, 10.96.0.0/12]"),
                Map.entry("10.96.8.8", "10.96.8.8 (externalIPs entry) is an address of Service other-tenant/billing, not of this one:"
                        + " its answer would be that Service's"),
                Map.entry("198.51.100.4", "198.51.100.4 (load-balancer address) is outside spec.probe.allowedTargetCidrs [203.0.113.0/24, 10.96.0.0/12]"),
                Map.entry("lb.example.com", "lb.example.com (load-balancer address) is not an IP address: names are not probed, since they may"
                        + " resolve anywhere once checked"),
                Map.entry("search-elsewhere.tenant.svc", "Service tenant/search-elsewhere is an ExternalName Service (pointing at"
                        + " metadata.google.internal), whose target is any name its author writes: not probed"),
                Map.entry("search-headless.tenant.svc", "search-headless.tenant.svc (name of a Service without a cluster IP) is not an IP"
                        + " address: names are not probed, since they may resolve anywhere once checked")));
    }

    @Test
    void withoutAllowedRangesOnlyTheClusterIpIsProbed() {
        List<ProbePlanner.Planned> planned = plan(new ProbePlanner(ProbeTargetPolicy.production()),
                List.of(policy("probe", "{mode: All, external: true}")), API_SERVER);

        assertThat(planned).filteredOn(p -> !p.isRefused()).extracting(p -> p.target().endpoint()).containsExactly("10.96.5.5:9200");
    }

    @Test
    void nothingIsProbedWhileTheApiServersAddressesCannotBeRead() {
        List<ProbePlanner.Planned> planned = plan(new ProbePlanner(ProbeTargetPolicy.production()),
                List.of(policy("probe", "{mode: All}")), ApiServerAddresses.unreadable("EndpointSlice default/kubernetes: HTTP 403"));

        assertThat(planned).isNotEmpty().allMatch(ProbePlanner.Planned::isRefused);
        assertThat(planned).filteredOn(p -> p.target().host().equals("10.96.5.5")).singleElement()
                .satisfies(p -> assertThat(p.refused()).isEqualTo("the Kubernetes API server's addresses could not be read"
                        + " (EndpointSlice default/kubernetes: HTTP 403), so no target can be checked against them: nothing is probed"));
    }

    @Test
    void credentialAnswersAreTrustedOnlyWhenEveryPolicyThatAsksForTheProbeOptsIn() {
        ProbePlanner planner = new ProbePlanner(ProbeTargetPolicy.production());

        assertThat(plan(planner, List.of(policy("probe", "{mode: All}")), API_SERVER))
                .allSatisfy(p -> assertThat(p.trustCredentialAnswers()).isFalse());
        assertThat(plan(planner, List.of(policy("probe", "{mode: All, trustCredentialAnswers: true}")), API_SERVER))
                .allSatisfy(p -> assertThat(p.trustCredentialAnswers()).isTrue());
        assertThat(plan(planner, List.of(policy("a", "{mode: All, trustCredentialAnswers: true}"), policy("b", "{mode: All}")), API_SERVER))
                .allSatisfy(p -> assertThat(p.trustCredentialAnswers()).isFalse());
    }
}
