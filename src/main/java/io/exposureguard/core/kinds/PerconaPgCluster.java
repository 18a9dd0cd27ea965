package io.exposureguard.core.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.inventory.CustomResourceReading;
import io.exposureguard.core.inventory.InvalidFieldException;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Percona's {@code PerconaPGCluster} (pgv2.percona.com/v2). The operator turns it into a PGO {@code PostgresCluster}
 * of its own group (upstream.pgv2.percona.com, not read) with the same authentication fields, so authentication is
 * read as for {@link PgoPostgresCluster}: on unless a line of {@code spec.authentication.rules[].hba} or
 * {@code spec.patroni.dynamicConfiguration.postgresql.pg_hba} trusts network clients. Its pods carry
 * {@code postgres-operator.crunchydata.com/cluster: <name>} and the role Patroni 4 sets ({@code .../role: primary} on
 * the leader, {@code replica}; internal/naming/labels.go). Services (pkg/apis/pgv2.percona.com/v2 ToCrunchy):
 * {@code <name>-ha} (the leader) from {@code spec.expose}, {@code <name>-replicas} from {@code spec.exposeReplicas},
 * and with {@code spec.proxy.pgBouncer} the PgBouncer pods ({@code .../role: pgbouncer}) behind {@code <name>-pgbouncer}
 * from {@code spec.proxy.pgBouncer.expose}; each with {@code type}, {@code nodePort}, {@code annotations},
 * {@code loadBalancerSourceRanges} and {@code loadBalancerClass}. PgBouncer checks clients' passwords itself (its
 * {@code auth_query}, internal/pgbouncer/config.go) unless {@code config.global.auth_type} overrides it with
 * {@code trust} or {@code any}, which cannot be verified here. The fix removes the pg_hba trust lines.
 */
public final class PerconaPgCluster implements DatastoreResourceKind {

    private static final int DEFAULT_PORT = 5432;
    private static final String PORT_NAME = "postgres";
    private static final int MAX_REPLICAS = 1000;
    private static final Set<String> NO_PASSWORD = Set.of("trust", "any");

    @Override
    public String kind() {
        return "PerconaPGCluster";
    }

    @Override
    public List<String> groups() {
        return List.of("pgv2.percona.com");
    }

    @Override
    public List<String> versions() {
        return List.of("v2");
    }

    @Override
    public String plural() {
        return "perconapgclusters";
    }

    @Override
    public String generatedServices() {
        return "`<name>-ha` (the leader; type from spec.expose), `<name>-replicas` (spec.exposeReplicas) and `<name>-pgbouncer`"
                + " (spec.proxy.pgBouncer.expose)";
    }

    @Override
    public String ownSettingsFix() {
        return "removes the trust lines of spec.authentication.rules[].hba and spec.patroni.dynamicConfiguration.postgresql.pg_hba";
    }

    @Override
    public boolean fixesOwnSettings() {
        return true;
    }

    @Override
    public CustomResourceReading read(ObjectRef ref, Tree root, ReadContext context) {
        ServedVersions.require(this, ref);
        Tree spec = root.map("spec");
        int port = PublishedService.port(spec, "port", DEFAULT_PORT);
        int pods = 0;
        for (Tree set : spec.maps("instances")) {
            pods += replicas(set);
        }
        AuthVerdict auth = PgoPostgresCluster.auth(ref, spec);
        Map<String, String> annotations = spec.map("metadata").stringMap("annotations");
        List<Datastore> datastores = new ArrayList<>();
        List<ServiceView> services = new ArrayList<>();
        Map<String, String> primary = Map.of(PgoPostgresCluster.CLUSTER_LABEL, ref.name(), PgoPostgresCluster.ROLE_LABEL, "primary");
        datastores.add(new Datastore(ref, DatastoreKind.POSTGRESQL, "primary of " + ref.display(), primary,
                List.of(DataPort.of(port, PORT_NAME)), auth, Optional.empty(), false));
        service(ref, spec.map("expose"), "-ha", annotations, primary, port).ifPresent(services::add);
        Map<String, String> replica = Map.of(PgoPostgresCluster.CLUSTER_LABEL, ref.name(), PgoPostgresCluster.ROLE_LABEL, "replica");
        if (pods > 1) {
            datastores.add(new Datastore(ref, DatastoreKind.POSTGRESQL, "replicas of " + ref.display(), replica,
                    List.of(DataPort.of(port, PORT_NAME)), auth, Optional.empty(), false));
        }
        service(ref, spec.map("exposeReplicas"), "-replicas", annotations, replica, port).ifPresent(services::add);
        Tree pgBouncer = spec.path("proxy", "pgBouncer");
        if (spec.map("proxy").has("pgBouncer") && replicas(pgBouncer) > 0) {
            int bouncerPort = PublishedService.port(pgBouncer, "port", DEFAULT_PORT);
            Map<String, String> labels = Map.of(PgoPostgresCluster.CLUSTER_LABEL, ref.name(), PgoPostgresCluster.ROLE_LABEL, "pgbouncer");
            datastores.add(new Datastore(ref, DatastoreKind.POSTGRESQL, "PgBouncer of " + ref.display(), labels,
                    List.of(DataPort.of(bouncerPort, "pgbouncer")), bouncerAuth(ref, pgBouncer), Optional.empty(), false));
            service(ref, pgBouncer.map("expose"), "-pgbouncer", annotations, labels, bouncerPort).ifPresent(services::add);
        }
        return new CustomResourceReading(datastores, services);
    }

    private static int replicas(Tree set) {
        int replicas = set.integer("replicas").orElse(1);
        if (replicas < 0 || replicas > MAX_REPLICAS) {
            throw new InvalidFieldException(set.pathText() + ".replicas: expected 0 to " + MAX_REPLICAS);
        }
        return replicas;
    }

    private static AuthVerdict bouncerAuth(ObjectRef ref, Tree pgBouncer) {
        Tree global = pgBouncer.path("config", "global");
        String authType = global.string("auth_type").orElse("");
        if (NO_PASSWORD.contains(authType)) {
            return AuthVerdict.unknown(ref.display() + ": " + global.pathText() + ".auth_type: " + authType + " makes PgBouncer skip"
                            + " the password check; who it then lets in depends on its auth file and databases, not read here",
                    "remove auth_type from " + global.pathText() + " of " + ref.display() + " (PgBouncer then checks passwords"
                            + " against PostgreSQL)");
        }
        return AuthVerdict.on(ref.display() + ": PgBouncer checks each client's password against PostgreSQL (auth_query)");
    }

    private static Optional<ServiceView> service(ObjectRef ref, Tree expose, String suffix, Map<String, String> clusterAnnotations,
                                                 Map<String, String> selector, int port) {
        Map<String, String> annotations = new LinkedHashMap<>(clusterAnnotations);
        annotations.putAll(expose.stringMap("annotations"));
        String type = PublishedService.type(expose, "type");
        String at = expose.pathText();
        return PublishedService.of(ref, ref.name() + suffix, type, annotations, selector, port, PORT_NAME,
                        expose.integer("nodePort").orElse(0), expose.strings("loadBalancerSourceRanges"),
                        expose.string("loadBalancerClass").orElse(null), at)
                .map(s -> s.withCloseFix("set " + at + ".type: ClusterIP on " + ref.display() + " (not " + type + ")"));
    }

    @Override
    public boolean enableAuthentication(ObjectNode object) {
        return PgoPostgresCluster.removeTrustLines(object.path("spec"));
    }
}
