package io.exposureguard.core.admission;

import io.exposureguard.core.api.v1.ExposureException;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.exposureguard.core.policy.PolicyDecider;
import io.exposureguard.core.policy.PolicyProblem;
import io.exposureguard.core.policy.PolicyValidator;
import io.exposureguard.core.inventory.FieldErrors;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What is wrong with an ExposurePolicy or ExposureException as written, before it is stored: the problems that make
 * the operator ignore it (or part of it) refuse it, with the words the audit and {@code scan} use for the same
 * problem. An exception is refused too when it names an unknown rule (it would exempt nothing), when it lives in a
 * namespace where exceptions count for no policy, and, when created, when it has already expired. An ExposurePolicy's
 * ignorable problems (an unknown rule) are warnings. Pure: the policies in the cluster and the time come in.
 */
public final class PolicyObjectReview {

    /** Refusals deny; warnings are sent back with an allowed answer. Each is "field: problem". */
    public record Result(List<String> refusals, List<String> warnings) {
        public Result {
            refusals = List.copyOf(refusals);
            warnings = List.copyOf(warnings);
        }

        public boolean allowed() {
            return refusals.isEmpty();
        }

        /** The admission verdict for the object so named ("ExposureException exposure-guard/partner"). */
        public AdmissionVerdict verdict(String object) {
            List<String> sent = warnings.stream().map(w -> AdmissionWarning.fit("exposure-guard: " + object + ": " + w)).toList();
            return allowed() ? new AdmissionVerdict(true, "valid", sent, AdmissionVerdict.Basis.JUDGED)
                    : new AdmissionVerdict(false, "exposure-guard refused " + object + ": " + String.join(" | ", refusals), sent,
                    AdmissionVerdict.Basis.JUDGED);
        }
    }

    private static final String GROUP = "exposureguard.io/";

    private final PolicyValidator validator;

    public PolicyObjectReview(PolicyValidator validator) {
        this.validator = validator;
    }

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    /** Whether this object is one this review judges: an ExposurePolicy or ExposureException, typed or not. */
    public static boolean judges(HasMetadata object) {
        return object instanceof ExposurePolicy || object instanceof ExposureException
                || object != null && object.getApiVersion() != null && object.getApiVersion().startsWith(GROUP)
                && ("ExposurePolicy".equals(object.getKind()) || "ExposureException".equals(object.getKind()));
    }

    /** The same review of an object as it arrived (its fields not yet read): a field that cannot be read is refused. */
    public Result reviewArrived(HasMetadata arrived, boolean creating, List<ExposurePolicy> policies, String operatorNamespace,
                                Instant now) {
        Class<? extends HasMetadata> type = "ExposurePolicy".equals(arrived.getKind()) ? ExposurePolicy.class : ExposureException.class;
        HasMetadata typed;
        try {
            typed = type.isInstance(arrived) ? arrived : JSON.convertValue(arrived, type);
        } catch (IllegalArgumentException e) {
            return new Result(List.of(FieldErrors.describe(e, JSON.convertValue(arrived, java.util.Map.class))), List.of());
        }
        if (typed.getMetadata() != null && typed.getMetadata().getNamespace() == null && arrived.getMetadata() != null) {
            typed.getMetadata().setNamespace(arrived.getMetadata().getNamespace());
        }
        return review(typed, creating, policies, operatorNamespace, now);
    }

    /**
     * @param creating  a CREATE (an expiry in the past is refused then; an UPDATE of an expired exception is allowed,
     *                  with a warning, so it can be renewed)
     * @param policies  the ExposurePolicies in the cluster (where exceptions count)
     */
    public Result review(HasMetadata object, boolean creating, List<ExposurePolicy> policies, String operatorNamespace, Instant now) {
        List<String> refusals = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (object instanceof ExposurePolicy p) {
            for (PolicyProblem problem : validator.validate(p)) {
                (problem.fatal() ? refusals : warnings).add(problem.display());
            }
        } else if (object instanceof ExposureException e) {
            validator.validate(e).forEach(problem -> refusals.add(problem.display()));
            PolicyValidator.expiry(e).filter(at -> !at.isAfter(now)).ifPresent(at -> (creating ? refusals : warnings)
                    .add("spec.expiresAt: " + PolicyDecider.expired(e.getSpec().getExpiresAt()) + ", so the exception exempts nothing"));
            List<ExposurePolicy> valid = policies.stream()
                    .filter(p -> validator.validate(p).stream().noneMatch(PolicyProblem::fatal)).toList();
            Set<String> homes = PolicyDecider.exceptionHomes(valid, operatorNamespace);
            String namespace = e.getMetadata() == null ? null : e.getMetadata().getNamespace();
            if (namespace != null && !homes.contains(namespace)) {
                refusals.add("metadata.namespace: " + PolicyDecider.outsideHomes(homes, namespace));
            }
        }
        return new Result(refusals, warnings);
    }
}
