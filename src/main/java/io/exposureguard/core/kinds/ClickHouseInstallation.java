package io.exposureguard.core.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Altinity's {@code ClickHouseInstallation} (clickhouse.altinity.com/v1), as its clickhouse-operator reads it
 * (pkg/model/chi/normalizer, pkg/model/chi/creator/service.go, config/config.yaml). Each cluster of
 * {@code spec.configuration.clusters[]} (none: one named {@code cluster}) is a datastore on the operator's labels
 * ({@code clickhouse.altinity.com/app: chop}, {@code chi}, {@code namespace}, {@code cluster}, {@code ready: yes}),
 * serving HTTP 8123 and the native protocol 9000. Users are settings keyed {@code <user>/<setting>} in
 * {@code spec.configuration.users}. The operator keeps the {@code default} user's empty password, gives other users
 * without one the password of its configuration ({@code default} as shipped), and adds {@code ::1},
 * {@code 127.0.0.1} and a host_regexp of the installation's own pods to every user's {@code networks/ip}; a
 * {@code networks/ip} of {@code ::/0} or {@code 0.0.0.0/0} opens a user to every address, so such a user without a
 * password of its own turns authentication off. Without a service template the operator's {@code clickhouse-<name>}
 * Service is headless ClusterIP (LoadBalancer before operator 0.23.4: such a real Service is read as it is); the
 * templates named in {@code spec.defaults.templates.serviceTemplate(s)} (selecting the installation's ready pods)
 * and a cluster's {@code clusterServiceTemplate} ({@code cluster-<name>-<cluster>}) are copied from
 * {@code spec.templates.serviceTemplates[]}, named by their {@code generateName}. Shard and replica service
 * templates and templates from ClickHouseInstallationTemplate objects are not modelled (their real Services are
 * read as they are). The fix drops the any-address entries from such users' networks and closes the first open
 * service template.
 */
public final class ClickHouseInstallation implements DatastoreResourceKind {

    static final String PREFIX = "clickhouse.altinity.com/";
    private static final String USERS = "spec.configuration.users";
    private static final String DEFAULT_USER = "default";
    private static final int MAX_COUNT = 1000;
    private static final Set<String> ANY_ADDRESS = Set.of("::/0", "0.0.0.0/0");
    private static final List<DataPort> PORTS = List.of(DataPort.of(8123, "http"), DataPort.of(9000, "tcp"));

    @Override
    public String kind() {
        return "ClickHouseInstallation";
    }

    @Override
    public List<String> groups() {
        return List.of("clickhouse.altinity.com");
    }

    @Override
    public List<String> versions() {
        return List.of("v1");
    }

    @Override
    public String plural() {
        return "clickhouseinstallations";
    }

    @Override
    public String generatedServices() {
        return "`clickhouse-<name>` (headless ClusterIP unless spec.defaults.templates.serviceTemplate(s) names a template of"
                + " spec.templates.serviceTemplates, whose generateName then names it) and `cluster-<name>-<cluster>` (from a"
                + " cluster's clusterServiceTemplate)";
    }

    @Override
    public String ownSettingsFix() {
        return "removes ::/0 and 0.0.0.0/0 from the networks/ip of users without a password in " + USERS
                + " (the operator then admits only the installation's pods and localhost); closes the first open service template";
    }

    @Override
    public boolean fixesOwnSettings() {
        return true;
    }

    @Override
    public CustomResourceReading read(ObjectRef ref, Tree root, ReadContext context) {
        ServedVersions.require(this, ref);
        Tree spec = root.map("spec");
        AuthVerdict auth = auth(ref, spec.path("configuration", "users"));
        Map<String, Tree> templates = new LinkedHashMap<>();
        for (Tree template : spec.map("templates").maps("serviceTemplates")) {
            templates.put(template.string("name").orElseThrow(() -> new InvalidFieldException(template.pathText() + ".name: missing")),
                    template);
        }
        Map<String, String> installation = new LinkedHashMap<>();
        installation.put(PREFIX + "app", "chop");
        installation.put(PREFIX + "chi", ref.name());
        installation.put(PREFIX + "namespace", ref.namespace());
        List<Tree> clusters = spec.map("configuration").maps("clusters");
        List<Datastore> datastores = new ArrayList<>();
        List<ServiceView> services = new ArrayList<>();
        Tree defaults = spec.path("defaults", "templates");
        for (Tree cluster : clusters) {
            String name = cluster.string("name").orElseThrow(() -> new InvalidFieldException(cluster.pathText() + ".name: missing"));
            for (String count : List.of("shardsCount", "replicasCount")) {
                int n = cluster.map("layout").integer(count).orElse(1);
                if (n < 0 || n > MAX_COUNT) {
                    throw new InvalidFieldException(cluster.pathText() + ".layout." + count + ": expected 0 to " + MAX_COUNT);
                }
            }
            Datastore datastore = cluster(ref, installation, name, auth);
            datastores.add(datastore);
            Map<String, String> selector = datastore.podLabels();
            Tree own = cluster.map("templates");
            Optional<String> template = own.string("clusterServiceTemplate").or(() -> defaults.string("clusterServiceTemplate"));
            template.map(templates::get).ifPresent(t -> services.add(service(ref, t, "cluster-" + ref.name() + "-" + name, name, selector)));
        }
        if (clusters.isEmpty()) {
            datastores.add(cluster(ref, installation, "cluster", auth));
        }
        Map<String, String> ready = new LinkedHashMap<>(installation);
        ready.put(PREFIX + "ready", "yes");
        Set<String> names = new LinkedHashSet<>();
        defaults.string("serviceTemplate").ifPresent(names::add);
        names.addAll(defaults.strings("serviceTemplates"));
        if (templates.keySet().containsAll(names)) {
            names.forEach(n -> services.add(service(ref, templates.get(n), "clickhouse-" + ref.name(), "", ready)));
        }
        return new CustomResourceReading(datastores, services);
    }

    private static Datastore cluster(ObjectRef ref, Map<String, String> installation, String name, AuthVerdict auth) {
        Map<String, String> labels = new LinkedHashMap<>(installation);
        labels.put(PREFIX + "cluster", name);
        labels.put(PREFIX + "ready", "yes");
        return new Datastore(ref, DatastoreKind.CLICKHOUSE, "cluster " + name + " of " + ref.display(), labels, PORTS, auth,
                Optional.empty(), false);
    }

    private static ServiceView service(ObjectRef ref, Tree template, String defaultName, String cluster, Map<String, String> selector) {
        String name = template.string("generateName").filter(n -> !n.isEmpty()).orElse(defaultName)
                .replace("{chi}", ref.name()).replace("{cluster}", cluster).replace("{namespace}", ref.namespace());
        Map<String, String> merged = new LinkedHashMap<>(template.map("spec").stringMap("selector"));
        merged.putAll(selector);
        return GeneratedServices.fromOwnPorts(ref.namespace(), name, template, merged, ref, template.pathText() + ".spec");
    }

    /** A key of {@code spec.configuration.users} split into its user and setting; empty when it has no slash. */
    private record UserSetting(String user, String setting) {
        static Optional<UserSetting> of(String key) {
            String trimmed = key.replaceAll("^/+|/+$", "");
            int slash = trimmed.indexOf('/');
            return slash <= 0 ? Optional.empty() : Optional.of(new UserSetting(trimmed.substring(0, slash), trimmed.substring(slash + 1)));
        }
    }

    /** The users of {@code spec.configuration.users} (always {@code default}), each with its settings; keys without a user are left out. */
    private static Map<String, Map<String, Object>> users(Map<String, ?> users) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        out.put(DEFAULT_USER, new LinkedHashMap<>());
        users.forEach((key, value) -> UserSetting.of(key).ifPresent(at ->
                out.computeIfAbsent(at.user(), u -> new LinkedHashMap<>()).put(at.setting(), value)));
        return out;
    }

    private static AuthVerdict auth(ObjectRef ref, Tree usersTree) {
        usersTree.raw().keySet().stream().filter(k -> UserSetting.of(k).isEmpty()).findFirst().ifPresent(k -> {
            throw new InvalidFieldException(usersTree.pathText() + "." + k
                    + ": expected settings keyed <user>/<setting> (the operator ignores a nested object)");
        });
        List<String> open = new ArrayList<>();
        for (var user : users(usersTree.raw()).entrySet()) {
            Map<String, Object> settings = user.getValue();
            List<String> any = anyAddress(usersTree.pathText() + "." + user.getKey() + "/networks/ip", settings.get("networks/ip"));
            if (!any.isEmpty() && !hasPassword(settings)) {
                open.add(user.getKey().equals(DEFAULT_USER)
                        ? "the default user has no password and networks/ip " + String.join(", ", any)
                        : "user " + user.getKey() + " has networks/ip " + String.join(", ", any) + " and no password of its own, so the"
                        + " operator gives it the one of its configuration ('default' as shipped)");
            }
        }
        if (!open.isEmpty()) {
            return AuthVerdict.off(ref.display() + " " + USERS + ": " + String.join("; ", open) + ": any client that reaches it logs in",
                    "remove ::/0 and 0.0.0.0/0 from those users' networks/ip in " + USERS + " of " + ref.display()
                            + ", or give them a password (<user>/k8s_secret_password from a Secret)");
        }
        return AuthVerdict.on(ref.display() + ": the clickhouse-operator admits a user without a password only from localhost and"
                + " the installation's own pods (networks/ip ::1, 127.0.0.1 and a host_regexp), and no user of " + USERS
                + " opens that to every address without a password");
    }

    private static List<String> anyAddress(String at, Object networks) {
        List<String> any = new ArrayList<>();
        List<?> entries = networks == null ? List.of() : networks instanceof List<?> l ? l : List.of(networks);
        for (Object entry : entries) {
            if (entry instanceof Map || entry instanceof List) {
                throw new InvalidFieldException(at + ": expected an address or a list of addresses, found an object");
            }
            String address = String.valueOf(entry).trim();
            if (ANY_ADDRESS.contains(address)) {
                any.add(address);
            }
        }
        return any;
    }

    /** A plaintext, hashed, Secret-referenced or certificate credential. */
    private static boolean hasPassword(Map<String, Object> settings) {
        return settings.entrySet().stream().anyMatch(e -> (e.getKey().startsWith("password") || e.getKey().startsWith("k8s_secret_")
                || e.getKey().startsWith("ssl_certificates")) && e.getValue() != null && !String.valueOf(e.getValue()).isBlank());
    }

    @Override
    public boolean enableAuthentication(ObjectNode object) {
        if (!(object.path("spec").path("configuration").path("users") instanceof ObjectNode users)) {
            return false;
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        users.fields().forEachRemaining(e -> raw.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue()));
        Map<String, Map<String, Object>> byUser = users(raw);
        List<String> keys = new ArrayList<>();
        users.fieldNames().forEachRemaining(keys::add);
        boolean changed = false;
        for (String key : keys) {
            Optional<UserSetting> at = UserSetting.of(key).filter(u -> u.setting().equals("networks/ip") && !hasPassword(byUser.get(u.user())));
            if (at.isEmpty()) {
                continue;
            }
            JsonNode networks = users.get(key);
            if (networks instanceof ArrayNode list) {
                changed |= SettingsEdits.removeIf(list, n -> ANY_ADDRESS.contains(n.asText().trim()));
                if (list.isEmpty()) {
                    users.remove(key);
                }
            } else if (networks.isValueNode() && ANY_ADDRESS.contains(networks.asText().trim())) {
                users.remove(key);
                changed = true;
            }
        }
        return changed;
    }

    /** The first service template that opens an entry (LoadBalancer, NodePort, externalIPs). */
    @Override
    public Optional<ObjectNode> generatedServiceSettings(ObjectNode object) {
        for (JsonNode template : object.path("spec").path("templates").path("serviceTemplates")) {
            JsonNode spec = template.path("spec");
            String type = spec.path("type").asText("ClusterIP");
            if (template instanceof ObjectNode t && spec instanceof ObjectNode
                    && (type.equals("LoadBalancer") || type.equals("NodePort") || spec.has("externalIPs"))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
