package io.exposureguard.cli.manifest;

/** A document (or whole file) that could not be read, with a one-line reason; or, as a warning, what is odd about one that was. */
public record LoadError(Source source, String message) {

    public String display() {
        return source.display() + ": " + message;
    }
}
