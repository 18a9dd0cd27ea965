package io.exposureguard.core.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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

/**
 * Crunchy Data's PGO {@code PostgresCluster} (postgres-operator.crunchydata.com, v1beta1 and v1 read alike): the pods
 * of its {@code spec.instances[]} sets carry {@code postgres-operator.crunchydata.com/cluster: <name>} and the role
 * Patroni gives them ({@code .../role: master|replica}). PGO's default pg_hba rule asks for scram-sha-256 passwords
 * over TLS and it generates each user's password into a Secret, so authentication is on unless a line of
 * {@code spec.authentication.rules[].hba} or {@code spec.patroni.dynamicConfiguration.postgresql.pg_hba} trusts
 * network clients (the structured rules refuse the trust method). Of its Services {@code <name>-ha} (the leader,
 * behind the headless {@code <name>-primary}) takes its type from {@code spec.service} and {@code <name>-replicas}
 * from {@code spec.replicaService}; neither has source ranges. The fix removes the trust lines.
 */
public final class PgoPostgresCluster implements DatastoreResourceKind {

    static final String PREFIX = "postgres-operator.crunchydata.com/";
    static final String CLUSTER_LABEL = PREFIX + "cluster";
    static final String ROLE_LABEL = PREFIX + "role";
    private static final int DEFAULT_PORT = 5432;
    private static final String PORT_NAME = "postgres";
    private static final int MAX_REPLICAS = 1000;
    private static final String RULES = "spec.authentication.rules";
    private static final String PATRONI_HBA = "spec.patroni.dynamicConfiguration.postgresql.pg_hba";

    @Override
    public String kind() {
        return "PostgresCluster";
    }

    @Override
    public List<String> groups() {
        return List.of("postgres-operator.crunchydata.com");
    }

    @Override
    public List<String> versions() {
        return List.of("v1beta1", "v1");
    }

    @Override
    public String plural() {
        return "postgresclusters";
    }

    @Override
    public String generatedServices() {
        return "`<name>-ha` (the leader; type from spec.service) and `<name>-replicas` (type from spec.replicaService)";
    }

    @Override
    public String ownSettingsFix() {
        return "removes the trust lines of " + RULES + "[].hba and " + PATRONI_HBA;
    }

    @Override
    public boolean fixesOwnSettings() {
        return true;
    }

    @Override
    public CustomResourceReading read(ObjectRef ref, Tree root, ReadContext context) {
        ServedVersions.require(this, ref);
        Tree spec = root.map("spec");
        int port = spec.integer("port").orElse(DEFAULT_PORT);
        int pods = 0;
        for (Tree set : spec.maps("instances")) {
            int replicas = set.integer("replicas").orElse(1);
            if (replicas < 0 || replicas > MAX_REPLICAS) {
                throw new InvalidFieldException(set.pathText() + ".replicas: expected 0 to " + MAX_REPLICAS);
            }
            pods += replicas;
        }
        AuthVerdict auth = auth(ref, spec);
        Map<String, String> annotations = spec.map("metadata").stringMap("annotations");
        List<Datastore> datastores = new ArrayList<>();
        List<ServiceView> services = new ArrayList<>();
        Map<String, String> primary = Map.of(CLUSTER_LABEL, ref.name(), ROLE_LABEL, "master");
        datastores.add(new Datastore(ref, DatastoreKind.POSTGRESQL, "primary of " + ref.display(), primary,
                List.of(DataPort.of(port, PORT_NAME)), auth, Optional.empty(), false));
        service(ref, spec, "service", "-ha", annotations, primary, port).ifPresent(services::add);
        Map<String, String> replica = Map.of(CLUSTER_LABEL, ref.name(), ROLE_LABEL, "replica");
        if (pods > 1) {
            datastores.add(new Datastore(ref, DatastoreKind.POSTGRESQL, "replicas of " + ref.display(), replica,
                    List.of(DataPort.of(port, PORT_NAME)), auth, Optional.empty(), false));
        }
        service(ref, spec, "replicaService", "-replicas", annotations, replica, port).ifPresent(services::add);
        return new CustomResourceReading(datastores, services);
    }

    private static Optional<ServiceView> service(ObjectRef ref, Tree spec, String field, String suffix,
                                                 Map<String, String> clusterAnnotations, Map<String, String> selector, int port) {
        Tree service = spec.map(field);
        Map<String, String> annotations = new LinkedHashMap<>(clusterAnnotations);
        annotations.putAll(service.map("metadata").stringMap("annotations"));
        String type = service.string("type").orElse("ClusterIP");
        return PublishedService.of(ref, ref.name() + suffix, type, annotations, selector,
                port, PORT_NAME, service.integer("nodePort").orElse(0), List.of(), "spec." + field)
                .map(s -> s.withCloseFix("set spec." + field + ".type: ClusterIP on " + ref.display() + " (not " + type + ")"
                        + (type.equals("LoadBalancer") ? ", or make it internal with a load-balancer annotation in spec." + field
                        + ".metadata.annotations" : "")));
    }

    /** PGO's verdict from a spec's authentication rules and Patroni pg_hba (Percona's PerconaPGCluster carries the same fields). */
    static AuthVerdict auth(ObjectRef ref, Tree spec) {
        List<String> lines = new ArrayList<>();
        for (Tree rule : spec.map("authentication").maps("rules")) {
            rule.string("hba").ifPresent(lines::add);
        }
        lines.addAll(spec.path("patroni", "dynamicConfiguration", "postgresql").strings("pg_hba"));
        return PgHba.off(ref.display(), RULES + "[].hba or " + PATRONI_HBA, lines,
                        "remove the trust lines from " + RULES + "[].hba and " + PATRONI_HBA + " of " + ref.display()
                                + " (PGO's default rule then asks for scram-sha-256 passwords over TLS)")
                .orElseGet(() -> AuthVerdict.on(ref.display() + ": " + (lines.isEmpty()
                        ? "PGO's default pg_hba rule asks for scram-sha-256 passwords over TLS"
                        : "no pg_hba line of its authentication rules or Patroni configuration trusts network clients")
                        + ", and PGO generates its users' passwords into Secrets"));
    }

    @Override
    public boolean enableAuthentication(ObjectNode object) {
        return removeTrustLines(object.path("spec"));
    }

    /** Removes the trust lines of a spec's authentication rules and Patroni pg_hba, in place; whether any was there. */
    static boolean removeTrustLines(JsonNode spec) {
        boolean changed = false;
        if (spec.path("authentication").path("rules") instanceof ArrayNode rules) {
            changed = SettingsEdits.removeIf(rules, r -> r.path("hba").isTextual() && PgHba.trustedAddress(r.path("hba").asText()).isPresent());
        }
        return PgHba.removeTrustLines(spec.path("patroni").path("dynamicConfiguration").path("postgresql"), "pg_hba") | changed;
    }
}
