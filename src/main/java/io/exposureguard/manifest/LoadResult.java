package io.exposureguard.manifest;

import java.util.List;

/** Everything read from the inputs: objects, unreadable documents, and how many files were read. */
public record LoadResult(List<LoadedObject> objects, List<LoadError> errors, int files) {

    public LoadResult {
        objects = List.copyOf(objects);
        errors = List.copyOf(errors);
    }
}
