package io.exposureguard.core.kinds;

import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.datastore.RabbitMqModule;
import io.exposureguard.core.inventory.CustomResourceReading;
import io.exposureguard.core.inventory.InvalidFieldException;
import io.exposureguard.core.inventory.ServicePortView;
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
 * The RabbitMQ cluster operator's {@code RabbitmqCluster} (rabbitmq.com/v1beta1). Its pods carry
 * {@code app.kubernetes.io/name: <name>}, {@code app.kubernetes.io/component: rabbitmq} and
 * {@code app.kubernetes.io/part-of: rabbitmq} (internal/metadata/label.go). The operator writes a default user into
 * {@code conf.d/11-default_user.conf} whose name and password it generates into {@code <name>-default-user}, taking
 * {@code default_user}/{@code default_pass} from {@code spec.rabbitmq.additionalConfig} when set there
 * (internal/resource/default_user_secret.go); since there is a default user, {@code guest} is never made. So
 * authentication is on, unless the additional configuration makes the default user {@code guest} with password
 * {@code guest}: the image's {@code 10-defaults.conf} (not hidden, the operator mounts single files) lets guest in from
 * any address, unless the configuration sets {@code loopback_users.guest = true}. The client Service {@code <name>}
 * selects {@code app.kubernetes.io/name: <name>}, takes {@code spec.service.type} and annotations, then
 * {@code spec.override.service} (type, source ranges, load-balancer class, node ports by port name), and carries
 * amqp 5672 and management 15672, or amqps 5671 and management-tls 15671 with {@code spec.tls.secretName} (only these
 * with {@code tls.disableNonTLSListeners}) (internal/resource/service.go). The default user and its password are
 * seeded at first boot only, so there is no fix of the kind's own settings: the entry in front is closed.
 */
public final class RabbitmqCluster implements DatastoreResourceKind {

    private static final int MAX_REPLICAS = 1000;
    private static final Pattern DEFAULT_USER = Pattern.compile("^\\s*default_user\\s*=\\s*(\\S*)\\s*$", Pattern.MULTILINE);
    private static final Pattern DEFAULT_PASS = Pattern.compile("^\\s*default_pass\\s*=\\s*(\\S*)\\s*$", Pattern.MULTILINE);
    private static final Pattern GUEST_KEPT_LOCAL = Pattern.compile(RabbitMqModule.GUEST_KEPT_LOCAL, Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);

    @Override
    public String kind() {
        return "RabbitmqCluster";
    }

    @Override
    public List<String> groups() {
        return List.of("rabbitmq.com");
    }

    @Override
    public List<String> versions() {
        return List.of("v1beta1");
    }

    @Override
    public String plural() {
        return "rabbitmqclusters";
    }

    @Override
    public String generatedServices() {
        return "`<name>` (amqp 5672 and management 15672, or their TLS ports; type from spec.service.type, then spec.override.service.spec)";
    }

    @Override
    public String ownSettingsFix() {
        return "none (the default user is seeded at first boot; the entry in front is closed instead)";
    }

    @Override
    public boolean fixesOwnSettings() {
        return false;
    }

    @Override
    public CustomResourceReading read(ObjectRef ref, Tree root, ReadContext context) {
        ServedVersions.require(this, ref);
        Tree spec = root.map("spec");
        int replicas = spec.integer("replicas").orElse(1);
        if (replicas < 0 || replicas > MAX_REPLICAS) {
            throw new InvalidFieldException("spec.replicas: expected 0 to " + MAX_REPLICAS);
        }
        Tree tls = spec.map("tls");
        boolean withTls = !tls.string("secretName").orElse("").isEmpty();
        boolean plain = !(withTls && tls.bool("disableNonTLSListeners").orElse(false));
        List<DataPort> ports = new ArrayList<>();
        if (plain) {
            ports.add(DataPort.of(5672, "amqp"));
            ports.add(DataPort.of(15672, "management"));
        }
        if (withTls) {
            ports.add(DataPort.of(5671, "amqps"));
            ports.add(DataPort.of(15671, "management-tls"));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", ref.name());
        labels.put("app.kubernetes.io/component", "rabbitmq");
        labels.put("app.kubernetes.io/part-of", "rabbitmq");
        List<Datastore> datastores = replicas == 0 ? List.of() : List.of(new Datastore(ref, DatastoreKind.RABBITMQ,
                "nodes of " + ref.display(), labels, ports, auth(ref, spec.map("rabbitmq")), Optional.empty(), false));
        List<ServiceView> services = new ArrayList<>();
        service(ref, spec, ports).ifPresent(services::add);
        return new CustomResourceReading(datastores, services);
    }

    private static Optional<ServiceView> service(ObjectRef ref, Tree spec, List<DataPort> ports) {
        Tree service = spec.map("service");
        Tree override = spec.path("override", "service");
        Tree overrideSpec = override.map("spec");
        String type = PublishedService.type(service, "type");
        String at = "spec.service";
        if (overrideSpec.has("type")) {
            type = PublishedService.type(overrideSpec, "type");
            at = overrideSpec.pathText();
        }
        Map<String, Integer> nodePorts = new LinkedHashMap<>();
        for (Tree port : overrideSpec.maps("ports")) {
            port.string("name").ifPresent(n -> nodePorts.put(n, port.integer("nodePort").orElse(0)));
        }
        List<ServicePortView> servicePorts = ports.stream().map(p -> new ServicePortView(p.name(), p.number(), p.number(), null,
                nodePorts.getOrDefault(p.name(), 0))).toList();
        Map<String, String> annotations = new LinkedHashMap<>(service.stringMap("annotations"));
        annotations.putAll(override.map("metadata").stringMap("annotations"));
        String finalType = type;
        String settings = at;
        return PublishedService.of(ref, ref.name(), type, annotations, Map.of("app.kubernetes.io/name", ref.name()), servicePorts,
                        overrideSpec.strings("loadBalancerSourceRanges"), overrideSpec.string("loadBalancerClass").orElse(null), at)
                .map(s -> s.withCloseFix("set " + settings + ".type: ClusterIP on " + ref.display() + " (not " + finalType + ")"));
    }

    private static AuthVerdict auth(ObjectRef ref, Tree rabbitmq) {
        String config = rabbitmq.string("additionalConfig").orElse("");
        String user = last(DEFAULT_USER.matcher(config));
        String pass = last(DEFAULT_PASS.matcher(config));
        if ("guest".equals(user) && "guest".equals(pass)) {
            if (GUEST_KEPT_LOCAL.matcher(config).find()) {
                return AuthVerdict.on(ref.display() + ": spec.rabbitmq.additionalConfig makes the default user guest/guest but"
                        + " keeps it to localhost (loopback_users)");
            }
            return AuthVerdict.off(ref.display() + " spec.rabbitmq.additionalConfig makes the default user guest with password"
                            + " guest, which the image's 10-defaults.conf lets in from any address",
                    "change the guest user's password in " + ref.display() + " (rabbitmqctl change_password) and remove"
                            + " default_user/default_pass from spec.rabbitmq.additionalConfig");
        }
        return AuthVerdict.on(ref.display() + ": the operator makes a default user "
                + (user == null ? "of a generated name" : user) + (pass == null ? " with a generated password" : "")
                + " (Secret " + ref.name() + "-default-user), so no guest user exists");
    }

    /** The last value the key takes (later lines win in rabbitmq.conf); null when it is not set. */
    private static String last(Matcher m) {
        String value = null;
        while (m.find()) {
            value = m.group(1);
        }
        return value == null || value.isEmpty() ? null : value;
    }
}
