package io.exposureguard.kube;

import io.exposureguard.core.audit.FindingsDiff;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.FindingText;
import io.exposureguard.core.policy.Decision;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;

import java.time.Instant;

/**
 * Warning events ({@code DatastoreExposed}) on the offending object, one per finding. The event name is
 * derived from the finding's key, so a restart or a resync updates the same event instead of adding
 * another; a cleared finding's event is deleted.
 */
public final class EventPublisher {

    static final String REASON = "DatastoreExposed";

    private final KubernetesClient client;

    public EventPublisher(KubernetesClient client) {
        this.client = client;
    }

    public void publish(FindingsDiff diff, Instant now) {
        for (Decision d : diff.raised()) {
            Event e = event(d, now);
            client.v1().events().inNamespace(e.getMetadata().getNamespace()).resource(e).createOr(NonDeletingOperation::update);
        }
        for (Decision d : diff.cleared()) {
            client.v1().events().inNamespace(d.finding().resource().namespace()).withName(name(d)).delete();
        }
    }

    static Event event(Decision d, Instant now) {
        Finding f = d.finding();
        String message = f.rule().id() + " " + f.severity().label() + " (" + d.action().label() + "): " + FindingText.explained(f);
        return Events.event(f.resource(), name(d), "Warning", REASON, message, f.rule().id(), now);
    }

    /** "<object>.eg-<12 hex of the finding key>", within the 253-character name limit. */
    static String name(Decision d) {
        return Events.name(d.finding().resource().name(), "eg", FindingsDiff.key(d));
    }
}
