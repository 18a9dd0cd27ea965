package io.exposureguard.core.datastore;

import java.util.Optional;
import java.util.Set;

/**
 * Labels a workload's controller adds to every pod it creates, which its pod template does not carry, so a Service
 * selector naming them still matches those pods. A StatefulSet's pods get {@code statefulset.kubernetes.io/pod-name}
 * ({@code <name>-<ordinal>}), {@code apps.kubernetes.io/pod-index} ({@code <ordinal>}) and
 * {@code controller-revision-hash}; a Deployment's, {@code pod-template-hash}; a DaemonSet's,
 * {@code controller-revision-hash} and {@code pod-template-generation}. Hash and generation values cannot be known
 * from a manifest: any value matches (a selector naming one reaches the pods of that revision, which may be the
 * running one). Ordinals are {@code start .. start+replicas-1} when replicas is given, any ordinal when it is not.
 *
 * @param anyValue the labels the controller sets to a value not known from the manifest
 * @param ordinals the StatefulSet's pod names and ordinals, when the controller is a StatefulSet
 */
public record ControllerLabels(Set<String> anyValue, Optional<Ordinals> ordinals) {

    public static final String POD_NAME = "statefulset.kubernetes.io/pod-name";
    public static final String POD_INDEX = "apps.kubernetes.io/pod-index";
    public static final String REVISION_HASH = "controller-revision-hash";
    public static final String TEMPLATE_HASH = "pod-template-hash";
    public static final String TEMPLATE_GENERATION = "pod-template-generation";

    /** Every label some controller sets: a selector of only these cannot be narrowed by the pod template's labels. */
    public static final Set<String> KEYS = Set.of(POD_NAME, POD_INDEX, REVISION_HASH, TEMPLATE_HASH, TEMPLATE_GENERATION);

    /** Pods with only the labels they are written with (a bare Pod, a Job's pods, a custom resource's). */
    public static final ControllerLabels NONE = new ControllerLabels(Set.of(), Optional.empty());

    public ControllerLabels {
        anyValue = Set.copyOf(anyValue);
    }

    /** @param replicas null when not given (the pods' count is then unknown: any ordinal) */
    public static ControllerLabels statefulSet(String name, Integer replicas, int start) {
        return new ControllerLabels(Set.of(REVISION_HASH), Optional.of(new Ordinals(name, start, replicas)));
    }

    public static ControllerLabels deployment() {
        return new ControllerLabels(Set.of(TEMPLATE_HASH), Optional.empty());
    }

    public static ControllerLabels daemonSet() {
        return new ControllerLabels(Set.of(REVISION_HASH, TEMPLATE_GENERATION), Optional.empty());
    }

    /** Whether the controller sets this label (its value in the pod template, if any, is overwritten). */
    public boolean sets(String key) {
        return anyValue.contains(key) || (ordinals.isPresent() && (key.equals(POD_NAME) || key.equals(POD_INDEX)));
    }

    /** Whether some pod of the controller carries {@code key: value}; only asked for keys it {@link #sets}. */
    public boolean allows(String key, String value) {
        if (anyValue.contains(key)) {
            return value != null && !value.isEmpty();
        }
        Ordinals o = ordinals.orElseThrow();
        if (key.equals(POD_INDEX)) {
            return o.allows(value);
        }
        String prefix = o.name() + "-";
        return value.startsWith(prefix) && o.allows(value.substring(prefix.length()));
    }

    /** A StatefulSet's pods: {@code <name>-<ordinal>} for ordinals from {@code start}, {@code replicas} of them when known. */
    public record Ordinals(String name, int start, Integer replicas) {

        /** Whether the text is the decimal form of one of the ordinals (no sign, no leading zero, as the controller writes it). */
        boolean allows(String text) {
            if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)
                    || (text.length() > 1 && text.charAt(0) == '0')) {
                return false;
            }
            int ordinal = Integer.parseInt(text);
            return ordinal >= start && (replicas == null || ordinal < (long) start + replicas);
        }
    }
}
