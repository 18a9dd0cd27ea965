package io.exposureguard.core.inventory;

/** A field the engine reads has the wrong type; the message names the field path and both types. */
public class InvalidFieldException extends RuntimeException {
    public InvalidFieldException(String message) {
        super(message);
    }
}
