package io.exposureguard.operator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** /q/health/ready: informers synced and a first audit done. /q/health/live: the audit loop is scheduled. */
@ApplicationScoped
public class HealthChecks {

    @Produces
    @Readiness
    HealthCheck auditReady(AuditService audit) {
        return () -> HealthCheckResponse.named("exposure-audit").status(audit.ready()).build();
    }

    @Produces
    @Liveness
    HealthCheck auditAlive(AuditService audit) {
        return () -> HealthCheckResponse.named("exposure-audit-loop").status(audit.alive()).build();
    }
}
