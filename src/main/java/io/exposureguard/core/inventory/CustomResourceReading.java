package io.exposureguard.core.inventory;

import io.exposureguard.core.datastore.Datastore;

import java.util.List;

/** What a datastore operator's custom resource stands for: its datastores and the Services generated for them. */
public record CustomResourceReading(List<Datastore> datastores, List<ServiceView> services) {

    public CustomResourceReading {
        datastores = List.copyOf(datastores);
        services = List.copyOf(services);
    }
}
