package io.exposureguard.app.audit;

import io.exposureguard.app.tls.WebhookTlsManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** /q/health/ready: informers synced, a first audit done, and the webhook serving a real certificate. /q/health/live: the audit loop is scheduled. */
@ApplicationScoped
public class HealthChecks {

    @Produces
    @Readiness
    HealthCheck auditReady(AuditService audit) {
        return () -> HealthCheckResponse.named("exposure-audit").status(audit.ready()).build();
    }

    @Produces
    @Readiness
    HealthCheck webhookTlsReady(WebhookTlsManager tls) {
        return () -> HealthCheckResponse.named("webhook-tls").status(tls.ready()).withData("status", tls.status()).build();
    }

    @Produces
    @Liveness
    HealthCheck auditAlive(AuditService audit) {
        return () -> HealthCheckResponse.named("exposure-audit-loop").status(audit.alive()).build();
    }
}
