package io.exposureguard.kube.remediation;

import io.exposureguard.core.remediation.QuarantinePolicies;

import io.exposureguard.core.remediation.RateLimiter;
import io.exposureguard.core.remediation.RemediationLedger;
import io.exposureguard.core.remediation.RemediationPlanner;
import io.exposureguard.core.remediation.RemediationStep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.kube.Events;
import io.exposureguard.core.policy.Decision;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.zjsonpatch.JsonDiff;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Carries out remediation steps on the leader: JSON patches with a resourceVersion precondition and the
 * {@value #FIELD_MANAGER} field manager (server-side apply cannot remove fields other managers own, such
 * as a nodePort or a security setting, and removing them is the fix), quarantine NetworkPolicies created,
 * then kept by server-side apply with that field manager (a look-alike a tenant created under the quarantine's
 * name is taken over the same way: its spec becomes ours, signed), lifts by delete (the planner lifts only
 * quarantines whose signature proves they are ours). Each write takes a token from the rate limiter; each action gets an
 * Event on its object and a {@code exposureguard_remediations_total{action,rule,result}} count. Dry run
 * plans, logs, counts and announces without writing. Failures are reported and retried next audit.
 */
public final class Remediator {

    public static final String FIELD_MANAGER = "exposure-guard";
    public static final String REMEDIATED_ANNOTATION = "exposureguard.io/remediated";

    private static final Logger LOG = Logger.getLogger(Remediator.class);

    private final KubernetesClient client;
    private final MeterRegistry registry;
    private final RemediationConfig config;
    private final RemediationLedger ledger;
    private final RateLimiter limiter;
    private final Set<String> announced = new HashSet<>();

    public Remediator(KubernetesClient client, MeterRegistry registry, RemediationConfig config) {
        this.client = client;
        this.registry = registry;
        this.config = config;
        this.ledger = new RemediationLedger(config.revertWindow(), config.revertBackoff());
        this.limiter = new RateLimiter(config.maxPerMinute());
    }

    public RemediationPlanner.History history(Instant now) {
        return (target, version, remediatedAt) -> ledger.state(target, version, remediatedAt, now);
    }

    /** Executes the steps (the caller holds the leader lease). */
    public void execute(List<RemediationStep> steps, Instant now) {
        for (RemediationStep step : steps) {
            try {
                if (step instanceof RemediationStep.Patch p) {
                    patch(p, now);
                } else if (step instanceof RemediationStep.Quarantine q) {
                    quarantine(q, now);
                } else if (step instanceof RemediationStep.Lift l) {
                    lift(l, now);
                } else if (step instanceof RemediationStep.NotPossible n) {
                    announce(n.target(), "RemediationNotPossible", "Warning", "exposure-guard cannot fix " + rules(n.decisions())
                            + " on " + n.target().display() + " automatically: " + n.reason(), rules(n.decisions()), now);
                } else if (step instanceof RemediationStep.OptedOut o && announced.add("opted-out|" + o.target())) {
                    count("none", o.decisions(), "opted_out");
                }
            } catch (KubernetesClientException e) {
                if (stopping(e)) {
                    // The operator is shutting down (its audit thread was interrupted mid-request): not a failure of the
                    // step. It is left as it is; whichever replica audits next plans it again from the cluster's state.
                    LOG.debugf("remediation of %s interrupted by shutdown", step.target().display());
                    Thread.currentThread().interrupt();
                    return;
                }
                LOG.warnf("remediation of %s failed (%s); retrying at the next audit", step.target().display(), e.getMessage());
                count(action(step), step.decisions(), "failed");
                announce(step.target(), "RemediationFailed", "Warning", "exposure-guard could not " + action(step) + " "
                        + step.target().display() + ": " + e.getMessage(), rules(step.decisions()), now);
            }
        }
    }

    private static boolean stopping(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    private void patch(RemediationStep.Patch p, Instant now) {
        ObjectNode fixed = p.outcome().fixed().deepCopy();
        ObjectNode annotations = fixed.with("metadata").with("annotations");
        annotations.put(REMEDIATED_ANNOTATION, rules(p.decisions()));
        annotations.put(RemediationPlanner.REMEDIATED_AT_ANNOTATION, now.toString());
        JsonNode diff = JsonDiff.asJson(p.outcome().original(), fixed);
        String what = describe(diff);
        if (dryRunOrLimited(p, "patch", now, "would patch " + p.target().display() + ": " + what)) {
            return;
        }
        ArrayNode ops = JsonNodeFactory.instance.arrayNode();
        ops.addObject().put("op", "test").put("path", "/metadata/resourceVersion")
                .put("value", p.current().getMetadata().getResourceVersion());
        ops.addAll((ArrayNode) diff);
        client.resource(p.current()).patch(new PatchContext.Builder().withPatchType(PatchType.JSON)
                .withFieldManager(FIELD_MANAGER).build(), ops.toString());
        ledger.patched(p.target(), p.current().getMetadata().getResourceVersion(), now);
        count("patch", p.decisions(), "success");
        LOG.infof("remediated %s (%s): %s", p.target().display(), rules(p.decisions()), what);
        event(p.target(), "Remediated", "Normal", "exposure-guard fixed " + rules(p.decisions()) + " on " + p.target().display()
                + " (policy says fix): " + what, rules(p.decisions()), now);
    }

    private void quarantine(RemediationStep.Quarantine q, Instant now) {
        if (q.cause() == RemediationStep.Cause.REVERTED) {
            revertedOnce(q, now);
        }
        NetworkPolicy desired = q.policy();
        NetworkPolicy current = client.network().v1().networkPolicies().inNamespace(desired.getMetadata().getNamespace())
                .withName(desired.getMetadata().getName()).get();
        if (current != null && Objects.equals(current.getSpec(), desired.getSpec())
                && contains(current.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations())
                && contains(current.getMetadata().getLabels(), desired.getMetadata().getLabels())) {
            return;
        }
        String np = desired.getMetadata().getNamespace() + "/" + desired.getMetadata().getName();
        if (dryRunOrLimited(q, "quarantine", now, "would quarantine " + q.target().display() + " with NetworkPolicy " + np)) {
            return;
        }
        var resource = client.network().v1().networkPolicies().inNamespace(desired.getMetadata().getNamespace()).resource(desired);
        if (current == null) {
            resource.create();
        } else {
            resource.fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        }
        count("quarantine", q.decisions(), "success");
        LOG.infof("quarantined %s with NetworkPolicy %s (%s)", q.target().display(), np, q.why());
        event(q.target(), "Quarantined", "Warning", "exposure-guard quarantined " + q.target().display() + " for "
                + rules(q.decisions()) + " (" + q.why() + "): NetworkPolicy " + np
                + " admits only pods in the cluster and the policy's allowed CIDRs. It is removed when the exposure is fixed.",
                rules(q.decisions()), now);
    }

    private void revertedOnce(RemediationStep.Quarantine q, Instant now) {
        if (ledger.state(q.target(), "", null, now) == RemediationLedger.State.REVERTED && announced.contains("reverted:" + q.target())) {
            return;
        }
        ledger.reverted(q.target(), now);
        announced.add("reverted:" + q.target());
        count("patch", q.decisions(), "reverted");
        event(q.target(), "RemediationReverted", "Warning", "exposure-guard's fix of " + rules(q.decisions()) + " on "
                + q.target().display() + " was undone by another change (another controller owns the setting?);"
                + " not patching again, quarantining instead", rules(q.decisions()), now);
    }

    private void lift(RemediationStep.Lift l, Instant now) {
        NetworkPolicy np = l.policy();
        String name = np.getMetadata().getNamespace() + "/" + np.getMetadata().getName();
        if (dryRunOrLimited(l, "lift", now, "would delete quarantine NetworkPolicy " + name)) {
            return;
        }
        client.network().v1().networkPolicies().inNamespace(np.getMetadata().getNamespace()).withName(np.getMetadata().getName()).delete();
        registry.counter("exposureguard.remediations", "action", "lift", "rule", "none", "result", "success").increment();
        LOG.infof("lifted quarantine NetworkPolicy %s: the exposure is gone", name);
        String datastore = np.getMetadata().getAnnotations() == null ? name
                : np.getMetadata().getAnnotations().getOrDefault(QuarantinePolicies.DATASTORE_ANNOTATION, name);
        event(l.target(), "QuarantineLifted", "Normal", "exposure-guard removed quarantine NetworkPolicy " + name + " of " + datastore
                + ": the exposure is fixed, excepted or no longer in fix mode", "none", now);
    }

    /** Every entry of {@code wanted} is in {@code actual} (others' extra labels and annotations are left alone). */
    private static boolean contains(java.util.Map<String, String> actual, java.util.Map<String, String> wanted) {
        return wanted == null || (actual != null && actual.entrySet().containsAll(wanted.entrySet()));
    }

    /** True when the step must not write now (dry run, or no token left); counts and announces either way. */
    private boolean dryRunOrLimited(RemediationStep step, String action, Instant now, String plan) {
        if (config.dryRun()) {
            count(action, step.decisions(), "dry_run");
            announce(step.target(), "RemediationPlanned", "Normal", "exposure-guard (dry run) " + plan, rules(step.decisions()), now);
            return true;
        }
        if (!limiter.tryAcquire(now)) {
            count(action, step.decisions(), "rate_limited");
            LOG.infof("remediation rate limit (%d/min) reached: %s waits for the next audit", config.maxPerMinute(), step.target().display());
            return true;
        }
        return false;
    }

    /** An event written once per distinct message (dry-run plans and impossibilities do not repeat every audit). */
    private void announce(ObjectRef target, String reason, String type, String message, String rules, Instant now) {
        if (announced.add(reason + "|" + target + "|" + message)) {
            event(target, reason, type, message, rules, now);
        }
    }

    private void event(ObjectRef target, String reason, String type, String message, String rules, Instant now) {
        Event e = Events.event(target, Events.name(target.name(), "egr", reason + "|" + target + "|" + rules), type, reason, message,
                rules.contains(",") ? rules.substring(0, rules.indexOf(',')) : rules, now);
        try {
            client.v1().events().inNamespace(target.namespace()).resource(e).createOr(NonDeletingOperation::update);
        } catch (KubernetesClientException ex) {
            LOG.warnf("could not write event %s on %s: %s", reason, target.display(), ex.getMessage());
        }
    }

    private void count(String action, List<Decision> decisions, String result) {
        decisions.stream().map(d -> d.finding().rule().id()).distinct().forEach(rule ->
                registry.counter("exposureguard.remediations", "action", action, "rule", rule, "result", result).increment());
    }

    private static String action(RemediationStep step) {
        return step instanceof RemediationStep.Patch ? "patch" : step instanceof RemediationStep.Quarantine ? "quarantine"
                : step instanceof RemediationStep.Lift ? "lift" : "none";
    }

    private static String rules(List<Decision> decisions) {
        return decisions.isEmpty() ? "none"
                : decisions.stream().map(d -> d.finding().rule().id()).distinct().sorted().collect(Collectors.joining(","));
    }

    /** "replace /spec/type = ClusterIP, remove /spec/ports/0/nodePort" (our own bookkeeping annotations left out). */
    private static String describe(JsonNode diff) {
        List<String> parts = new ArrayList<>();
        for (JsonNode op : diff) {
            String path = op.path("path").asText();
            if (path.equals("/metadata/annotations")) {
                op.path("value").fieldNames().forEachRemaining(k -> {
                    if (!k.startsWith("exposureguard.io/")) {
                        parts.add("add annotation " + k + " = " + op.path("value").path(k).asText());
                    }
                });
            } else if (!path.startsWith("/metadata/annotations/exposureguard.io~1")) {
                parts.add(op.path("op").asText() + " " + path + (op.has("value") && op.path("value").isValueNode()
                        ? " = " + op.path("value").asText() : ""));
            }
        }
        return String.join(", ", parts);
    }
}
