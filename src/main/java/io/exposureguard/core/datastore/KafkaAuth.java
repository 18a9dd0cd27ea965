package io.exposureguard.core.datastore;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Apache Kafka from a plain image (apache/kafka, bitnami/kafka, confluentinc/cp-kafka): each listener's protocol
 * comes from {@code listener.security.protocol.map} (a listener named after a protocol uses that protocol). A client
 * listener on PLAINTEXT, or on SSL without {@code ssl.client.auth=required}, authenticates nobody; SASL_* listeners
 * ask for credentials. The settings are read from the images' env ({@code KAFKA_CFG_*} on Bitnami,
 * {@code KAFKA_*} on the Apache and Confluent images), {@code --override key=value} args and a mounted
 * server.properties. With none of them, Kafka's default {@code listeners=PLAINTEXT://:9092} applies. Brokers that
 * Strimzi runs are configured from their {@code Kafka} resource, which is read instead.
 */
public final class KafkaAuth {

    private static final String FIX = "map the client listeners to SASL_SSL (or SASL_PLAINTEXT) in listener.security.protocol.map"
            + " and configure SASL users, or require TLS client certificates (ssl.client.auth=required)";
    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    public AuthVerdict inspect(ContainerView c) {
        String who = "container " + c.containerName();
        Optional<String> listeners = setting(c, "listeners");
        Optional<String> protocolMap = setting(c, "listener.security.protocol.map");
        if (listeners.isEmpty() && protocolMap.isEmpty()) {
            if (!c.unseenConfig().isEmpty()) {
                return AuthVerdict.unknown("the broker settings of " + who + " come from " + String.join(", ", c.unseenConfig())
                        + ", which exposure-guard cannot read", FIX);
            }
            if (c.image().repository().contains("strimzi/")) {
                return AuthVerdict.unknown(who + " (" + c.imageLabel() + ") is a broker Strimzi configures from its Kafka"
                        + " resource; its listeners are read from that resource", "add authentication to the listeners of its Kafka resource");
            }
            return AuthVerdict.off(who + " (" + c.imageLabel() + ") sets no listeners: Kafka's default listener is"
                    + " PLAINTEXT://:9092, which authenticates no client", FIX);
        }
        Map<String, String> protocols = protocols(protocolMap.orElse(""));
        Set<String> controllers = Set.copyOf(names(setting(c, "controller.listener.names").orElse("")));
        boolean clientCertificates = setting(c, "ssl.client.auth").map(v -> v.trim().equalsIgnoreCase("required")).orElse(false);
        List<String> names = listeners.map(KafkaAuth::listenerNames).orElseGet(() -> new ArrayList<>(protocols.keySet()));
        List<String> open = new ArrayList<>();
        List<String> authenticated = new ArrayList<>();
        for (String name : names) {
            if (controllers.contains(name)) {
                continue;
            }
            String protocol = protocols.getOrDefault(name, PROTOCOLS.contains(name) ? name : "");
            if (protocol.equals("PLAINTEXT") || (protocol.equals("SSL") && !clientCertificates)) {
                open.add(name + " (" + protocol + ")");
            } else if (!protocol.isEmpty()) {
                authenticated.add(name + " (" + protocol + ")");
            }
        }
        if (!open.isEmpty()) {
            return AuthVerdict.off(who + " has client listeners that authenticate nobody: " + String.join(", ", open)
                    + (open.stream().anyMatch(l -> l.endsWith("(SSL)")) ? "; SSL without ssl.client.auth=required only encrypts" : ""),
                    FIX);
        }
        if (!authenticated.isEmpty()) {
            return AuthVerdict.on(who + " authenticates every client listener: " + String.join(", ", authenticated));
        }
        return AuthVerdict.unknown(who + " names listeners whose protocol exposure-guard cannot tell", FIX);
    }

    /** A broker setting: env (Bitnami's KAFKA_CFG_ first, then KAFKA_), {@code key=value} args, then mounted config. */
    private static Optional<String> setting(ContainerView c, String key) {
        String env = key.toUpperCase(Locale.ROOT).replace('.', '_');
        for (String name : List.of("KAFKA_CFG_" + env, "KAFKA_" + env)) {
            Optional<String> value = c.envValue(name).filter(v -> !v.isBlank());
            if (value.isPresent()) {
                return value;
            }
        }
        for (String arg : c.args()) {
            if (arg.startsWith(key + "=")) {
                return Optional.of(arg.substring(key.length() + 1));
            }
        }
        Matcher m = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:]\\s*(\\S.*?)\\s*$", Pattern.MULTILINE)
                .matcher(c.mountedConfig() == null ? "" : c.mountedConfig());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** "INTERNAL:PLAINTEXT,EXTERNAL:SASL_SSL" as listener name to protocol, upper case. */
    private static Map<String, String> protocols(String map) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : map.split(",")) {
            int colon = entry.indexOf(':');
            if (colon > 0) {
                out.put(entry.substring(0, colon).trim().toUpperCase(Locale.ROOT), entry.substring(colon + 1).trim().toUpperCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** "PLAINTEXT://:9092,CONTROLLER://:9093" as its listener names. */
    private static List<String> listenerNames(String listeners) {
        List<String> out = new ArrayList<>();
        for (String l : listeners.split(",")) {
            int scheme = l.indexOf("://");
            if (scheme > 0) {
                out.add(l.substring(0, scheme).trim().toUpperCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static List<String> names(String list) {
        List<String> out = new ArrayList<>();
        for (String n : list.split(",")) {
            if (!n.isBlank()) {
                out.add(n.trim().toUpperCase(Locale.ROOT));
            }
        }
        return out;
    }
}
