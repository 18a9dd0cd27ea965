package io.exposureguard.core.kinds;

import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.inventory.CustomResourceReading;
import io.exposureguard.core.inventory.GeneratedServices;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CloudNativePG's {@code Pooler} (postgresql.cnpg.io/v1): PgBouncer in front of the Cluster named by
 * {@code spec.cluster.name}, pods labelled {@code cnpg.io/poolerName: <name>}, published by the {@code <name>}
 * Service CloudNativePG generates from {@code spec.serviceTemplate}. PgBouncer asks for passwords (auth_type hba with
 * md5 rules, users looked up in the Cluster) unless {@code spec.pgbouncer.parameters.auth_type} is trust or any.
 * Its own settings are not fixed here.
 */
public final class CnpgPooler implements DatastoreResourceKind {

    static final String POOLER_LABEL = "cnpg.io/poolerName";
    private static final Set<String> NO_PASSWORD = Set.of("trust", "any");

    @Override
    public String kind() {
        return "Pooler";
    }

    @Override
    public List<String> groups() {
        return List.of(CnpgCluster.GROUP);
    }

    @Override
    public List<String> versions() {
        return List.of("v1");
    }

    @Override
    public String plural() {
        return "poolers";
    }

    @Override
    public String generatedServices() {
        return "`<name>` (from spec.serviceTemplate)";
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
        ServedVersions.require(this, ref);
        Tree spec = root.map("spec");
        String cluster = spec.map("cluster").string("name").orElse("?");
        String authType = spec.path("pgbouncer", "parameters").string("auth_type").orElse("hba");
        AuthVerdict auth = NO_PASSWORD.contains(authType)
                ? AuthVerdict.off(ref.display() + " sets spec.pgbouncer.parameters.auth_type: " + authType
                        + ", so PgBouncer lets clients in without a password",
                        "remove auth_type from spec.pgbouncer.parameters of " + ref.display())
                : AuthVerdict.on(ref.display() + ": PgBouncer asks for the passwords of Cluster " + cluster + "'s users");
        Map<String, String> selector = Map.of(POOLER_LABEL, ref.name());
        Datastore pgbouncer = new Datastore(ref, DatastoreKind.POSTGRESQL, "PgBouncer of " + ref.display() + " for Cluster " + cluster,
                selector, List.of(DataPort.of(CnpgCluster.PORT, "pgbouncer")), auth, Optional.empty(), false);
        ServiceView service = GeneratedServices.fromTemplate(ref.namespace(), ref.name(), spec.map("serviceTemplate"), selector,
                CnpgCluster.PORT, "pgbouncer", ref, "spec.serviceTemplate.spec");
        return new CustomResourceReading(List.of(pgbouncer), List.of(service));
    }
}
