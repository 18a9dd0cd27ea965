package io.exposureguard.core.exposure;

import io.exposureguard.core.inventory.EntryObject;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gateway API ReferenceGrants of one input: a route may send to a Service of another namespace only when a
 * ReferenceGrant in that namespace names the route's kind and namespace under {@code from} and the Service (or every
 * Service) under {@code to}. Read once, by namespace; a grant that cannot be read is its own input problem.
 */
final class ReferenceGrants {

    /** One {@code from} entry: a route kind in a namespace. */
    private record From(String group, String kind, String namespace) {
    }

    /** One {@code to} entry: a kind, and a name (empty: every object of the kind). */
    private record To(String group, String kind, Optional<String> name) {
    }

    private record Grant(EntryObject object, List<From> from, List<To> to) {
    }

    private final Map<String, List<Grant>> byNamespace = new HashMap<>();

    ReferenceGrants(Inventory inventory, EntryModule.Context context) {
        for (EntryObject g : inventory.entryObjects(GatewayApiKinds.REFERENCE_GRANT)) {
            context.read(g.ref(), () -> {
                List<From> from = g.spec().maps("from").stream().map(f -> new From(f.string("group").orElse(""),
                        f.string("kind").orElse(""), f.string("namespace").orElse(""))).toList();
                List<To> to = g.spec().maps("to").stream().map(t -> new To(t.string("group").orElse(""),
                        t.string("kind").orElse(""), t.string("name"))).toList();
                Grant grant = new Grant(g, from, to);
                byNamespace.computeIfAbsent(g.namespace(), n -> new ArrayList<>()).add(grant);
            });
        }
    }

    Optional<EntryObject> admitting(EntryObject route, ObjectRef service) {
        for (Grant grant : byNamespace.getOrDefault(service.namespace(), List.of())) {
            if (from(grant.from(), route) && to(grant.to(), service)) {
                return Optional.of(grant.object());
            }
        }
        return Optional.empty();
    }

    private static boolean from(List<From> from, EntryObject route) {
        return from.stream().anyMatch(f -> GatewayApiKinds.GROUP.equals(f.group()) && route.ref().kind().equals(f.kind())
                && route.namespace().equals(f.namespace()));
    }

    private static boolean to(List<To> to, ObjectRef service) {
        return to.stream().anyMatch(t -> t.group().isEmpty() && "Service".equals(t.kind())
                && t.name().map(service.name()::equals).orElse(true));
    }
}
