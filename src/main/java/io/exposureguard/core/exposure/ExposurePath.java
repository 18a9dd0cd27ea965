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
        List<ObjectRef> through) {

    public ExposurePath {
        hops = List.copyOf(hops);
        facts = List.copyOf(facts);
        through = List.copyOf(new java.util.LinkedHashSet<>(through));
    }
}
