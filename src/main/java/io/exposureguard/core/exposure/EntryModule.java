package io.exposureguard.core.exposure;

import io.exposureguard.core.inventory.Inventory;

import java.util.List;

/**
 * One kind of entry from outside the cluster (Service types, Ingress, the node's address; next: Gateway API routes,
 * Istio, Traefik IngressRoutes, ...): turns the inventory into the typed paths that entry opens to datastore ports.
 * A module is stateless: everything one call depends on comes in as arguments, because one analyzer serves
 * concurrent callers. Adding an entry kind is a class implementing this and one line in {@link PathAnalyzer}.
 */
public interface EntryModule {

    /** Every path this kind of entry opens from outside the cluster to a datastore port of {@code inventory}. */
    List<ExposurePath> paths(Inventory inventory, Context context);

    /**
     * What one analysis asks for: the networks its policies declare internal (entries whose sources all lie there
     * count as in-cluster) and the cloud whose internal load-balancer annotations are trusted.
     */
    record Context(InternalNetworks internal, CloudProvider provider) {

        public static final Context DEFAULT = new Context(InternalNetworks.NONE, CloudProvider.AUTO);
    }
}
