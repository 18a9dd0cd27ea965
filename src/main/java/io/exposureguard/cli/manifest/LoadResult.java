package io.exposureguard.cli.manifest;

import java.util.List;

/**
 * Everything read from the inputs: objects, unreadable documents, warnings about documents that were read
 * (a duplicate key, say), notes about what a folder walk left out on purpose (hidden folders, files that hold no
 * Kubernetes object), and how many files were read.
 */
public record LoadResult(List<LoadedObject> objects, List<LoadError> errors, List<LoadError> warnings, List<LoadError> notes, int files) {

    public LoadResult {
        objects = List.copyOf(objects);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
    }

    public LoadResult(List<LoadedObject> objects, List<LoadError> errors, List<LoadError> warnings, int files) {
        this(objects, errors, warnings, List.of(), files);
    }

    public LoadResult(List<LoadedObject> objects, List<LoadError> errors, int files) {
        this(objects, errors, List.of(), files);
    }
}
