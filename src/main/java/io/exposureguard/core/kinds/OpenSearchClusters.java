package io.exposureguard.core.kinds;

import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.datastore.ImageName;
import io.exposureguard.core.datastore.Settings;
import io.exposureguard.core.inventory.CustomResourceReading;
import io.exposureguard.core.inventory.GeneratedServices;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The OpenSearch operator's {@code OpenSearchCluster} (opensearch.opster.io/v1, and its successor group
 * opensearch.org/v1). From OpenSearch 2 the security plugin is effectively off when {@code spec.security.tls.http}
 * is absent; {@code plugins.security.disabled: true} turns it off anywhere. Each nodePool is a datastore; the
 * operator generates the cluster Service ({@code spec.general.serviceName}, default the cluster's name) and, with
 * dashboards enabled, {@code <serviceName>-dashboards} from {@code spec.dashboards.service}. Dashboards follow the
 * cluster's security. Its own settings are not fixed here (findings on it are closed by the entry in front).
 */
public final class OpenSearchClusters implements DatastoreResourceKind {

    static final String CLUSTER_LABEL = "opster.io/opensearch-cluster";
    static final String DASHBOARDS_LABEL = "opensearch.cluster.dashboards";
    static final String SECURITY_DISABLED = "plugins.security.disabled";
    private static final int DEFAULT_HTTP_PORT = 9200;
    private static final int TRANSPORT_PORT = 9300;
    private static final int DASHBOARDS_PORT = 5601;

    @Override
    public String kind() {
        return "OpenSearchCluster";
    }

    @Override
    public List<String> groups() {
        return List.of("opensearch.opster.io", "opensearch.org");
    }

    @Override
    public List<String> versions() {
        return List.of("v1");
    }

    @Override
    public String plural() {
        return "opensearchclusters";
    }

    @Override
    public String generatedServices() {
        return "`<spec.general.serviceName>` (default `<name>`); with dashboards, `<serviceName>-dashboards`"
                + " (from spec.dashboards.service)";
    }

    @Override
    public String ownSettingsFix() {
        return "none (the entry in front is closed instead)";
    }

    @Override
    public boolean fixesOwnSettings() {
        return false;
    }

    @Override
    public CustomResourceReading read(ObjectRef ref, Tree root, ReadContext context) {
        Tree spec = root.map("spec");
        Tree general = spec.map("general");
        int httpPort = general.integer("httpPort").orElse(DEFAULT_HTTP_PORT);
        String serviceName = general.string("serviceName").orElse(ref.name());
        AuthVerdict auth = auth(ref, spec);
        List<Datastore> datastores = new ArrayList<>();
        List<ServiceView> services = new ArrayList<>();
        Map<String, String> selector = Map.of(CLUSTER_LABEL, ref.name());
        for (Tree pool : spec.maps("nodePools")) {
            Map<String, String> labels = new LinkedHashMap<>(pool.stringMap("labels"));
            labels.putAll(selector);
            String component = pool.string("component").orElse("nodes");
            labels.put("opster.io/opensearch-nodepool", component);
            datastores.add(new Datastore(ref, DatastoreKind.OPENSEARCH, "nodePool " + component + " of " + ref.display(),
                    labels, List.of(DataPort.of(httpPort, "http"), DataPort.of(TRANSPORT_PORT, "transport")), auth,
                    Optional.empty(), false));
        }
        services.add(GeneratedServices.fromTemplate(ref.namespace(), serviceName, Tree.empty("service"), selector,
                httpPort, "http", ref, "spec.general"));
        Tree dashboards = spec.map("dashboards");
        if (dashboards.bool("enable").orElse(false)) {
            Map<String, String> dashSelector = Map.of(DASHBOARDS_LABEL, ref.name());
            AuthVerdict dashAuth = auth.open()
                    ? AuthVerdict.off("OpenSearch Dashboards of " + ref.display() + " use a cluster without security", auth.fix())
                    : AuthVerdict.on("OpenSearch Dashboards of " + ref.display() + " use the cluster's security plugin");
            datastores.add(new Datastore(ref, DatastoreKind.OPENSEARCH_DASHBOARDS, "dashboards of " + ref.display(),
                    dashSelector, List.of(DataPort.of(DASHBOARDS_PORT, "http")), dashAuth, Optional.empty(), false));
            Map<String, Object> template = Map.of("spec", dashboards.map("service").raw());
            services.add(GeneratedServices.fromTemplate(ref.namespace(), serviceName + "-dashboards",
                    Tree.of(template), dashSelector, DASHBOARDS_PORT, "http", ref, "spec.dashboards.service"));
        }
        return new CustomResourceReading(datastores, services);
    }

    private static AuthVerdict auth(ObjectRef ref, Tree spec) {
        String fix = "configure spec.security.tls.http (and the security plugin) on " + ref.display()
                + " and remove " + SECURITY_DISABLED;
        List<Map<String, String>> configs = new ArrayList<>();
        configs.add(Settings.flatten(spec.path("general", "additionalConfig").raw()));
        for (Tree pool : spec.maps("nodePools")) {
            configs.add(Settings.flatten(pool.map("additionalConfig").raw()));
        }
        for (Map<String, String> config : configs) {
            if (Settings.isTrue(config.get(SECURITY_DISABLED))) {
                return AuthVerdict.off(ref.display() + " sets " + SECURITY_DISABLED + ": true", fix);
            }
        }
        OptionalInt major = ImageName.parse("opensearch:" + spec.path("general").string("version").orElse("")).majorVersion();
        boolean v2OrLater = major.isEmpty() || major.getAsInt() >= 2;
        if (v2OrLater && !spec.path("security", "tls").has("http")) {
            return AuthVerdict.off(ref.display() + " has no spec.security.tls.http: from OpenSearch 2 the operator"
                    + " then runs the cluster with the security plugin disabled", fix);
        }
        return AuthVerdict.on(ref.display() + " configures the OpenSearch security plugin");
    }
}
