package io.exposureguard.operator;

import io.exposureguard.alerting.FindingsDiff;
import io.exposureguard.model.Finding;
import io.exposureguard.policy.Decision;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Warning events ({@code DatastoreExposed}) on the offending object, one per finding. The event name is
 * derived from the finding's key, so a restart or a resync updates the same event instead of adding
 * another; a cleared finding's event is deleted.
 */
final class EventPublisher {

    static final String REASON = "DatastoreExposed";
    private static final int MAX_MESSAGE = 1000;

    private final KubernetesClient client;

    EventPublisher(KubernetesClient client) {
        this.client = client;
    }

    void publish(FindingsDiff diff, Instant now) {
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
        String message = f.rule().id() + " " + f.severity().label() + " (" + d.action().label() + "): " + f.message()
                + ". Path: " + f.pathText() + ". Fix: " + f.remediation();
        return new EventBuilder()
                .withNewMetadata().withName(name(d)).withNamespace(f.resource().namespace())
                .addToLabels("app.kubernetes.io/managed-by", "exposure-guard")
                .addToLabels("exposureguard.io/rule", f.rule().id()).endMetadata()
                .withNewInvolvedObject().withKind(f.resource().kind()).withNamespace(f.resource().namespace())
                .withName(f.resource().name()).withApiVersion(CustomResourceKinds.apiVersion(f.resource().kind())).endInvolvedObject()
                .withType("Warning")
                .withReason(REASON)
                .withMessage(message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message)
                .withNewSource().withComponent("exposure-guard").endSource()
                .withReportingComponent("exposure-guard")
                .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString()).withCount(1)
                .build();
    }

    /** "<object>.eg-<12 hex of the finding key>", within the 253-character name limit. */
    static String name(Decision d) {
        String object = d.finding().resource().name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        if (object.length() > 200) {
            object = object.substring(0, 200);
        }
        return object + ".eg-" + hash(FindingsDiff.key(d));
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
