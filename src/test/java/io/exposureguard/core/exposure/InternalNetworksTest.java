package io.exposureguard.core.exposure;

import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.testing.Manifests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ExposurePolicy allowedSourceCidrs: an entry limited to networks the policy declares internal counts as
 * in-cluster reach, so an open datastore there is low (EG-EXP-003), not high.
 */
class InternalNetworksTest {

    private static final String MONGO = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: db, namespace: crm}
            spec:
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec: {containers: [{name: mongo, image: "mongo:7.0"}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: crm}
            spec: {type: LoadBalancer, selector: {app: db}, ports: [{port: 27017}], loadBalancerSourceRanges: [%s]}
            """;

    @ParameterizedTest(name = "source ranges {0}, internal {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            10.1.0.0/16               | -                         | EG-EXP-001 high
            10.1.0.0/16               | 10.0.0.0/8                | EG-EXP-003 low
            10.1.0.0/16, 192.0.2.0/24 | 10.0.0.0/8                | EG-EXP-001 high
            10.1.0.0/16, 192.0.2.0/24 | 10.0.0.0/8 192.0.2.0/24   | EG-EXP-003 low
            10.0.0.0/7                | 10.0.0.0/8                | EG-EXP-001 high
            fd00:1::/64               | fd00::/8                  | EG-EXP-003 low
            10.1.0.0/16               | not-a-cidr                | EG-EXP-001 high
            """)
    void sourcesInsideTheInternalNetworksCountAsInside(String ranges, String internal, String expected) {
        List<String> cidrs = internal.equals("-") ? List.of() : Arrays.asList(internal.split(" "));
        var engine = ExposureEngine.standard();
        var objects = Manifests.objects(MONGO.formatted(ranges));

        var findings = engine.evaluate(engine.inventory(objects), new InternalNetworks(cidrs)).findings();

        assertThat(findings).extracting(Manifests::verdict).containsExactly(expected);
    }
}
