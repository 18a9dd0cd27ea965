package io.exposureguard.core.kinds;

import io.exposureguard.core.inventory.InvalidFieldException;
import io.exposureguard.core.model.ObjectRef;

/** For kinds whose fields differ between versions: an object of a version not read here is an input problem. */
final class ServedVersions {

    private ServedVersions() {
    }

    /** @throws InvalidFieldException naming the apiVersion and the versions that are read */
    static void require(DatastoreResourceKind kind, ObjectRef ref) {
        if (!kind.versions().contains(ref.version())) {
            throw new InvalidFieldException("apiVersion: " + ref.apiVersion() + " is not a version of " + kind.kind()
                    + " that exposure-guard reads (" + String.join(", ", kind.versions()) + ")");
        }
    }
}
