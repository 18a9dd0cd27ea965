package io.exposureguard.core.policy;

/**
 * Something wrong in an ExposurePolicy or ExposureException, naming the field. A {@code fatal} problem
 * means the object is ignored (a policy falls back to the secure default, an exception does not apply);
 * otherwise the rest of the object still applies.
 */
public record PolicyProblem(String field, String message, boolean fatal) {

    public String display() {
        return field + ": " + message;
    }
}
