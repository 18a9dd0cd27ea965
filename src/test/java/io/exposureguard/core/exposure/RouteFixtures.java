package io.exposureguard.core.exposure;

import io.exposureguard.core.datastore.catalog.DatastoreCatalog;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.InventoryBuilder;
import io.exposureguard.core.kinds.ResourceKinds;
import io.exposureguard.core.model.FindingText;
import io.exposureguard.testing.Manifests;

import java.util.List;

/** What the proxy-route module tests share: a Redis without a password behind a ClusterIP Service, and running a module. */
final class RouteFixtures {

    /** Redis in web/cache with Service web/cache (port 6379, named redis) and Service web/two (two ports). */
    static final String REDIS = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: cache, namespace: web}
            spec:
              selector: {matchLabels: {app: cache}}
              template:
                metadata: {labels: {app: cache}}
                spec:
                  containers:
                    - name: redis
                      image: redis:7.2
                      ports: [{name: redis, containerPort: 6379}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: cache, namespace: web}
            spec: {selector: {app: cache}, ports: [{name: redis, port: 6379, targetPort: redis}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: two, namespace: web}
            spec: {selector: {app: cache}, ports: [{name: redis, port: 6379}, {name: other, port: 7000}]}
            """;

    static final String DATASTORE_HOP = "Redis/Valkey in StatefulSet web/cache port 6379 (redis)";

    private RouteFixtures() {
    }

    static Inventory inventory(String yaml) {
        return new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE).build(Manifests.objects(yaml));
    }

    /** Each path's hops as text. */
    static List<String> paths(EntryModule module, String yaml) {
        return run(module, yaml).paths().stream().map(p -> FindingText.path(p.hops())).toList();
    }

    static PathAnalyzer.Result run(EntryModule module, String yaml) {
        return new PathAnalyzer(List.of(module)).analysis(inventory(yaml), InternalNetworks.NONE, CloudProvider.AUTO);
    }
}
