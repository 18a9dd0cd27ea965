package io.exposureguard.alerting;

import io.exposureguard.app.metrics.ExposureMetrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meter registry can outlive the operator's metrics (Quarkus restarts the application in one JVM in tests,
 * and Micrometer's global registry is static). Micrometer hands back an existing gauge when a new one is registered
 * under the same name, so a gauge left behind would keep reading the dead instance's values.
 */
class ExposureMetricsLifecycleTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void closedMetricsLeaveNoGaugesBehind() {
        ExposureMetrics metrics = new ExposureMetrics(registry);
        metrics.leader(true);

        metrics.close();

        assertThat(registry.find("exposureguard.leader").gauge()).isNull();
        assertThat(registry.find("exposureguard.audit.last.success.seconds").gauge()).isNull();
    }

    @Test
    void aNewInstanceOnTheSameRegistryReportsItsOwnValuesAfterTheOldOneClosed() {
        ExposureMetrics first = new ExposureMetrics(registry);
        first.leader(true);
        first.auditCompleted(Duration.ofMillis(5), Instant.ofEpochSecond(1_000));
        first.close();

        ExposureMetrics second = new ExposureMetrics(registry);
        second.leader(false);
        second.auditCompleted(Duration.ofMillis(5), Instant.ofEpochSecond(2_000));

        assertThat(registry.get("exposureguard.leader").gauge().value()).isZero();
        assertThat(registry.get("exposureguard.audit.last.success.seconds").gauge().value()).isEqualTo(2_000);
    }
}
