package io.exposureguard.app.admission;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The judging pool /validate and /mutate share, sized to the CPUs, closed with the application. */
public class AdmissionDeadlineProducer {

    @Produces
    @Singleton
    AdmissionDeadline admissionDeadline(AdmissionIntakeConfig config) {
        return new AdmissionDeadline(Math.max(2, Runtime.getRuntime().availableProcessors()), config.maxInFlight());
    }

    void close(@Disposes AdmissionDeadline deadline) {
        deadline.close();
    }
}
