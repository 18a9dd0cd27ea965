package io.exposureguard.kube;

import io.exposureguard.app.audit.AuditService;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two replicas: exactly one writes; when it goes away, the other takes over within the lease duration. */
@QuarkusTest
@WithKubernetesTestServer
class LeaderElectionTest {

    @Inject
    KubernetesClient client;

    @Test
    void exactlyOneReplicaLeadsAndTheOtherTakesOverWhenItStops() {
        String leaseNamespace = "eg-test-election";
        AuditService a = new AuditService(client, new TestOperatorConfig(true, leaseNamespace), new SimpleMeterRegistry());
        AuditService b = new AuditService(client, new TestOperatorConfig(true, leaseNamespace), new SimpleMeterRegistry());
        try {
            a.start();
            b.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> Stream.of(a, b).filter(AuditService::leader).count() == 1);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(20))
                    .until(() -> Stream.of(a, b).filter(AuditService::leader).count() <= 1);

            await().atMost(Duration.ofSeconds(20)).until(() -> Stream.of(a, b).filter(AuditService::leader).count() == 1);
            AuditService leader = a.leader() ? a : b;
            AuditService follower = leader == a ? b : a;
            leader.stop();

            await().atMost(Duration.ofSeconds(20)).until(follower::leader);
            assertThat(client.leases().inNamespace(leaseNamespace).withName(Leadership.LEASE).get()).isNotNull();
        } finally {
            List.of(a, b).forEach(AuditService::stop);
        }
    }
}
