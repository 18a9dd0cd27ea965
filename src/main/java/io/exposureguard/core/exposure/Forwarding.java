package io.exposureguard.core.exposure;

import io.exposureguard.core.datastore.AuthState;
import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.datastore.Upstream;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.ServicePortView;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.model.Hop;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Something that forwards to a datastore exposes that datastore's data. A path that ends at a forwarder (a UI such
 * as Kibana whose module names its upstreams) continues, one hop deep, through the Service its upstream address
 * names to the datastores behind it. The continued path keeps the forwarder as the datastore users see and blame,
 * with the weaker of the two verdicts: Kibana's login comes from Elasticsearch's security, so with Elasticsearch
 * open Kibana is as open. An upstream that names no Service in the input makes the path unconfirmed, naming the
 * address. A forwarder whose upstream is another forwarder (or itself) is an input problem, never followed.
 * Pure: paths and inventory in, paths out; it never lowers a verdict (a path whose upstream is no weaker stays as it was).
 */
final class Forwarding {

    /** Starts every unconfirmed fact this class writes, so rules can tell an unresolved upstream from other gaps. */
    static final String UNRESOLVED = "upstream ";

    private static final AuthOrder ORDER = new AuthOrder();

    private Forwarding() {
    }

    /** Whether the path is unconfirmed because a forwarder's upstream could not be resolved. */
    static boolean upstreamUnresolved(ExposurePath path) {
        return path.unconfirmed().stream().anyMatch(u -> u.startsWith(UNRESOLVED));
    }

    /** The paths with every path ending at a forwarder continued to (or replaced by its continuation to) its upstreams. */
    static List<ExposurePath> extend(List<ExposurePath> paths, Inventory inventory, List<io.exposureguard.core.model.InputProblem> problems) {
        List<ExposurePath> out = new ArrayList<>();
        for (ExposurePath p : paths) {
            if (p.datastore().upstreams().isEmpty()) {
                out.add(p);
                continue;
            }
            List<ExposurePath> continued = new ArrayList<>();
            for (Upstream u : p.datastore().upstreams()) {
                if (u.servesPort(p.port().number())) {
                    continued.addAll(continued(p, u, inventory, problems));
                }
            }
            // A proxy listening on the datastore's own port most likely forwards it there: that path is reported first.
            continued.sort(java.util.Comparator.comparing(c -> c.hops().get(c.hops().size() - 1).port() == null
                    || c.hops().get(c.hops().size() - 1).port().number() != p.port().number()));
            // An admin UI open by its own settings (no login, the datastore's credentials in hand) is reported through to
            // the datastore it opens, so the path shows both hops.
            boolean openByItself = p.datastore().kind().ownLogin() && p.datastore().auth().state() == AuthState.OFF
                    && continued.stream().anyMatch(ExposurePath::confirmed);
            java.util.function.Predicate<ExposurePath> leadsOn = c -> !c.confirmed()
                    || ORDER.weaker(c.datastore().auth(), p.datastore().auth()) || openByItself;
            if (continued.stream().anyMatch(leadsOn)) {
                out.addAll(continued.stream().filter(leadsOn).toList());
                if (!openByItself && (continued.stream().noneMatch(ExposurePath::confirmed) || p.datastore().auth().state() != AuthState.UNKNOWN)) {
                    out.add(p);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static List<ExposurePath> continued(ExposurePath p, Upstream u, Inventory inventory,
                                                List<io.exposureguard.core.model.InputProblem> problems) {
        Datastore forwarder = p.datastore();
        List<Target> targets = resolve(forwarder, u, inventory);
        if (targets.isEmpty()) {
            return u.expected() ? List.of(unresolved(p, u, "names no Service in the input that leads to a datastore")) : List.of();
        }
        List<ExposurePath> out = new ArrayList<>();
        for (Target t : targets) {
            if (!t.datastore().upstreams().isEmpty() || t.datastore().ref().equals(forwarder.ref())) {
                problems.add(new io.exposureguard.core.model.InputProblem(forwarder.ref(), "upstream " + u.address() + " ("
                        + u.source() + ") of " + forwarder.describe() + " leads to " + t.datastore().describe()
                        + ", which forwards again; exposure-guard follows one forwarding hop and stopped here"));
                continue;
            }
            out.add(through(p, u, t));
        }
        return out;
    }

    private static ExposurePath through(ExposurePath p, Upstream u, Target t) {
        Datastore forwarder = p.datastore();
        Datastore behind = t.datastore();
        // A login of the forwarder's own (an admin UI's basic auth) stands in front of the data whatever the datastore does.
        boolean ownLoginHolds = forwarder.kind().ownLogin() && forwarder.auth().state() == AuthState.ON;
        AuthVerdict verdict = !ownLoginHolds && ORDER.weaker(behind.auth(), forwarder.auth()) ? forwarded(forwarder, behind) : forwarder.auth();
        List<Hop> hops = new ArrayList<>(p.hops());
        if (t.service() != null) {
            hops.add(Hop.backendService(t.service().type(), t.service().ref(), null, Hop.Port.of(t.port().number(), t.port().name())));
        }
        hops.add(behind.hop(t.port()));
        List<ObjectRef> through = new ArrayList<>(p.through());
        if (t.service() != null) {
            through.add(t.service().ref());
        }
        through.add(behind.ref());
        List<String> facts = new ArrayList<>(p.facts());
        facts.add(forwarder.describe() + " forwards to " + u.address() + " (" + u.source() + ")");
        return new ExposurePath(verdict == forwarder.auth() ? forwarder : forwarder.withAuth(verdict), p.port(), p.entry(), p.reach(), p.blame(),
                hops,
                facts, p.authOnPath(), p.entryFix(), through, p.unconfirmed());
    }

    /** The forwarder's verdict when the datastore behind it is weaker: the datastore's state, both facts, its fix. */
    private static AuthVerdict forwarded(Datastore forwarder, Datastore behind) {
        List<String> facts = new ArrayList<>();
        facts.add(forwarder.describe() + " asks for no login of its own when " + behind.describe() + " behind it has none");
        facts.addAll(behind.auth().facts());
        return new AuthVerdict(behind.auth().state(), behind.auth().weakness(), facts,
                behind.auth().fix().isEmpty() ? "" : behind.auth().fix() + " (on " + behind.describe() + ", which " + forwarder.describe() + " forwards to)");
    }

    private static ExposurePath unresolved(ExposurePath p, Upstream u, String why) {
        List<String> unconfirmed = new ArrayList<>(p.unconfirmed());
        unconfirmed.add(UNRESOLVED + u.address() + " of " + p.datastore().describe() + " (" + u.source() + ") " + why);
        return new ExposurePath(p.datastore(), p.port(), p.entry(), p.reach(), p.blame(), p.hops(), p.facts(), p.authOnPath(),
                p.entryFix(), p.through(), unconfirmed);
    }

    /** A datastore the upstream reaches, through {@code service} (null: the same pod, over localhost), at {@code port}. */
    private record Target(ServiceView service, Datastore datastore, DataPort port) {
    }

    private static List<Target> resolve(Datastore forwarder, Upstream u, Inventory inventory) {
        List<Target> out = new ArrayList<>();
        if (u.host().equals("localhost") || u.host().equals("127.0.0.1") || u.host().equals("::1")) {
            for (Datastore d : inventory.datastores()) {
                if (d.ref().equals(forwarder.ref()) && d != forwarder) {
                    port(d, u.port(), null).ifPresent(port -> out.add(new Target(null, d, port)));
                }
            }
            return out;
        }
        Optional<ServiceView> service = serviceNamed(u.host(), forwarder.namespace(), inventory);
        if (service.isEmpty()) {
            return out;
        }
        for (Datastore d : inventory.backends(service.get())) {
            int wanted = u.port() == 0 ? d.kind().defaultPorts().stream().findFirst().orElse(0) : u.port();
            for (ServicePortView sp : service.get().ports()) {
                if (sp.port() == wanted) {
                    port(d, sp.targetNumber() == null ? 0 : sp.targetNumber(), sp.targetName())
                            .ifPresent(port -> out.add(new Target(service.get(), d, port)));
                }
            }
        }
        return out;
    }

    /** {@code name}, {@code name.ns}, {@code name.ns.svc}, {@code name.ns.svc.<cluster domain>}: the Service, if in the input. */
    static Optional<ServiceView> serviceNamed(String host, String defaultNamespace, Inventory inventory) {
        String[] parts = host.split("\\.");
        if (parts.length == 1) {
            return inventory.service(defaultNamespace, parts[0]);
        }
        if (parts.length == 2 || parts[2].equals("svc")) {
            return inventory.service(parts[1], parts[0]);
        }
        return Optional.empty();
    }

    private static Optional<DataPort> port(Datastore d, int number, String name) {
        if (name != null) {
            return d.portByName(name);
        }
        return number == 0 ? d.ports().stream().findFirst() : d.portByNumber(number);
    }

    /** OFF is weaker than ANONYMOUS, which is weaker than UNKNOWN, which is weaker than ON. */
    private static final class AuthOrder {

        boolean weaker(AuthVerdict a, AuthVerdict b) {
            return rank(a.state()) < rank(b.state());
        }

        private static int rank(AuthState s) {
            return switch (s) {
                case OFF -> 0;
                case ANONYMOUS -> 1;
                case UNKNOWN -> 2;
                case ON -> 3;
            };
        }
    }
}
