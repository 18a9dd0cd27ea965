package io.exposureguard.core.kinds;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Percona's {@code PerconaServerMongoDB} (psmdb.percona.com/v1). Each member {@code <name>-<replset>-<n>} of
 * {@code spec.replsets[]} (and of {@code spec.sharding.configsvrReplSet} when sharding is on) is a datastore on the
 * operator's labels and its pod name. The operator starts mongod with {@code --auth} and a generated system-users
 * Secret; from crVersion 1.22.0 a replset's {@code configuration} (mongod.conf text) with
 * {@code security.authorization: disabled} drops it (no crVersion: the operator writes its own, current one). With
 * {@code expose.enabled} every member gets a Service of its pod's name, typed by {@code expose.type} (the older
 * {@code exposeType} when that is empty); the mongos routers get {@code <name>-mongos} from
 * {@code sharding.mongos.expose} and take the config servers' authorization. The fix sets authorization back to
 * enabled in the configuration text.
 */
public final class PerconaServerMongoDb implements DatastoreResourceKind {

    private static final int PORT = 27017;
    private static final String PORT_NAME = "mongodb";
    private static final int MAX_MEMBERS = 1000;
    /** {@code authorization: disabled} in mongod.conf text, block or flow style. */
    private static final Pattern DISABLED = Pattern.compile("(\\bauthorization\\s*:\\s*)([\"']?)disabled\\2");
    /** The major and minor of a crVersion (bounded, so a long run of digits is bad input, not an overflow). */
    private static final Pattern CR_VERSION = Pattern.compile("^v?(\\d{1,6})\\.(\\d{1,6})");
    /** The first crVersion whose operator honours {@code authorization: disabled}. */
    private static final int[] HONOURS_DISABLED = {1, 22};

    @Override
    public String kind() {
        return "PerconaServerMongoDB";
    }

    @Override
    public List<String> groups() {
        return List.of("psmdb.percona.com");
    }

    @Override
    public List<String> versions() {
        return List.of("v1");
    }

    @Override
    public String plural() {
        return "perconaservermongodbs";
    }

    @Override
    public String generatedServices() {
        return "`<name>-<replset>-<n>` per member with spec.replsets[].expose.enabled (type from expose.type or exposeType);"
                + " `<name>-mongos` (from spec.sharding.mongos.expose)";
    }

    @Override
    public String ownSettingsFix() {
        return "sets security.authorization back to enabled in spec.replsets[].configuration and spec.sharding.configsvrReplSet.configuration";
    }

    @Override
    public boolean fixesOwnSettings() {
        return true;
    }

    @Override
    public CustomResourceReading read(ObjectRef ref, Tree root, ReadContext context) {
        ServedVersions.require(this, ref);
        Tree spec = root.map("spec");
        boolean honoursDisabled = honoursDisabled(spec.string("crVersion"));
        List<Tree> replsets = new ArrayList<>(spec.maps("replsets"));
        Tree sharding = spec.map("sharding");
        boolean sharded = sharding.bool("enabled").orElse(false);
        if (sharded && sharding.has("configsvrReplSet")) {
            replsets.add(sharding.map("configsvrReplSet"));
        }
        List<Datastore> datastores = new ArrayList<>();
        List<ServiceView> services = new ArrayList<>();
        AuthVerdict configServers = null;
        for (Tree replset : replsets) {
            boolean configsvr = replset.pathText().equals("spec.sharding.configsvrReplSet");
            String name = configsvr ? "cfg" : replset.string("name")
                    .orElseThrow(() -> new InvalidFieldException(replset.pathText() + ".name: missing"));
            AuthVerdict auth = auth(ref, replset, honoursDisabled);
            configServers = configsvr ? auth : configServers;
            int size = replset.integer("size").orElse(3);
            if (size < 0 || size > MAX_MEMBERS) {
                throw new InvalidFieldException(replset.pathText() + ".size: expected 0 to " + MAX_MEMBERS);
            }
            Tree expose = replset.map("expose");
            boolean exposed = expose.bool("enabled").orElse(false);
            for (int i = 0; i < size; i++) {
                String pod = ref.name() + "-" + name + "-" + i;
                Map<String, String> labels = labels(ref, name, "mongod");
                labels.put("statefulset.kubernetes.io/pod-name", pod);
                datastores.add(new Datastore(ref, DatastoreKind.MONGODB, "member " + pod + " of " + ref.display(), labels,
                        List.of(DataPort.of(PORT, PORT_NAME)), auth, Optional.empty(), false));
                if (exposed) {
                    service(ref, pod, expose, Map.of("statefulset.kubernetes.io/pod-name", pod), 0, replset.pathText() + ".expose")
                            .ifPresent(services::add);
                }
            }
        }
        if (sharded && sharding.map("mongos").integer("size").orElse(3) > 0) {
            Map<String, String> labels = labels(ref, null, "mongos");
            AuthVerdict auth = configServers != null ? configServers
                    : AuthVerdict.on(ref.display() + ": mongos authenticates clients against the config servers' users");
            datastores.add(new Datastore(ref, DatastoreKind.MONGODB, "mongos of " + ref.display(), labels,
                    List.of(DataPort.of(PORT, PORT_NAME)), auth, Optional.empty(), false));
            Tree expose = sharding.path("mongos", "expose");
            service(ref, ref.name() + "-mongos", expose, labels, expose.integer("nodePort").orElse(0), "spec.sharding.mongos.expose")
                    .ifPresent(services::add);
        }
        return new CustomResourceReading(datastores, services);
    }

    private static Map<String, String> labels(ObjectRef ref, String replset, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "percona-server-mongodb");
        labels.put("app.kubernetes.io/instance", ref.name());
        labels.put("app.kubernetes.io/managed-by", "percona-server-mongodb-operator");
        labels.put("app.kubernetes.io/part-of", "percona-server-mongodb");
        labels.put("app.kubernetes.io/component", component);
        if (replset != null) {
            labels.put("app.kubernetes.io/replset", replset);
        }
        return labels;
    }

    private static Optional<ServiceView> service(ObjectRef ref, String name, Tree expose, Map<String, String> selector,
                                                 int nodePort, String settingsPath) {
        String type = expose.string("type").filter(t -> !t.isEmpty()).or(() -> expose.string("exposeType")).orElse("ClusterIP");
        Map<String, String> annotations = new LinkedHashMap<>(expose.stringMap("serviceAnnotations"));
        annotations.putAll(expose.stringMap("annotations"));
        return PublishedService.of(ref, name, type, annotations, selector, PORT, PORT_NAME, nodePort,
                expose.strings("loadBalancerSourceRanges"), expose.string("loadBalancerClass").orElse(null), settingsPath);
    }

    private static AuthVerdict auth(ObjectRef ref, Tree replset, boolean honoursDisabled) {
        String configuration = replset.string("configuration").orElse("");
        if (DISABLED.matcher(configuration).find()) {
            String at = replset.pathText() + ".configuration";
            if (honoursDisabled) {
                return AuthVerdict.off(ref.display() + " " + at + " sets security.authorization: disabled, so the operator starts"
                        + " mongod without --auth and any client reads and writes", "set security.authorization: enabled in " + at
                        + " of " + ref.display());
            }
            return AuthVerdict.on(ref.display() + ": " + at + " sets security.authorization: disabled, which operators before"
                    + " crVersion 1.22.0 ignore (they always pass --auth)");
        }
        return AuthVerdict.on(ref.display() + ": the Percona operator starts mongod with --auth and generates the system users' passwords");
    }

    /** Whether the crVersion is 1.22.0 or later; none means the operator writes its own, current version. */
    private static boolean honoursDisabled(Optional<String> crVersion) {
        if (crVersion.isEmpty()) {
            return true;
        }
        Matcher m = CR_VERSION.matcher(crVersion.get().trim());
        if (!m.find()) {
            throw new InvalidFieldException("spec.crVersion: expected a version such as 1.22.0");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > HONOURS_DISABLED[0] || (major == HONOURS_DISABLED[0] && minor >= HONOURS_DISABLED[1]);
    }

    @Override
    public boolean enableAuthentication(ObjectNode object) {
        JsonNode spec = object.path("spec");
        List<JsonNode> replsets = new ArrayList<>();
        spec.path("replsets").forEach(replsets::add);
        replsets.add(spec.path("sharding").path("configsvrReplSet"));
        boolean changed = false;
        for (JsonNode replset : replsets) {
            if (replset instanceof ObjectNode r && r.path("configuration").isTextual()) {
                String text = r.get("configuration").asText();
                String fixed = DISABLED.matcher(text).replaceAll("$1$2enabled$2");
                if (!fixed.equals(text)) {
                    r.put("configuration", fixed);
                    changed = true;
                }
            }
        }
        return changed;
    }
}
