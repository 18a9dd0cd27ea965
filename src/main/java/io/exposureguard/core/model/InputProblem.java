package io.exposureguard.core.model;

/**
 * An object the engine could not interpret (a field of the wrong type, say). The object is left out of
 * the analysis and the problem is reported; every other object is still evaluated.
 */
public record InputProblem(ObjectRef object, String message) {
}
