package io.exposureguard.core.engine;

import io.exposureguard.core.datastore.catalog.CustomDatastoreType;
import io.exposureguard.core.datastore.catalog.DatastoreCatalog;
import io.exposureguard.core.exposure.CloudProvider;
import io.exposureguard.core.exposure.ExposurePath;
import io.exposureguard.core.exposure.InternalNetworks;
import io.exposureguard.core.exposure.PathAnalyzer;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.InventoryBuilder;
import io.exposureguard.core.kinds.ResourceKinds;
import io.exposureguard.core.model.EvaluationResult;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.InputProblem;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.rules.Analysis;
import io.exposureguard.core.rules.Rule;
import io.exposureguard.core.rules.RuleCatalog;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one engine behind every front door: objects in, findings out. Pure (no client, no clock, no I/O).
 * Returns every finding, one per rule, object and datastore (the most severe path wins), and keeps going
 * when an object or a rule fails: that failure becomes a reported problem, not a lost decision.
 */
public final class ExposureEngine {

    private final InventoryBuilder inventoryBuilder;
    private final PathAnalyzer pathAnalyzer;
    private final RuleCatalog catalog;

    public ExposureEngine(InventoryBuilder inventoryBuilder, PathAnalyzer pathAnalyzer, RuleCatalog catalog) {
        this.inventoryBuilder = inventoryBuilder;
        this.pathAnalyzer = pathAnalyzer;
        this.catalog = catalog;
    }

    /** The engine with the built-in datastore catalog and rule set. */
    public static ExposureEngine standard() {
        return new ExposureEngine(new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE), new PathAnalyzer(), new RuleCatalog());
    }

    public EvaluationResult evaluate(List<? extends HasMetadata> objects) {
        return evaluate(inventory(objects));
    }

    /** The snapshot the engine evaluates; callers that also report skipped objects build it once and pass it in. */
    public Inventory inventory(List<? extends HasMetadata> objects) {
        return inventoryBuilder.build(objects);
    }

    /** As {@link #inventory(List)}, recognising policy-defined datastores too. */
    public Inventory inventory(List<? extends HasMetadata> objects, List<CustomDatastoreType> customDatastores) {
        return customDatastores.isEmpty() ? inventory(objects)
                : new InventoryBuilder(new DatastoreCatalog(customDatastores), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE).build(objects);
    }

    public EvaluationResult evaluate(Inventory inventory) {
        return evaluate(inventory, InternalNetworks.NONE);
    }

    /** Evaluates with the networks the policies declare internal (their allowedSourceCidrs). */
    public EvaluationResult evaluate(Inventory inventory, InternalNetworks internal) {
        return evaluate(inventory, internal, CloudProvider.AUTO);
    }

    /** As above, trusting the internal load-balancer annotations of the cluster's cloud only (spec.provider). */
    public EvaluationResult evaluate(Inventory inventory, InternalNetworks internal, CloudProvider provider) {
        PathAnalyzer.Result analyzed = pathAnalyzer.analysis(inventory, internal, provider);
        Analysis analysis = new Analysis(inventory, analyzed.paths());
        List<InputProblem> problems = new ArrayList<>(inventory.problems());
        problems.addAll(analyzed.problems());
        Map<String, Finding> unique = new LinkedHashMap<>();
        for (Rule rule : catalog.rules()) {
            List<Finding> found;
            try {
                found = rule.evaluate(analysis);
            } catch (RuntimeException e) {
                // Neither the exception's class nor its message reaches the user: the message may quote an input value.
                problems.add(new InputProblem(ObjectRef.of("Rule", null, rule.info().id()),
                        "this rule could not evaluate the input and was skipped (an internal error: please report it"
                                + " with the input); the other rules were applied"));
                continue;
            }
            for (Finding f : found) {
                unique.merge(f.rule().id() + "|" + f.resource() + "|" + f.datastore(), f,
                        (a, b) -> b.severity().compareTo(a.severity()) > 0 ? b.throughAlso(a.through()) : a.throughAlso(b.through()));
            }
        }
        return new EvaluationResult(new ArrayList<>(unique.values()), problems);
    }

    public RuleCatalog catalog() {
        return catalog;
    }
}
