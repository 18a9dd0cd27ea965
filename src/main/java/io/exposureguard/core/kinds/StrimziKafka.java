package io.exposureguard.core.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.inventory.CustomResourceReading;
import io.exposureguard.core.inventory.ServicePortView;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Strimzi's {@code Kafka} (kafka.strimzi.io v1, and v1beta2 as older operators serve it), with its
 * {@code KafkaNodePool}s. Authentication is per listener: one without {@code authentication} accepts every client,
 * TLS or not. Each listener of each broker group is a datastore on that listener's port, so a Service in front of a
 * port carries that listener's verdict. For every listener that is not internal Strimzi generates
 * {@code <cluster>-kafka-<listener>-bootstrap} plus one Service per broker, of the listener's type (ClusterIP for cluster-ip, ingress, route and tlsroute, which Strimzi publishes through Ingresses,
 * Routes and TLSRoutes of the same names). The fix adds {@code authentication: {type: scram-sha-512}} to every
 * listener published outside the cluster that has none; Strimzi's Services are not changed here (it would revert).
 */
public final class StrimziKafka implements DatastoreResourceKind {

    public static final String GROUP = "kafka.strimzi.io";

    @Override
    public String kind() {
        return "Kafka";
    }

    @Override
    public List<String> groups() {
        return List.of(GROUP);
    }

    @Override
    public List<String> versions() {
        return List.of("v1", "v1beta2");
    }

    @Override
    public String plural() {
        return "kafkas";
    }

    @Override
    public String generatedServices() {
        return "per listener that is not internal, `<name>-kafka-<listener>-bootstrap` and one per broker, `<name>-<pool>-<listener>-<id>` (`<name>-kafka-<listener>-<id>` without node pools),"
                + " of the listener's type (from spec.kafka.listeners)";
    }

    @Override
    public String ownSettingsFix() {
        return "adds authentication: {type: " + StrimziListener.FIX_TYPE + "} to the nodeport, loadbalancer, ingress, route"
                + " and tlsroute listeners without authentication";
    }

    @Override
    public boolean fixesOwnSettings() {
        return true;
    }

    @Override
    public CustomResourceReading read(ObjectRef ref, Tree root, ReadContext context) {
        ServedVersions.require(this, ref);
        Tree kafkaSpec = root.path("spec", "kafka");
        List<StrimziListener> listeners = StrimziListener.read(ref, kafkaSpec);
        List<StrimziBrokers> groups = StrimziBrokers.of(ref, root, context);
        List<Datastore> datastores = new ArrayList<>();
        for (StrimziBrokers group : groups) {
            for (StrimziListener l : listeners) {
                datastores.add(new Datastore(ref, DatastoreKind.KAFKA, "listener " + l.name() + " of " + group.description(),
                        group.labels(), List.of(DataPort.of(l.port(), l.portName())), l.auth(), Optional.empty(), false));
            }
        }
        return new CustomResourceReading(datastores, services(ref, kafkaSpec, listeners, groups));
    }

    /**
     * The Services of the listeners that are not internal. The internal listeners' {@code <cluster>-kafka-bootstrap}
     * is always ClusterIP, so it opens nothing; it is left out, and a real Service of that name is read as it is.
     */
    private static List<ServiceView> services(ObjectRef ref, Tree kafkaSpec, List<StrimziListener> listeners, List<StrimziBrokers> groups) {
        List<ServiceView> out = new ArrayList<>();
        Map<String, String> selector = StrimziBrokers.selector(ref.name());
        for (StrimziListener l : listeners) {
            if (l.internal()) {
                continue;
            }
            Tree configuration = l.configuration();
            Tree bootstrap = configuration.map("bootstrap");
            out.add(service(ref, l, l.bootstrapService(ref.name()), selector, bootstrap,
                    annotations(kafkaSpec.path("template", "externalBootstrapService"), bootstrap)));
            Map<Integer, Tree> brokers = new LinkedHashMap<>();
            configuration.maps("brokers").forEach(b -> b.integer("broker").ifPresent(id -> brokers.put(id, b)));
            for (StrimziBrokers group : groups) {
                for (int id : group.nodeIds()) {
                    Tree broker = brokers.getOrDefault(id, Tree.empty("broker"));
                    Tree template = group.template().has("perPodService") ? group.template() : kafkaSpec.map("template");
                    out.add(service(ref, l, l.brokerService(group.base(), id), group.labels(), broker,
                            annotations(template.map("perPodService"), broker)));
                }
            }
        }
        return out;
    }

    /**
     * A Service of a listener. Per-broker Services select one pod by name; read here with the broker group's
     * labels, which select the same listener settings.
     */
    private static ServiceView service(ObjectRef ref, StrimziListener l, String name, Map<String, String> selector, Tree own,
                                       Map<String, String> annotations) {
        boolean loadBalancer = l.serviceType().equals("LoadBalancer");
        List<String> externalIPs = l.type().equals("nodeport") ? own.strings("externalIPs") : List.of();
        return new ServiceView(ref.namespace(), name, l.serviceType(), annotations, selector,
                List.of(new ServicePortView(l.portName(), l.port(), l.port(), null, own.integer("nodePort").orElse(0))),
                loadBalancer ? l.configuration().strings("loadBalancerSourceRanges") : List.of(), externalIPs,
                loadBalancer ? l.configuration().string("controllerClass").orElse(null) : null, ref, l.settingsPath())
                .withCloseFix("set " + l.settingsPath() + ".type: internal on " + ref.display() + " (not " + l.type() + ")"
                        + (loadBalancer ? ", or restrict it with " + l.settingsPath() + ".configuration.loadBalancerSourceRanges" : ""));
    }

    /** The template's annotations, then the listener's own (configuration.bootstrap or .brokers[]) on top. */
    private static Map<String, String> annotations(Tree template, Tree own) {
        Map<String, String> out = new LinkedHashMap<>(template.map("metadata").stringMap("annotations"));
        out.putAll(own.stringMap("annotations"));
        return out;
    }

    @Override
    public boolean enableAuthentication(ObjectNode object) {
        boolean changed = false;
        for (JsonNode listener : object.path("spec").path("kafka").path("listeners")) {
            if (listener instanceof ObjectNode l && StrimziListener.EXTERNAL.contains(l.path("type").asText())
                    && (!l.has("authentication") || l.get("authentication").isNull())) {
                l.putObject("authentication").put("type", StrimziListener.FIX_TYPE);
                changed = true;
            }
        }
        return changed;
    }
}
