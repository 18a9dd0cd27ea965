package io.exposureguard.core.report;

import io.exposureguard.core.policy.StatusCondition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the reports went, as every ExposurePolicy's {@code Reported} condition says it. */
class ReportDeliveryTest {

    record Case(String name, ReportDelivery delivery, String status, String reason, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("before the first audit: unknown", ReportDelivery.NOT_YET, "Unknown", "NotYetWritten",
                        "No audit has written reports yet"),
                new Case("every chosen API written", new ReportDelivery(List.of(ReportApi.OPENREPORTS, ReportApi.WGPOLICY), Map.of()),
                        "True", "Written", "Findings are written as openreports.io/v1alpha1 Report and wgpolicyk8s.io/v1alpha2 PolicyReport"),
                new Case("one of two written", new ReportDelivery(List.of(ReportApi.WGPOLICY), Map.of(ReportApi.OPENREPORTS, "no CRD")),
                        "False", "PartlyWritten", "Findings are written as wgpolicyk8s.io/v1alpha2 PolicyReport; not all are:"
                        + " openreports.io/v1alpha1: no CRD. Events and metrics still carry every finding"),
                new Case("none written", new ReportDelivery(List.of(), Map.of(ReportApi.OPENREPORTS, "no CRD")),
                        "False", "NoReportApi", "No reports are written: openreports.io/v1alpha1: no CRD. Events and metrics still carry every finding"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theReportedConditionSaysWhereTheReportsWent(Case c) {
        assertThat(c.delivery().condition()).isEqualTo(new StatusCondition("Reported", c.status(), c.reason(), c.message()));
    }
}
