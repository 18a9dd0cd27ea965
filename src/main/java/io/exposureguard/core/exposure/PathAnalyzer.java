package io.exposureguard.core.exposure;

import io.exposureguard.core.inventory.Inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds every path from outside the cluster to a datastore port by running each entry module over the inventory:
 * LoadBalancer, NodePort and externalIPs Services, Ingresses (through the Service they route to), and pods on the
 * node network or with host ports. Stateless: one analyzer is shared by concurrent callers (webhooks judging on a
 * pool), so everything a call depends on, such as the internal networks of its own policies, is passed down, never
 * kept in a field.
 */
public final class PathAnalyzer {

    /** The entry kinds, in the order their paths are reported. A new entry kind is one class and one line here. */
    private static final List<EntryModule> ENTRY_MODULES = List.of(
            new ServiceEntries(),
            new IngressEntries(),
            new GatewayApiEntries(),
            new IstioEntries(),
            new TraefikEntries(),
            new ContourEntries(),
            new OpenShiftRoutes(),
            new IngressNginxStreams(),
            new HostEntries());

    private final List<EntryModule> modules;

    public PathAnalyzer() {
        this(ENTRY_MODULES);
    }

    /** The entry modules a default analyzer runs: what the inventory keeps, and the operator watches, for them. */
    public static List<EntryModule> defaultModules() {
        return ENTRY_MODULES;
    }

    /** An analyzer running {@code modules} (stateless themselves), in this order. */
    public PathAnalyzer(List<EntryModule> modules) {
        this.modules = List.copyOf(modules);
    }

    public List<ExposurePath> analyze(Inventory inventory) {
        return analyze(inventory, InternalNetworks.NONE);
    }

    /** As {@link #analyze(Inventory)}, with entries whose sources all lie in {@code internal} counted as in-cluster. */
    public List<ExposurePath> analyze(Inventory inventory, InternalNetworks internal) {
        return analyze(inventory, internal, CloudProvider.AUTO);
    }

    /** As above, trusting only {@code provider}'s internal load-balancer annotations. */
    public List<ExposurePath> analyze(Inventory inventory, InternalNetworks internal, CloudProvider provider) {
        return analysis(inventory, internal, provider).paths();
    }

    /** Every path, and the entry-side objects that could not be read (each an input problem; the rest still count). */
    public Result analysis(Inventory inventory, InternalNetworks internal, CloudProvider provider) {
        EntryModule.Context context = new EntryModule.Context(internal, provider, new ArrayList<>());
        List<ExposurePath> paths = new ArrayList<>();
        for (EntryModule module : modules) {
            paths.addAll(module.paths(inventory, context));
        }
        return new Result(Forwarding.extend(paths, inventory, context.problems()), context.problems());
    }

    /** The paths of one analysis and the objects it could not read. */
    public record Result(List<ExposurePath> paths, List<io.exposureguard.core.model.InputProblem> problems) {

        public Result {
            paths = List.copyOf(paths);
            problems = List.copyOf(problems);
        }
    }
}
