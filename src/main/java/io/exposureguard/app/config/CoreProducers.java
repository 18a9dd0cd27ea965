package io.exposureguard.app.config;

import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.policy.Assessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The application's one assessor (every door judges with it: the audit, both webhooks; it keeps no per-call state and
 * remembers policy validations, so one instance serves all) and its one clock (tests substitute a controllable one).
 */
@ApplicationScoped
public class CoreProducers {

    @Produces
    @Singleton
    Assessor assessor() {
        return new Assessor(ExposureEngine.standard());
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
