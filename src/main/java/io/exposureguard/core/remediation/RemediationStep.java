package io.exposureguard.core.remediation;

import io.exposureguard.core.fix.ObjectFixer;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.policy.Decision;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.util.List;

/** One thing remediation does (or explains it cannot do) about the fix-mode findings of one object. */
public sealed interface RemediationStep {

    /** The object the step is about: where its event goes. */
    ObjectRef target();

    List<Decision> decisions();

    /** Patch the object that owns the setting: the change {@link ObjectFixer} computed, verified to close every fix finding. */
    record Patch(ObjectRef target, HasMetadata current, ObjectFixer.Outcome outcome, List<Decision> decisions) implements RemediationStep {
    }

    /** Create or update a quarantine NetworkPolicy for a datastore whose exposure has no safe patch. */
    record Quarantine(ObjectRef target, NetworkPolicy policy, Cause cause, List<Decision> decisions) implements RemediationStep {

        /** Why a quarantine rather than a patch, as events and the NetworkPolicy's reason annotation say it. */
        public String why() {
            return cause.why(target);
        }
    }

    /** Why remediation quarantines instead of patching. */
    enum Cause {
        /** Our earlier patch was undone (another controller owns the setting). */
        REVERTED,
        /** The governing policy prefers quarantine. */
        PREFERRED,
        /** No patch of the object closes every fix finding. */
        NO_SAFE_PATCH;

        public String why(ObjectRef target) {
            return switch (this) {
                case REVERTED -> "another controller reverted the patch";
                case PREFERRED -> "policy prefers quarantine";
                case NO_SAFE_PATCH -> "no safe patch of " + target.display() + " closes the exposure";
            };
        }
    }

    /** Delete a quarantine NetworkPolicy whose exposure is gone (fixed, excepted, or no longer fix mode). */
    record Lift(ObjectRef target, NetworkPolicy policy, List<Decision> decisions) implements RemediationStep {
    }

    /** The object opted out with {@code exposureguard.io/remediation: disabled}: reported as a finding of its own. */
    record OptedOut(ObjectRef target, List<Decision> decisions) implements RemediationStep {
    }

    /** Nothing safe can be done automatically; the reason says what a human must change. */
    record NotPossible(ObjectRef target, String reason, List<Decision> decisions) implements RemediationStep {
    }

    /** Our earlier patch is not yet in the cache: wait for the next audit rather than patch again. */
    record Pending(ObjectRef target, List<Decision> decisions) implements RemediationStep {
    }
}
