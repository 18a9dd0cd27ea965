package io.exposureguard.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Replaces the application's clock in every {@code @QuarkusTest} with one {@link ControllableClock}. */
@ApplicationScoped
public class ControllableClockProducer {

    private final ControllableClock clock = new ControllableClock();

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    ControllableClock clock() {
        return clock;
    }
}
