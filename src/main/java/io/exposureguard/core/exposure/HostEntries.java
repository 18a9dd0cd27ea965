package io.exposureguard.core.exposure;

import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.model.Hop;

import java.util.ArrayList;
import java.util.List;

/** The node's own address: pods on the node network ({@code hostNetwork: true}) and container ports published as hostPort. */
final class HostEntries implements EntryModule {

    @Override
    public List<ExposurePath> paths(Inventory inventory, Context context) {
        List<ExposurePath> paths = new ArrayList<>();
        for (Datastore d : inventory.datastores()) {
            for (DataPort port : d.ports()) {
                if (d.hostNetwork()) {
                    paths.add(path(d, port, EntryType.HOST_NETWORK, "pods use hostNetwork: true, so port "
                            + port.number() + " is open on the node's address", "remove hostNetwork: true from the pod spec of "));
                } else if (port.hostPort() > 0) {
                    paths.add(path(d, port, EntryType.HOST_PORT, "container port " + port.number()
                            + " is published as hostPort " + port.hostPort() + " on the node's address", "remove hostPort from the container ports of "));
                }
            }
        }
        return paths;
    }

    private static ExposurePath path(Datastore d, DataPort port, EntryType type, String fact, String fix) {
        return new ExposurePath(d, port, type, Reach.PUBLIC, d.ref(),
                List.of(Hop.origin(Hop.Kind.INTERNET), Hop.entryHost(type.label(), d.ref(), List.of(fact)), d.hop(port)),
                List.of(fact), false, fix + d.ref().display(), List.of(d.ref()));
    }
}
