package io.exposureguard.core.exposure;

import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.model.Hop;
import io.exposureguard.core.model.ObjectRef;

import java.util.List;

/**
 * One way in from outside the cluster to a datastore port.
 *
 * @param blame       the object a user changes to close the path (Service, Ingress, owning custom resource, workload)
 * @param hops        the path, outside first: origin, entry, (Service behind a router,) datastore
 * @param facts       what the verdict on this path rests on (source ranges, annotations, auth on the proxy)
 * @param authOnPath  an Ingress/proxy on the path requires authentication before traffic reaches the datastore
 * @param entryFix    how to close or restrict this entry
 * @param through     the objects the path goes through: the entry Service or Ingress, the Service behind an
 *                    Ingress (and the custom resource a generated Service comes from), the datastore's object
 * @param unconfirmed the facts the input lacks to confirm the path (a route's parent Gateway, a ReferenceGrant that
 *                    admits a cross-namespace backend); empty when every hop is in the input. Such a path is reported
 *                    as unverified (EG-EXP-006), never dropped.
 */
public record ExposurePath(
        Datastore datastore,
        DataPort port,
        EntryType entry,
        Reach reach,
        ObjectRef blame,
        List<Hop> hops,
        List<String> facts,
        boolean authOnPath,
        String entryFix,
        List<ObjectRef> through,
        List<String> unconfirmed) {

    public ExposurePath {
        hops = List.copyOf(hops);
        facts = List.copyOf(facts);
        through = List.copyOf(new java.util.LinkedHashSet<>(through));
        unconfirmed = List.copyOf(unconfirmed);
    }

    /** A path every hop of which is in the input. */
    public ExposurePath(Datastore datastore, DataPort port, EntryType entry, Reach reach, ObjectRef blame, List<Hop> hops,
                        List<String> facts, boolean authOnPath, String entryFix, List<ObjectRef> through) {
        this(datastore, port, entry, reach, blame, hops, facts, authOnPath, entryFix, through, List.of());
    }

    /** Whether the path is unconfirmed because the upstream a UI or proxy forwards to could not be resolved. */
    public boolean upstreamUnresolved() {
        return Forwarding.upstreamUnresolved(this);
    }

    /** Whether every hop of the path is in the input. */
    public boolean confirmed() {
        return unconfirmed.isEmpty();
    }
}
