package io.exposureguard.kube;

import io.exposureguard.core.inventory.WatchedKind;
import io.exposureguard.core.kinds.ResourceKinds;

import io.exposureguard.core.api.v1.ExposureException;
import io.exposureguard.core.api.v1.ExposurePolicy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.exposureguard.core.inventory.LeanObjects;
import io.exposureguard.core.inventory.VerdictNeutralUpdates;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Informer caches of every kind that decides exposure, cluster-wide. All cluster reads go through the
 * Fabric8 client, so the same code runs against a real API server and the mock server. A kind whose
 * API is missing (ECK not installed, the PolicyReport CRD absent) is retried by {@link #refresh()}.
 * The informers keep only what decides a verdict ({@link LeanObjects}): a tenant's large ConfigMaps cost the
 * operator a few KiB each, not their size.
 */
public final class ClusterCache {

    private static final Logger LOG = Logger.getLogger(ClusterCache.class);

    /**
     * ConfigMaps and Secrets are listed in pages of this many: each may be ~1 MB, and a page is held in full
     * (as JSON and as objects) until it is trimmed into the cache.
     */
    static final long CONFIG_PAGE = 20;

    /**
     * EndpointSlices the EndpointSlice controller keeps for Services with a selector (nearly all of them, rewritten at
     * every pod change) are not watched: the engine follows the selector. Only the others (written by hand or by
     * another controller for Services without a selector, or mirrored from hand-written Endpoints) are.
     */
    static final String SLICE_MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
    static final String SLICE_CONTROLLER = "endpointslice-controller.k8s.io";

    private final KubernetesClient client;
    private final boolean readSecrets;
    private final UnaryOperator<HasMetadata> keep;
    private final VerdictNeutralUpdates neutral = new VerdictNeutralUpdates(new LeanObjects(LeanObjects.Limits.DEFAULT));
    private final Runnable onChange;
    private final Map<String, SharedIndexInformer<? extends HasMetadata>> informers = new ConcurrentHashMap<>();
    /** Each informer's store, by the same key: read by namespace for admission. */
    private final Map<String, LeanItemStore> stores = new ConcurrentHashMap<>();
    private final java.util.Set<String> unreadCrds = ConcurrentHashMap.newKeySet();
    /** Every kind {@link #refresh()} tried to watch, started or not. */
    private final java.util.Set<String> attempted = ConcurrentHashMap.newKeySet();

    public ClusterCache(KubernetesClient client, boolean readSecrets, Runnable onChange) {
        this(client, readSecrets, onChange, new LeanObjects(LeanObjects.Limits.DEFAULT)::lean);
    }

    /**
     * {@code keep} turns each listed or watched object into what the informers store; the operator uses
     * {@link LeanObjects#lean}. The identity keeps whole objects (only the memory benchmark wants that).
     */
    public ClusterCache(KubernetesClient client, boolean readSecrets, Runnable onChange, UnaryOperator<HasMetadata> keep) {
        this.client = client;
        this.readSecrets = readSecrets;
        this.onChange = onChange;
        this.keep = keep;
    }

    /** Starts every informer that is not running yet; safe to call repeatedly. */
    public synchronized void refresh() {
        start("Service", () -> client.services().inAnyNamespace().runnableInformer(0));
        start("Ingress", () -> client.network().v1().ingresses().inAnyNamespace().runnableInformer(0));
        start("Pod", () -> client.pods().inAnyNamespace().runnableInformer(0));
        start("Deployment", () -> client.apps().deployments().inAnyNamespace().runnableInformer(0));
        start("StatefulSet", () -> client.apps().statefulSets().inAnyNamespace().runnableInformer(0));
        start("DaemonSet", () -> client.apps().daemonSets().inAnyNamespace().runnableInformer(0));
        start("ReplicaSet", () -> client.apps().replicaSets().inAnyNamespace().runnableInformer(0));
        start("ReplicationController", () -> client.replicationControllers().inAnyNamespace().runnableInformer(0));
        start("Job", () -> client.batch().v1().jobs().inAnyNamespace().runnableInformer(0));
        start("CronJob", () -> client.batch().v1().cronjobs().inAnyNamespace().runnableInformer(0));
        start("ConfigMap", () -> client.configMaps().inAnyNamespace().withLimit(CONFIG_PAGE).runnableInformer(0));
        start("NetworkPolicy", () -> client.network().v1().networkPolicies().inAnyNamespace().runnableInformer(0));
        start("EndpointSlice", () -> client.discovery().v1().endpointSlices().inAnyNamespace()
                .withoutLabel(SLICE_MANAGED_BY, SLICE_CONTROLLER).runnableInformer(0));
        if (readSecrets) {
            start("Secret", () -> client.secrets().inAnyNamespace().withLimit(CONFIG_PAGE).runnableInformer(0));
        }
        start("Namespace", () -> client.namespaces().runnableInformer(0));
        start("ExposurePolicy", () -> client.resources(ExposurePolicy.class).runnableInformer(0));
        start("ExposureException", () -> client.resources(ExposureException.class).inAnyNamespace().runnableInformer(0));
        for (WatchedKind kind : ResourceKinds.watched()) {
            String key = kind.group() + "/" + kind.kind();
            if (!informers.containsKey(key)) {
                servedVersion(kind).ifPresent(version -> start(key, () -> client
                        .genericKubernetesResources(CustomResourceKinds.ctx(kind, version)).inAnyNamespace().runnableInformer(0)));
            }
        }
    }

    /**
     * The first of the versions exposure-guard reads that the kind's CRD serves; empty while the CRD is absent. A CRD
     * that serves none of them is named in the log once: its objects are not read until exposure-guard learns a version.
     */
    private java.util.Optional<String> servedVersion(WatchedKind kind) {
        try {
            var crd = client.apiextensions().v1().customResourceDefinitions().withName(kind.crdName()).get();
            if (crd == null || crd.getSpec() == null) {
                return java.util.Optional.empty();
            }
            java.util.Set<String> served = new java.util.HashSet<>();
            for (var v : crd.getSpec().getVersions()) {
                if (!Boolean.FALSE.equals(v.getServed())) {
                    served.add(v.getName());
                }
            }
            java.util.Optional<String> version = kind.versions().stream().filter(served::contains).findFirst();
            if (version.isEmpty() && unreadCrds.add(kind.crdName())) {
                LOG.warnf("CRD %s serves versions %s; exposure-guard reads %s, so its objects are not watched",
                        kind.crdName(), new java.util.TreeSet<>(served), kind.versions());
            }
            return version;
        } catch (KubernetesClientException e) {
            LOG.debugf("cannot check CRD %s: %s", kind.crdName(), e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private void start(String key, Supplier<SharedIndexInformer<? extends HasMetadata>> factory) {
        attempted.add(key);
        if (informers.containsKey(key)) {
            return;
        }
        try {
            SharedIndexInformer<? extends HasMetadata> informer = factory.get();
            stores.put(key, keepLean(informer));
            informer.addEventHandler(handler());
            informer.start();
            informers.put(key, informer);
        } catch (KubernetesClientException e) {
            LOG.warnf("not watching %s yet (%s); retrying at the next audit", key, e.getMessage());
        }
    }

    /** The informer stores what {@code keep} makes of every object; its event handlers still see the object as listed. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private LeanItemStore keepLean(SharedIndexInformer informer) {
        LeanItemStore store = new LeanItemStore(keep);
        informer.itemStore(store);
        return store;
    }

    /** What the informer stores, lean, with a namespace index (cluster-scoped objects under ""). */
    private static final class LeanItemStore implements ItemStore<HasMetadata> {
        /** Namespace ("" for cluster-scoped objects) -> key -> object: the one map, so admission reads a namespace alone. */
        private final Map<String, Map<String, HasMetadata>> byNamespace = new ConcurrentHashMap<>();
        private final UnaryOperator<HasMetadata> keep;

        LeanItemStore(UnaryOperator<HasMetadata> keep) {
            this.keep = keep;
        }

        @Override
        public String getKey(HasMetadata obj) {
            return Cache.metaNamespaceKeyFunc(obj);
        }

        @Override
        public HasMetadata put(String key, HasMetadata obj) {
            HasMetadata kept = keep.apply(obj);
            HasMetadata[] previous = new HasMetadata[1];
            byNamespace.compute(namespace(key), (ns, in) -> {
                Map<String, HasMetadata> map = in == null ? new ConcurrentHashMap<>() : in;
                previous[0] = map.put(key, kept);
                return map;
            });
            return previous[0];
        }

        @Override
        public HasMetadata remove(String key) {
            HasMetadata[] removed = new HasMetadata[1];
            byNamespace.computeIfPresent(namespace(key), (ns, in) -> {
                removed[0] = in.remove(key);
                return in.isEmpty() ? null : in;
            });
            return removed[0];
        }

        /** The namespace part of a "namespace/name" key ("" for a cluster-scoped object's "name"). */
        private static String namespace(String key) {
            int slash = key.indexOf('/');
            return slash < 0 ? "" : key.substring(0, slash);
        }

        java.util.Collection<HasMetadata> in(String namespace) {
            Map<String, HasMetadata> in = byNamespace.get(namespace == null ? "" : namespace);
            return in == null ? List.of() : in.values();
        }

        @Override
        public Stream<String> keySet() {
            return byNamespace.values().stream().flatMap(in -> in.keySet().stream());
        }

        @Override
        public Stream<HasMetadata> values() {
            return byNamespace.values().stream().flatMap(in -> in.values().stream());
        }

        @Override
        public int size() {
            return byNamespace.values().stream().mapToInt(Map::size).sum();
        }

        @Override
        public HasMetadata get(String key) {
            Map<String, HasMetadata> in = byNamespace.get(namespace(key));
            return in == null ? null : in.get(key);
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private ResourceEventHandler handler() {
        return new ResourceEventHandler<HasMetadata>() {
            @Override
            public void onAdd(HasMetadata obj) {
                onChange.run();
            }

            @Override
            public void onUpdate(HasMetadata oldObj, HasMetadata newObj) {
                boolean resync = oldObj.getMetadata() != null && newObj.getMetadata() != null
                        && java.util.Objects.equals(oldObj.getMetadata().getResourceVersion(), newObj.getMetadata().getResourceVersion());
                // A Pod's status, managedFields: nothing the engine reads changed, so no audit is due.
                if (!resync && !neutral.neutral(oldObj, newObj)) {
                    onChange.run();
                }
            }

            @Override
            public void onDelete(HasMetadata obj, boolean deletedFinalStateUnknown) {
                onChange.run();
            }
        };
    }

    /** True once every started informer has listed its kind. */
    public boolean synced() {
        return !informers.isEmpty() && informers.values().stream().allMatch(SharedIndexInformer::hasSynced);
    }

    /** Every cached object of these kinds (informer keys: "Service", "gateway.networking.k8s.io/Gateway"). */
    public List<HasMetadata> ofKinds(java.util.Set<String> kinds) {
        List<HasMetadata> out = new ArrayList<>();
        stores.forEach((key, store) -> {
            if (kinds.contains(key)) {
                store.values().forEach(out::add);
            }
        });
        return out;
    }

    /**
     * The cached objects of these namespaces, but not those of the kinds {@code except}, read through the namespace
     * index: no copy of the rest of the cache.
     */
    public List<HasMetadata> inNamespaces(java.util.Set<String> namespaces, java.util.Set<String> except) {
        List<HasMetadata> out = new ArrayList<>();
        stores.forEach((key, store) -> {
            if (!except.contains(key)) {
                namespaces.forEach(ns -> out.addAll(store.in(ns)));
            }
        });
        return out;
    }

    /** Everything cached, as the engine's input. */
    public List<HasMetadata> snapshot() {
        List<HasMetadata> out = new ArrayList<>();
        informers.values().forEach(i -> out.addAll(i.getStore().list()));
        return out;
    }

    public List<ExposurePolicy> policies() {
        return typed("ExposurePolicy", ExposurePolicy.class);
    }

    public List<ExposureException> exceptions() {
        return typed("ExposureException", ExposureException.class);
    }

    public Map<String, Map<String, String>> namespaceLabels() {
        Map<String, Map<String, String>> out = new java.util.HashMap<>();
        for (Namespace ns : typed("Namespace", Namespace.class)) {
            Map<String, String> labels = new java.util.HashMap<>();
            if (ns.getMetadata().getLabels() != null) {
                ns.getMetadata().getLabels().forEach((k, v) -> labels.put(k, v == null ? "" : v));
            }
            out.put(ns.getMetadata().getName(), labels);
        }
        return out;
    }

    /**
     * The kinds that should be watched but are not: their informer could not start (listing forbidden, say). A custom
     * kind whose CRD is not installed is not one of them: there is nothing to watch.
     */
    public java.util.Set<String> unstartedKinds() {
        java.util.Set<String> out = new java.util.TreeSet<>(attempted);
        out.removeAll(informers.keySet());
        return out;
    }

    /** The kinds being watched whose first list has not arrived yet. */
    public java.util.Set<String> unsyncedKinds() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        informers.forEach((key, informer) -> {
            if (!informer.hasSynced()) {
                out.add(key);
            }
        });
        return out;
    }

    public java.util.Set<String> watchedKinds() {
        return java.util.Set.copyOf(informers.keySet());
    }

    private <T> List<T> typed(String key, Class<T> type) {
        SharedIndexInformer<? extends HasMetadata> i = informers.get(key);
        return i == null ? List.of() : i.getStore().list().stream().filter(type::isInstance).map(type::cast).toList();
    }

    public void stop() {
        informers.values().forEach(SharedIndexInformer::stop);
        informers.clear();
        stores.clear();
    }

}
