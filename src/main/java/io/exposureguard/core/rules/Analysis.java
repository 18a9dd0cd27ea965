package io.exposureguard.core.rules;

import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.exposure.ExposurePath;
import io.exposureguard.core.inventory.Inventory;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What rules look at: the inventory and the exposure paths found in it, {@code paths} those the input confirms and
 * {@code unconfirmed} those it cannot (a fact is missing), which only EG-EXP-006 reports.
 */
public record Analysis(Inventory inventory, List<ExposurePath> paths, List<ExposurePath> unconfirmed) {

    public Analysis {
        paths = List.copyOf(paths);
        unconfirmed = List.copyOf(unconfirmed);
    }

    /** Every path found, sorted into confirmed and unconfirmed. */
    public Analysis(Inventory inventory, List<ExposurePath> all) {
        this(inventory, all.stream().filter(ExposurePath::confirmed).toList(),
                all.stream().filter(p -> !p.confirmed()).toList());
    }

    /** Paths grouped by the datastore they reach (identity: two nodeSets of one cluster are two datastores). */
    public Map<Datastore, List<ExposurePath>> pathsByDatastore() {
        return paths.stream().collect(Collectors.groupingBy(p -> p.datastore(), IdentityHashMap::new, Collectors.toList()));
    }
}
