package io.exposureguard.core.probe;

import io.exposureguard.edge.probe.TestProbeTargets;

import io.exposureguard.core.probe.ProbeTargetPolicy.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which addresses the production policy lets the probe send to, whatever a policy's allowedTargetCidrs say. */
class ProbeTargetPolicyTest {

    private static final ProbeTargetPolicy PRODUCTION = ProbeTargetPolicy.production();
    /** A policy that allows every address: what is refused below is refused whatever a policy says. */
    private static final List<List<String>> ANYTHING = List.of(List.of("0.0.0.0/0", "::/0"));
    private static final Set<String> API_SERVER = Set.of("10.96.0.1", "172.18.0.2");

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1                | CLUSTER_IP     | 127.0.0.1 is a loopback address
            127.5.5.5                | EXTERNAL_IP    | 127.5.5.5 is a loopback address
            ::1                      | EXTERNAL_IP    | ::1 is a loopback address
            [::1]                    | EXTERNAL_IP    | ::1 is a loopback address
            ::ffff:127.0.0.1         | EXTERNAL_IP    | 127.0.0.1 is a loopback address
            169.254.169.254          | EXTERNAL_IP    | 169.254.169.254 is a link-local address (cloud metadata services answer there)
            169.254.169.254          | LOAD_BALANCER  | 169.254.169.254 is a link-local address (cloud metadata services answer there)
            fe80::1                  | EXTERNAL_IP    | fe80::1 is a link-local address (cloud metadata services answer there)
            0.0.0.0                  | EXTERNAL_IP    | 0.0.0.0 is a "this host" address
            fd00:ec2::254            | EXTERNAL_IP    | fd00:ec2::254 is a cloud metadata address
            100.100.100.200          | EXTERNAL_IP    | 100.100.100.200 is a cloud metadata address
            10.96.0.1                | EXTERNAL_IP    | 10.96.0.1 is an address of the Kubernetes API server
            10.96.0.1                | CLUSTER_IP     | 10.96.0.1 is an address of the Kubernetes API server
            172.18.0.2               | LOAD_BALANCER  | 172.18.0.2 is an address of the Kubernetes API server
            metadata.google.internal | LOAD_BALANCER  | metadata.google.internal (load-balancer address) is not an IP address: names are not probed, since they may resolve anywhere once checked
            search.shop.svc          | SERVICE_NAME   | search.shop.svc (name of a Service without a cluster IP) is not an IP address: names are not probed, since they may resolve anywhere once checked
            127.1                    | EXTERNAL_IP    | 127.1 (externalIPs entry) is not an IP address: names are not probed, since they may resolve anywhere once checked
            2130706433               | EXTERNAL_IP    | 2130706433 (externalIPs entry) is not an IP address: names are not probed, since they may resolve anywhere once checked
            0177.0.0.1               | EXTERNAL_IP    | 0177.0.0.1 (externalIPs entry) is not an IP address: names are not probed, since they may resolve anywhere once checked
            fe80::1%eth0             | EXTERNAL_IP    | fe80::1%eth0 (externalIPs entry) is not an IP address: names are not probed, since they may resolve anywhere once checked
            """)
    void theProductionPolicyRefusesWhateverThePolicyAllows(String host, Source source, String reason) {
        assertThat(PRODUCTION.refusal(host, source, ANYTHING, API_SERVER)).contains(reason);
    }

    @Test
    void aClusterIpIsAllowedWithoutAnyRange() {
        assertThat(PRODUCTION.refusal("10.96.5.5", Source.CLUSTER_IP, List.of(List.of()), API_SERVER)).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} with {2}")
    @CsvSource(delimiter = '|', textBlock = """
            192.0.2.10   | EXTERNAL_IP   |                               | 192.0.2.10 (externalIPs entry) is outside spec.probe.allowedTargetCidrs (none set: only cluster IPs are probed)
            203.0.113.7  | LOAD_BALANCER |                               | 203.0.113.7 (load-balancer address) is outside spec.probe.allowedTargetCidrs (none set: only cluster IPs are probed)
            192.0.2.10   | EXTERNAL_IP   | 203.0.113.0/24                | 192.0.2.10 (externalIPs entry) is outside spec.probe.allowedTargetCidrs [203.0.113.0/24]
            203.0.113.7  | EXTERNAL_IP   | 203.0.113.0/24                |
            203.0.113.7  | LOAD_BALANCER | 203.0.113.0/24                |
            203.0.113.7  | EXTERNAL_IP   | not-a-cidr                    | 203.0.113.7 (externalIPs entry) is outside spec.probe.allowedTargetCidrs [not-a-cidr]
            2001:db8::7  | EXTERNAL_IP   | 2001:db8::/32                 |
            """)
    void anAddressOtherThanAClusterIpMustLieInsideTheAllowedRanges(String host, Source source, String cidr, String reason) {
        List<String> allowed = cidr == null ? List.of() : List.of(cidr);

        assertThat(PRODUCTION.refusal(host, source, List.of(allowed), API_SERVER)).isEqualTo(Optional.ofNullable(reason));
    }

    @Test
    void everyPolicyThatAsksForTheProbeMustAllowTheAddress() {
        List<List<String>> twoPolicies = List.of(List.of("203.0.113.0/24"), List.of("198.51.100.0/24"));

        assertThat(PRODUCTION.refusal("203.0.113.7", Source.EXTERNAL_IP, twoPolicies, Set.of()))
                .contains("203.0.113.7 (externalIPs entry) is outside spec.probe.allowedTargetCidrs [198.51.100.0/24]");
    }

    @Test
    void anAllowedAddressIsProbedInTheCanonicalFormThatWasChecked() {
        assertThat(ProbeTargetPolicy.canonical("2001:DB8:0:0::7")).contains("2001:db8::7");
        assertThat(ProbeTargetPolicy.canonical("::ffff:203.0.113.7")).contains("203.0.113.7");
        assertThat(ProbeTargetPolicy.canonical("search.shop.svc")).isEmpty();
    }

    @Test
    void theTestSeamOnlyDropsLoopback() {
        ProbeTargetPolicy tests = TestProbeTargets.loopbackAllowed();

        assertThat(tests.refusal("127.0.0.1", Source.CLUSTER_IP, ANYTHING, Set.of())).isEmpty();
        assertThat(tests.refusal("169.254.169.254", Source.EXTERNAL_IP, ANYTHING, Set.of())).isPresent();
        assertThat(PRODUCTION.refused()).extracting(ProbeTargetPolicy.Refused::cidr).contains("127.0.0.0/8", "::1/128");
    }
}
