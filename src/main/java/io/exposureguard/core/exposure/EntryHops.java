package io.exposureguard.core.exposure;

import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.inventory.ServicePortView;
import io.exposureguard.core.model.Hop;

import java.util.Optional;

/** What entry modules share: the origin a decision implies, Service ports as hop ports, which datastore port a Service port reaches. */
final class EntryHops {

    private EntryHops() {
    }

    static Hop origin(EntryDecision decision) {
        return Hop.origin(switch (decision.reach()) {
            case PUBLIC -> Hop.Kind.INTERNET;
            case RESTRICTED -> Hop.Kind.RESTRICTED_NETWORKS;
            case CLUSTER -> Hop.Kind.CLUSTER;
        });
    }

    static Hop.Port port(ServicePortView port) {
        return Hop.Port.of(port.port(), port.name());
    }

    /** The datastore port a Service port sends to: its targetPort by name or number, if the datastore speaks there. */
    static Optional<DataPort> target(Datastore d, ServicePortView port) {
        if (port.targetName() != null) {
            return d.portByName(port.targetName());
        }
        return port.targetNumber() == null ? Optional.empty() : d.portByNumber(port.targetNumber());
    }
}
