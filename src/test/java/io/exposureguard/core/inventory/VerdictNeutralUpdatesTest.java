package io.exposureguard.core.inventory;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which updates cannot change a verdict, so they trigger no audit: those that leave what the engine reads alone. */
class VerdictNeutralUpdatesTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final VerdictNeutralUpdates UPDATES = new VerdictNeutralUpdates(new LeanObjects(LeanObjects.Limits.DEFAULT));

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: db, namespace: shop, resourceVersion: "%s", labels: {app: %s}}
            spec: {containers: [{name: redis, image: "redis:7.2", ports: [{containerPort: 6379}]}]}
            status: {phase: %s, podIP: 10.0.0.9}
            """;
    private static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: shop, resourceVersion: "%s", labels: {app: %s}}
            spec: {type: LoadBalancer, selector: {app: db}, ports: [{port: 6379}]}
            status: {loadBalancer: {ingress: [{ip: "%s"}]}}
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a Pod's status only                    | POD     | 1 | db | Pending | 2 | db  | Running     | true
            a Pod's label                          | POD     | 1 | db | Running | 2 | web | Running     | false
            a resync of the same Pod               | POD     | 1 | db | Running | 1 | db  | Running     | true
            a Service's load balancer address      | SERVICE | 1 | db | 1.2.3.4 | 2 | db  | 5.6.7.8     | false
            a Service's resourceVersion only       | SERVICE | 1 | db | 1.2.3.4 | 2 | db  | 1.2.3.4     | true
            """)
    void anUpdateIsNeutralOnlyWhenWhatTheEngineReadsIsUnchanged(String what, String kind, String v1, String label1, String state1,
                                                               String v2, String label2, String state2, boolean neutral) {
        String template = kind.equals("POD") ? POD : SERVICE;
        HasMetadata before = YAML.unmarshal(template.formatted(v1, label1, state1));
        HasMetadata after = YAML.unmarshal(template.formatted(v2, label2, state2));

        assertThat(UPDATES.neutral(before, after)).as(what).isEqualTo(neutral);
        assertThat(YAML.asJson(after)).as("the object is not changed").contains(state2);
    }
}
