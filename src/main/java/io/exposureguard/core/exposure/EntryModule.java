package io.exposureguard.core.exposure;

import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.WatchedKind;
import io.exposureguard.core.model.InputProblem;

import java.util.List;

/**
 * One kind of entry from outside the cluster (Service types, Ingress, the node's address; next: Gateway API routes,
 * Istio, Traefik IngressRoutes, ...): turns the inventory into the typed paths that entry opens to datastore ports.
 * A module is stateless: everything one call depends on comes in as arguments, because one analyzer serves
 * concurrent callers. Adding an entry kind is a class implementing this and one line in {@link PathAnalyzer}.
 */
public interface EntryModule {

    /**
     * The custom-resource kinds this module reads (Gateways, routes, middlewares): the inventory keeps their objects
     * for it, the operator watches them once their CRD exists, the chart grants list/watch on them and the validating
     * webhook receives them.
     */
    default List<WatchedKind> watched() {
        return List.of();
    }

    /**
     * The kinds among {@link #watched} whose objects stand where traffic enters (a Gateway, an Istio Gateway): the
     * Services and workloads of their namespaces decide how far the entry reaches, so admission, which otherwise
     * judges one namespace, reads those namespaces too.
     */
    default List<WatchedKind> listeners() {
        return List.of();
    }

    /** Every path this kind of entry opens from outside the cluster to a datastore port of {@code inventory}. */
    List<ExposurePath> paths(Inventory inventory, Context context);

    /**
     * What one analysis asks for: the networks its policies declare internal (entries whose sources all lie there
     * count as in-cluster), the cloud whose internal load-balancer annotations are trusted, and where the objects a
     * module cannot read are reported (one call's own list: a bad object is an input problem, the others still count).
     */
    record Context(InternalNetworks internal, CloudProvider provider, List<InputProblem> problems) {

        /** No internal networks, any cloud, a fresh problem list. */
        public static Context standard() {
            return new Context(InternalNetworks.NONE, CloudProvider.AUTO, new java.util.ArrayList<>());
        }

        /** Reads one object; a field of the wrong type makes it an input problem instead of ending the analysis. */
        public void read(io.exposureguard.core.model.ObjectRef object, Runnable reading) {
            try {
                reading.run();
            } catch (io.exposureguard.core.inventory.InvalidFieldException e) {
                problems.add(new InputProblem(object, e.getMessage()));
            }
        }
    }
}
