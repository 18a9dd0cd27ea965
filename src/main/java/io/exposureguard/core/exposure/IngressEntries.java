package io.exposureguard.core.exposure;

import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.inventory.IngressView;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.ServicePortView;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.model.Hop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ingresses: each route to a Service port (by number or name) whose Service selects a datastore's pods and sends to a
 * port that speaks its protocol. What the Ingress does first (ingress-nginx annotations, the Traefik middlewares it
 * names, source allowlists) is {@link IngressAuth}'s decision, made once per Ingress.
 */
final class IngressEntries implements EntryModule {

    /** The Traefik Middlewares an Ingress names in {@code traefik.ingress.kubernetes.io/router.middlewares}. */
    @Override
    public List<io.exposureguard.core.inventory.WatchedKind> watched() {
        return TraefikMiddlewares.HTTP;
    }

    @Override
    public List<ExposurePath> paths(Inventory inventory, Context context) {
        List<ExposurePath> paths = new ArrayList<>();
        for (IngressView ingress : inventory.ingresses()) {
            paths(ingress, inventory, context.internal(), paths);
        }
        return paths;
    }

    private static void paths(IngressView ingress, Inventory inventory, InternalNetworks internal, List<ExposurePath> paths) {
        EntryDecision decision = null;
        for (IngressView.Backend b : ingress.backends()) {
            Optional<ServiceView> service = inventory.service(ingress.namespace(), b.serviceName());
            if (service.isEmpty()) {
                continue;
            }
            ServiceView s = service.get();
            Optional<ServicePortView> servicePort = s.ports().stream()
                    .filter(p -> (b.portNumber() != null && p.port() == b.portNumber())
                            || (b.portName() != null && b.portName().equals(p.name())))
                    .findFirst();
            if (servicePort.isEmpty()) {
                continue;
            }
            for (Datastore d : inventory.backends(s)) {
                Optional<DataPort> target = EntryHops.target(d, servicePort.get());
                if (target.isEmpty()) {
                    continue;
                }
                if (decision == null) {
                    decision = IngressAuth.decide(ingress, inventory, internal);
                }
                String fix = "require authentication on " + ingress.ref().display()
                        + " (nginx.ingress.kubernetes.io/auth-type + auth-secret, auth-url, or a Traefik basicAuth/forwardAuth"
                        + " middleware), or remove its route " + b.display() + " to Service " + s.name();
                paths.add(new ExposurePath(d, target.get(), EntryType.INGRESS, decision.reach(), ingress.ref(),
                        List.of(EntryHops.origin(decision), Hop.entryRoute(ingress.ref(), b.display(), decision.facts()),
                                Hop.backendService(s.type(), s.ref(), s.owner(), EntryHops.port(servicePort.get())),
                                d.hop(target.get())),
                        decision.facts(), decision.authenticates(), fix, List.of(ingress.ref(), s.ref(), s.blame(), d.ref())));
            }
        }
    }
}
