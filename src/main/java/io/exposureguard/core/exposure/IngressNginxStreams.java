package io.exposureguard.core.exposure;

import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.ServicePortView;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.model.Hop;
import io.exposureguard.core.model.InputProblem;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ingress-nginx's TCP and UDP services ("Exposing TCP and UDP services" in its docs): a ConfigMap whose data maps a
 * port of the controller to a Service port, {@code "6379": "shop/redis:6379[:PROXY][:PROXY]"}, which the controller
 * passes through as a stream, the datastore's own protocol. The ConfigMaps counted are those a controller container
 * names with {@code --tcp-services-configmap} / {@code --udp-services-configmap} ({@code $(POD_NAMESPACE)} is the
 * controller's namespace); where none in the input names one, the usual names ({@code tcp-services},
 * {@code udp-services}, the chart's {@code <release>-ingress-nginx-tcp}/{@code -udp}) count, unconfirmed, in a
 * namespace where no controller without the flag runs. The entry is the controller's Service: a Service of the
 * controller's namespace selecting its pods (or, without the controller in the input, the ingress-nginx labels)
 * whose target port is the mapped port; none in the input: the controller is assumed internet-facing, as an Ingress
 * is. Pure.
 */
final class IngressNginxStreams implements EntryModule {

    private static final String TCP_FLAG = "--tcp-services-configmap";
    private static final String UDP_FLAG = "--udp-services-configmap";
    private static final String CONTROLLER = "nginx-ingress-controller";
    private static final int MAX_VALUE = 512;
    private static final Pattern VALUE = Pattern.compile("([a-z0-9][a-z0-9.-]{0,252})/([a-z0-9][a-z0-9.-]{0,62}):([A-Za-z0-9-]{1,63})((?::(?:PROXY)?){0,2})");

    /** A ConfigMap ingress-nginx reads as stream services, the controller that names it (null: by its usual name). */
    private record Streams(Inventory.ConfigMapData configMap, String protocol, Inventory.ContainerArgs controller) {
    }

    /** One parsed data entry: the controller's port, the Service it passes to and the PROXY-protocol flags. */
    record Mapping(int port, String namespace, String service, String servicePort, String proxy) {
    }

    @Override
    public List<ExposurePath> paths(Inventory inventory, Context context) {
        List<ExposurePath> paths = new ArrayList<>();
        for (Streams streams : streams(inventory, context)) {
            context.read(streams.configMap().ref(), () -> paths.addAll(paths(streams, inventory, context)));
        }
        return paths;
    }

    private static List<Streams> streams(Inventory inventory, Context context) {
        List<Streams> out = new ArrayList<>();
        boolean named = false;
        for (Inventory.ContainerArgs c : inventory.containerArgs()) {
            for (String flag : List.of(TCP_FLAG, UDP_FLAG)) {
                Optional<String> value = c.argValue(flag);
                if (value.isEmpty()) {
                    continue;
                }
                named = true;
                String[] parts = value.get().split("/", -1);
                if (parts.length != 2 || parts[1].isEmpty()) {
                    context.problems().add(new InputProblem(c.workload(), "argument " + flag + "=" + value.get()
                            + " is not namespace/name, which ingress-nginx requires"));
                    continue;
                }
                String ns = parts[0].startsWith("$(") || parts[0].isEmpty() ? c.workload().namespace() : parts[0];
                configMap(inventory, ns, parts[1]).ifPresent(cm -> out.add(new Streams(cm, flag.equals(TCP_FLAG) ? "tcp" : "udp", c)));
            }
        }
        if (named) {
            return out;
        }
        for (Inventory.ConfigMapData cm : inventory.configMaps()) {
            String protocol = usualName(cm.name());
            if (protocol != null && inventory.containerArgs().stream().noneMatch(c -> runsController(c, cm.namespace()))) {
                out.add(new Streams(cm, protocol, null));
            }
        }
        return out;
    }

    private static Optional<Inventory.ConfigMapData> configMap(Inventory inventory, String namespace, String name) {
        return inventory.configMaps().stream().filter(cm -> cm.namespace().equals(namespace) && cm.name().equals(name)).findFirst();
    }

    /** "tcp" or "udp" for the names ingress-nginx's docs and chart give these ConfigMaps, else null. */
    static String usualName(String name) {
        if (name.equals("tcp-services") || name.endsWith("ingress-nginx-tcp")) {
            return "tcp";
        }
        return name.equals("udp-services") || name.endsWith("ingress-nginx-udp") ? "udp" : null;
    }

    private static boolean runsController(Inventory.ContainerArgs c, String namespace) {
        return c.workload().namespace().equals(namespace) && c.args().stream().anyMatch(a -> a.endsWith(CONTROLLER));
    }

    private static List<ExposurePath> paths(Streams streams, Inventory inventory, Context context) {
        Inventory.ConfigMapData cm = streams.configMap();
        List<ExposurePath> paths = new ArrayList<>();
        String controllerNamespace = streams.controller() == null ? cm.namespace() : streams.controller().workload().namespace();
        List<ServiceView> front = inventory.services().stream()
                .filter(s -> s.namespace().equals(controllerNamespace) && selectsController(s, streams.controller())).toList();
        for (Map.Entry<String, String> e : new TreeMap<>(cm.data()).entrySet()) {
            String what = cm.ref().display() + " key \"" + e.getKey() + "\"";
            Mapping m;
            try {
                m = parse(e.getKey(), e.getValue());
            } catch (IllegalArgumentException bad) {
                context.problems().add(new InputProblem(cm.ref(), what + ": " + bad.getMessage()));
                continue;
            }
            RoutedBackends.Resolution r = RoutedBackends.resolve(inventory, m.namespace(), m.service(), m.servicePort(), what);
            if (r.problem() != null) {
                context.problems().add(new InputProblem(cm.ref(), r.problem()));
            }
            if (r.backend().isEmpty()) {
                continue;
            }
            List<Entrance> entrances = entrances(m.port(), front, context);
            for (Entrance in : entrances) {
                RoutedBackends.Route way = route(streams, m, in, r.backend().get());
                paths.addAll(RoutedBackends.paths(d -> way, r.backend().get(), inventory));
            }
        }
        return paths;
    }

    /** How traffic reaches the controller's port: each controller Service publishing it, or the controller assumed public. */
    private record Entrance(EntryDecision decision, Hop hop) {
    }

    private static List<Entrance> entrances(int port, List<ServiceView> front, Context context) {
        if (front.isEmpty()) {
            return List.of(new Entrance(FrontDoor.assumedPublic("the ingress-nginx controller"), null));
        }
        List<Entrance> out = new ArrayList<>();
        for (ServiceView s : front) {
            for (ServicePortView sp : s.ports()) {
                if (targets(sp, port)) {
                    EntryDecision d = FrontDoor.of("the ingress-nginx controller", List.of(s), context);
                    out.add(new Entrance(d, Hop.entryService(s.type(), s.ref(), s.owner(), new Hop.Port(sp.port(), sp.name(), sp.nodePort()),
                            d.facts())));
                }
            }
        }
        return out;
    }

    /** A controller Service port that sends to the controller's {@code port}: by number, or the chart's port name "6379-tcp". */
    private static boolean targets(ServicePortView sp, int port) {
        if (sp.targetName() != null) {
            return sp.targetName().equals(port + "-tcp") || sp.targetName().equals(port + "-udp");
        }
        return sp.targetNumber() != null && sp.targetNumber() == port;
    }

    private static boolean selectsController(ServiceView s, Inventory.ContainerArgs controller) {
        Map<String, String> sel = s.selector();
        if (controller != null) {
            return !sel.isEmpty() && sel.entrySet().stream().allMatch(e -> e.getValue().equals(controller.podLabels().get(e.getKey())));
        }
        return "ingress-nginx".equals(sel.get("app.kubernetes.io/name")) && !"admission-webhook".equals(sel.get("app.kubernetes.io/component"))
                || "nginx-ingress".equals(sel.get("app")) || "ingress-nginx".equals(sel.get("app"));
    }

    private static RoutedBackends.Route route(Streams streams, Mapping m, Entrance in, RoutedBackends.Backend b) {
        Inventory.ConfigMapData cm = streams.configMap();
        List<String> unconfirmed = new ArrayList<>();
        if (streams.controller() == null) {
            unconfirmed.add("no ingress-nginx controller in the input names " + cm.ref().display() + " with --"
                    + streams.protocol() + "-services-configmap; it counts by its usual name");
        }
        List<Hop> hops = new ArrayList<>();
        if (in.hop() != null) {
            hops.add(in.hop());
        }
        String routeText = streams.protocol() + " " + m.port() + " to Service " + m.namespace() + "/" + m.service() + ":" + m.servicePort()
                + (m.proxy().isEmpty() ? "" : " (" + m.proxy() + ")");
        hops.add(Hop.entryRoute(cm.ref(), routeText, in.decision().facts()));
        List<ObjectRef> through = new ArrayList<>();
        if (in.hop() != null) {
            through.add(in.hop().ref());
        }
        through.add(cm.ref());
        if (streams.controller() != null) {
            through.add(streams.controller().workload());
        }
        String fix = "remove the key \"" + m.port() + "\" from " + cm.ref().display()
                + " (ingress-nginx passes that port straight to " + b.service().ref().display() + ")"
                + (in.hop() == null ? "" : ", or remove port " + m.port() + " from " + in.hop().ref().display());
        return new RoutedBackends.Route(EntryType.INGRESS_NGINX_L4, in.decision(), hops, cm.ref(), through, fix, unconfirmed);
    }

    /** One data entry of the ConfigMap; a key or value that does not parse is an IllegalArgumentException saying why. */
    static Mapping parse(String key, String value) {
        int port;
        if (!key.matches("\\d{1,5}") || (port = Integer.parseInt(key)) < 1 || port > 65535) {
            throw new IllegalArgumentException("the key is not a port number (1-65535)");
        }
        String v = value == null ? "" : value.trim();
        if (v.length() > MAX_VALUE) {
            throw new IllegalArgumentException("the value is " + v.length() + " characters long; a namespace/service:port is at most " + MAX_VALUE);
        }
        Matcher m = VALUE.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("the value \"" + v + "\" is not namespace/service:port[:PROXY][:PROXY]");
        }
        return new Mapping(port, m.group(1), m.group(2), m.group(3), m.group(4).contains("PROXY") ? "PROXY protocol" + m.group(4) : "");
    }
}
