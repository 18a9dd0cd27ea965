package io.exposureguard.core.exposure;

import io.exposureguard.core.inventory.EntryObject;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.Optional;

/**
 * Gateway API ReferenceGrants: a route may send to a Service of another namespace only when a ReferenceGrant in that
 * namespace names the route's kind and namespace under {@code from} and the Service (or every Service) under {@code to}.
 */
final class ReferenceGrants {

    private ReferenceGrants() {
    }

    static Optional<EntryObject> admitting(Inventory inventory, EntryObject route, ObjectRef service) {
        for (EntryObject grant : inventory.entryObjects(GatewayApiKinds.REFERENCE_GRANT)) {
            if (grant.namespace().equals(service.namespace()) && from(grant.spec(), route) && to(grant.spec(), service)) {
                return Optional.of(grant);
            }
        }
        return Optional.empty();
    }

    private static boolean from(Tree spec, EntryObject route) {
        return spec.maps("from").stream().anyMatch(f -> GatewayApiKinds.GROUP.equals(f.string("group").orElse(""))
                && route.ref().kind().equals(f.string("kind").orElse(""))
                && route.namespace().equals(f.string("namespace").orElse("")));
    }

    private static boolean to(Tree spec, ObjectRef service) {
        return spec.maps("to").stream().anyMatch(t -> t.string("group").orElse("").isEmpty()
                && "Service".equals(t.string("kind").orElse(""))
                && t.string("name").map(service.name()::equals).orElse(true));
    }
}
