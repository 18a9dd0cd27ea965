package io.exposureguard.app.cluster;

import io.exposureguard.app.config.OperatorConfig;
import io.exposureguard.core.policy.ClusterReader;
import io.exposureguard.core.policy.ClusterState;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.exposureguard.core.kinds.ResourceKinds;
import io.exposureguard.core.remediation.QuarantinePolicies;
import io.exposureguard.core.remediation.QuarantineSeal;
import io.exposureguard.kube.ClusterCache;
import io.exposureguard.kube.remediation.QuarantineKeyStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster as the informers hold it, for every reader in the application: the audit loop starts and stops the
 * informers and loads the quarantine key; the admission webhooks read {@link #current()} (never through the audit).
 * The view carries the quarantines the loaded seal proves are ours, so admission adds the same facts as the audit.
 */
@ApplicationScoped
public class InformedCluster implements ClusterReader {

    private final KubernetesClient client;
    private final boolean readSecrets;
    private final boolean remediation;
    private final QuarantineKeyStore keys;
    private volatile ClusterCache cache;

    @Inject
    public InformedCluster(KubernetesClient client, OperatorConfig config) {
        this.client = client;
        this.readSecrets = config.readSecrets();
        this.remediation = config.remediation().enabled();
        this.keys = new QuarantineKeyStore(client, config.operatorNamespace());
    }

    /** Starts the informers (once; later calls do nothing); {@code onChange} runs on every change they see. */
    public synchronized void start(Runnable onChange) {
        if (cache == null) {
            cache = new ClusterCache(client, readSecrets, onChange);
        }
    }

    /** True once started (even if stopped since). */
    public boolean started() {
        return cache != null;
    }

    /** Starts the informers of kinds not watched yet (a CRD installed since). */
    public void refresh() {
        ClusterCache c = cache;
        if (c != null) {
            c.refresh();
        }
    }

    public boolean synced() {
        ClusterCache c = cache;
        return c != null && c.synced();
    }

    public void stop() {
        ClusterCache c = cache;
        if (c != null) {
            c.stop();
        }
    }

    /**
     * The quarantine seal, reading (or creating) its key Secret when it is not loaded yet: on the audit thread only.
     * Empty when remediation is off or the key cannot be loaded.
     */
    public Optional<QuarantineSeal> loadSeal() {
        return remediation ? keys.seal() : Optional.empty();
    }

    /** What the caches hold, without quarantine facts (the audit proves its quarantines with the seal it loaded). */
    public ClusterState snapshot() {
        ClusterCache c = cache;
        return c == null ? ClusterState.EMPTY : new ClusterState(c.snapshot(), c.policies(), c.exceptions(), c.namespaceLabels());
    }

    /**
     * The part of {@link #current()} an object of this namespace is judged with, read through the cache's namespace
     * index, so an admission's cost follows its namespace, not the cluster's size. No API call.
     */
    @Override
    public ClusterState around(String namespace) {
        ClusterCache c = cache;
        if (c == null) {
            return ClusterState.EMPTY;
        }
        if (namespace == null) {
            return current();
        }
        List<HasMetadata> entrySide = c.ofKinds(ENTRY_SIDE);
        Set<String> namespaces = new HashSet<>();
        namespaces.add(namespace);
        for (HasMetadata o : entrySide) {
            if (ResourceKinds.listener(o.getApiVersion(), o.getKind()) && o.getMetadata() != null && o.getMetadata().getNamespace() != null) {
                namespaces.add(o.getMetadata().getNamespace());
            }
        }
        List<HasMetadata> objects = c.inNamespaces(namespaces, ENTRY_SIDE);
        objects.addAll(entrySide);
        return withProvenQuarantines(new ClusterState(objects, c.policies(), c.exceptions(), c.namespaceLabels()));
    }

    /** The ExposurePolicies the caches hold, without reading any other object. */
    @Override
    public List<ExposurePolicy> policies() {
        ClusterCache c = cache;
        return c == null ? List.of() : c.policies();
    }

    /** The view with the quarantines among its objects that the loaded seal proves are ours. */
    private ClusterState withProvenQuarantines(ClusterState state) {
        return state.withQuarantines(QuarantinePolicies.proven(state.objects(), remediation ? keys.loaded() : Optional.empty()));
    }

    /** The informer keys of the entry-side kinds, which admission reads from every namespace. */
    private static final Set<String> ENTRY_SIDE = ResourceKinds.ENTRY_SIDE.stream().map(k -> k.group() + "/" + k.kind())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** What the caches hold now, with the quarantines the loaded seal proves; empty before the watch starts. No API call. */
    @Override
    public ClusterState current() {
        return withProvenQuarantines(snapshot());
    }
}
