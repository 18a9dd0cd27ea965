package io.exposureguard.core.rules;

import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.exposure.ExposurePath;
import io.exposureguard.core.inventory.Inventory;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What rules look at: the inventory and every exposure path found in it. */
public record Analysis(Inventory inventory, List<ExposurePath> paths) {

    public Analysis {
        paths = List.copyOf(paths);
    }

    /** Paths grouped by the datastore they reach (identity: two nodeSets of one cluster are two datastores). */
    public Map<Datastore, List<ExposurePath>> pathsByDatastore() {
        return paths.stream().collect(Collectors.groupingBy(p -> p.datastore(), IdentityHashMap::new, Collectors.toList()));
    }
}
