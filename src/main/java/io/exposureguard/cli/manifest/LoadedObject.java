package io.exposureguard.cli.manifest;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** A Kubernetes object read from a manifest, with where it came from. */
public record LoadedObject(HasMetadata object, Source source) {
}
