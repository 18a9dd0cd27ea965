package io.exposureguard.kube;

import io.exposureguard.core.model.ObjectRef;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/** Kubernetes Events exposure-guard writes: deterministic names (a repeat updates, never piles up), bounded messages. */
public final class Events {

    private static final int MAX_MESSAGE = 1000;

    private Events() {
    }

    public static Event event(ObjectRef involved, String name, String type, String reason, String message, String rule, Instant now) {
        return new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(involved.namespace())
                .addToLabels("app.kubernetes.io/managed-by", "exposure-guard")
                .addToLabels("exposureguard.io/rule", rule).endMetadata()
                .withNewInvolvedObject().withKind(involved.kind()).withNamespace(involved.namespace())
                .withName(involved.name()).withApiVersion(involved.apiVersion()).endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message)
                .withNewSource().withComponent("exposure-guard").endSource()
                .withReportingComponent("exposure-guard")
                .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString()).withCount(1)
                .build();
    }

    /** "<object>.<tag>-<12 hex of key>", within the 253-character name limit. */
    public static String name(String objectName, String tag, String key) {
        String object = objectName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        if (object.length() > 200) {
            object = object.substring(0, 200);
        }
        return object + "." + tag + "-" + hash(key);
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
