package io.exposureguard.app.cluster;

import io.exposureguard.app.config.OperatorConfig;
import io.exposureguard.core.policy.ClusterReader;
import io.exposureguard.core.policy.ClusterState;
import io.exposureguard.core.remediation.QuarantinePolicies;
import io.exposureguard.core.remediation.QuarantineSeal;
import io.exposureguard.kube.ClusterCache;
import io.exposureguard.kube.remediation.QuarantineKeyStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

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

    /** What the caches hold now, with the quarantines the loaded seal proves; empty before the watch starts. No API call. */
    @Override
    public ClusterState current() {
        ClusterState state = snapshot();
        List<HasMetadata> objects = state.objects();
        return state.withQuarantines(QuarantinePolicies.proven(objects, remediation ? keys.loaded() : Optional.empty()));
    }
}
