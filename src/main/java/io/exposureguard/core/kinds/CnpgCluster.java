package io.exposureguard.core.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.inventory.CustomResourceReading;
import io.exposureguard.core.inventory.GeneratedServices;
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
 * CloudNativePG's {@code Cluster} (postgresql.cnpg.io/v1). CloudNativePG always writes scram-sha-256 pg_hba rules
 * and generates the application user's password, so authentication is on unless a line of
 * {@code spec.postgresql.pg_hba} trusts network clients (its lines come before the default rule, and the first
 * match wins). The primary and the replicas are datastores on CloudNativePG's pod labels. Its default
 * {@code <name>-rw/-ro/-r} Services are always ClusterIP and open nothing (left to the real ones); each
 * {@code spec.managed.services.additional[]} Service takes its name and type from its {@code serviceTemplate}. The
 * fix removes the trust lines and closes an additional Service in its serviceTemplate.
 */
public final class CnpgCluster implements DatastoreResourceKind {

    static final String GROUP = "postgresql.cnpg.io";
    static final String CLUSTER_LABEL = "cnpg.io/cluster";
    static final String ROLE_LABEL = "cnpg.io/instanceRole";
    static final int PORT = 5432;
    static final String PORT_NAME = "postgres";

    @Override
    public String kind() {
        return "Cluster";
    }

    @Override
    public List<String> groups() {
        return List.of(GROUP);
    }

    @Override
    public List<String> versions() {
        return List.of("v1");
    }

    @Override
    public String plural() {
        return "clusters";
    }

    @Override
    public String generatedServices() {
        return "each spec.managed.services.additional[] (name and type from its serviceTemplate; the default `<name>-rw/-ro/-r`"
                + " are always ClusterIP)";
    }

    @Override
    public String ownSettingsFix() {
        return "removes the trust lines of spec.postgresql.pg_hba; closes spec.managed.services.additional[].serviceTemplate";
    }

    @Override
    public boolean fixesOwnSettings() {
        return true;
    }

    @Override
    public CustomResourceReading read(ObjectRef ref, Tree root, ReadContext context) {
        ServedVersions.require(this, ref);
        Tree spec = root.map("spec");
        AuthVerdict auth = auth(ref, spec);
        Map<String, String> inherited = spec.path("inheritedMetadata").stringMap("labels");
        List<Datastore> datastores = new ArrayList<>();
        datastores.add(instances(ref, "primary", inherited, auth));
        if (spec.integer("instances").orElse(1) > 1) {
            datastores.add(instances(ref, "replica", inherited, auth));
        }
        List<ServiceView> services = new ArrayList<>();
        List<Tree> additional = spec.path("managed", "services").maps("additional");
        for (int i = 0; i < additional.size(); i++) {
            Tree service = additional.get(i);
            Tree template = service.map("serviceTemplate");
            String at = "spec.managed.services.additional[" + i + "]";
            String name = template.map("metadata").string("name")
                    .orElseThrow(() -> new InvalidFieldException(at + ".serviceTemplate.metadata.name: missing"));
            services.add(GeneratedServices.fromTemplate(ref.namespace(), name, template,
                    selector(ref, service.string("selectorType").orElse("rw"), at), PORT, PORT_NAME, ref, at + ".serviceTemplate.spec"));
        }
        return new CustomResourceReading(datastores, services);
    }

    private static Datastore instances(ObjectRef ref, String role, Map<String, String> inherited, AuthVerdict auth) {
        Map<String, String> labels = new LinkedHashMap<>(inherited);
        labels.put(CLUSTER_LABEL, ref.name());
        labels.put("cnpg.io/podRole", "instance");
        labels.put(ROLE_LABEL, role);
        labels.put("role", role);
        return new Datastore(ref, DatastoreKind.POSTGRESQL, (role.equals("primary") ? "primary" : "replicas") + " of " + ref.display(),
                labels, List.of(DataPort.of(PORT, PORT_NAME)), auth, Optional.empty(), false);
    }

    /** CloudNativePG's selector for an additional Service's selectorType (rw: the primary, ro: replicas, r: any instance). */
    private static Map<String, String> selector(ObjectRef ref, String selectorType, String at) {
        return switch (selectorType) {
            case "rw" -> Map.of(CLUSTER_LABEL, ref.name(), ROLE_LABEL, "primary");
            case "ro" -> Map.of(CLUSTER_LABEL, ref.name(), ROLE_LABEL, "replica");
            case "r" -> Map.of(CLUSTER_LABEL, ref.name(), "cnpg.io/podRole", "instance");
            default -> throw new InvalidFieldException(at + ".selectorType: expected rw, ro or r");
        };
    }

    private static AuthVerdict auth(ObjectRef ref, Tree spec) {
        Optional<AuthVerdict> trust = PgHba.off(ref.display(), "spec.postgresql.pg_hba", spec.map("postgresql").strings("pg_hba"),
                "remove the trust lines from spec.postgresql.pg_hba of " + ref.display() + " (CloudNativePG's default rule then asks for scram-sha-256)");
        if (trust.isPresent()) {
            return trust.get();
        }
        boolean superuser = spec.bool("enableSuperuserAccess").orElse(false);
        return AuthVerdict.on(ref.display() + ": CloudNativePG writes scram-sha-256 pg_hba rules and generates the application"
                + " user's password" + (superuser ? "; enableSuperuserAccess: true also lets the postgres superuser log in with its password" : ""));
    }

    @Override
    public boolean enableAuthentication(ObjectNode object) {
        return PgHba.removeTrustLines(object.path("spec").path("postgresql"), "pg_hba");
    }

    /** The serviceTemplate of the first additional Service that opens an entry (LoadBalancer, NodePort, externalIPs). */
    @Override
    public Optional<ObjectNode> generatedServiceSettings(ObjectNode object) {
        for (JsonNode service : object.path("spec").path("managed").path("services").path("additional")) {
            JsonNode spec = service.path("serviceTemplate").path("spec");
            String type = spec.path("type").asText("ClusterIP");
            if (service.path("serviceTemplate") instanceof ObjectNode template && spec instanceof ObjectNode
                    && (type.equals("LoadBalancer") || type.equals("NodePort") || spec.has("externalIPs"))) {
                return Optional.of(template);
            }
        }
        return Optional.empty();
    }
}
