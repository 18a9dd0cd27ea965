package io.exposureguard.core.remediation;

import io.exposureguard.core.model.Hop;

import io.exposureguard.core.admission.AdmissionJudge;
import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.fix.ObjectFixer;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.model.RuleInfo;
import io.exposureguard.core.model.Severity;
import io.exposureguard.core.api.v1.Action;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.exposureguard.core.api.v1.ExposurePolicySpec;
import io.exposureguard.core.api.v1.RemediationSpec;
import io.exposureguard.core.api.v1.SeverityActions;
import io.exposureguard.core.policy.Assessor;
import io.exposureguard.core.policy.ClusterState;
import io.exposureguard.core.policy.Decision;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What remediation plans for the fix-mode findings of one audit: a verified patch of the object that owns the setting,
 * else a signed quarantine NetworkPolicy, else why nothing automatic is safe; and which of its quarantines it lifts.
 * Pure: decisions are plain records, objects come from Fabric8 builders, the ledger is a function, the time is fixed.
 */
class RemediationPlannerTest {

    private static final String OPERATOR_NS = "exposure-guard";
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Assessor ASSESSOR = new Assessor(ExposureEngine.standard());
    private static final RemediationPlanner PLANNER = new RemediationPlanner(new ObjectFixer(new AdmissionJudge(ASSESSOR)));
    private static final QuarantineSeal SEAL = QuarantineSealTest.SEAL;
    private static final List<String> CIDRS = List.of("10.0.0.0/8");
    private static final Predicate<String> EVERYWHERE = ns -> true;
    private static final RemediationPlanner.History NEVER_PATCHED = (target, version, at) -> RemediationLedger.State.NONE;

    private static final ObjectRef QUEUE = ObjectRef.of("Deployment", "shop", "queue");
    private static final ObjectRef QUEUE_LB = ObjectRef.of("Service", "shop", "queue-lb");
    private static final String QUARANTINE = "NetworkPolicy shop/exposure-guard-quarantine-deployment-queue";

    // ---- builders -------------------------------------------------------------------------------------------------

    /** A Redis Deployment; {@code labels} on its pods, {@code annotations} on the Deployment. */
    private static HasMetadata redis(ObjectRef ref, Map<String, String> labels, Map<String, String> annotations, boolean hostNetwork) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(ref.name()).withNamespace(ref.namespace()).withResourceVersion("7")
                .withAnnotations(annotations).endMetadata()
                .withNewSpec().withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().withHostNetwork(hostNetwork).addNewContainer().withName("redis").withImage("redis:7.2")
                .addNewPort().withContainerPort(6379).endPort().endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    private static HasMetadata redis(ObjectRef ref) {
        return redis(ref, Map.of("app", ref.name()), Map.of(), false);
    }

    private static HasMetadata annotated(ObjectRef ref, String key, String value) {
        return redis(ref, Map.of("app", ref.name()), Map.of(key, value), false);
    }

    /** A LoadBalancer Service in front of {@code app}. */
    private static Service loadBalancer(ObjectRef ref, String app, int port) {
        return new ServiceBuilder().withNewMetadata().withName(ref.name()).withNamespace(ref.namespace()).withResourceVersion("3")
                .endMetadata().withNewSpec().withType("LoadBalancer").addToSelector("app", app)
                .addNewPort().withPort(port).endPort().endSpec().build();
    }

    /** The quarantine exposure-guard writes for {@code datastore}, signed with {@code seal}. */
    private static NetworkPolicy quarantineOf(ObjectRef datastore, QuarantineSeal seal) {
        return QuarantinePolicies.forDatastore(datastore, Map.of("app", datastore.name()), CIDRS, List.of("EG-EXP-001"),
                "no safe patch", seal);
    }

    private static ExposurePolicy policy(String name, Action critical, boolean preferQuarantine) {
        SeverityActions actions = new SeverityActions();
        actions.setCritical(critical);
        RemediationSpec remediation = new RemediationSpec();
        remediation.setPreferQuarantine(preferQuarantine);
        ExposurePolicySpec spec = new ExposurePolicySpec();
        spec.setActions(actions);
        spec.setRemediation(remediation);
        spec.setAllowedSourceCidrs(CIDRS);
        ExposurePolicy p = new ExposurePolicy();
        p.setMetadata(new ObjectMetaBuilder().withName(name).build());
        p.setSpec(spec);
        return p;
    }

    /** A reported decision as plain values: {@code rule} on {@code target} about {@code datastore}, under policy "fix". */
    private static Decision decision(String rule, ObjectRef target, ObjectRef datastore, Action action, Optional<ObjectRef> exceptedBy) {
        RuleInfo info = new RuleInfo(rule, "title of " + rule, Severity.CRITICAL, "why", "turn authentication on");
        return new Decision(new Finding(info, Severity.CRITICAL, target, datastore, datastore.display() + " is exposed",
                List.of(Hop.origin(Hop.Kind.INTERNET), Hop.entryService(null, target, null, null, List.of()),
                        Hop.datastore(null, datastore, null, List.of())), List.of(), "turn authentication on"),
                action, "policy fix: critical -> " + action.label(), "shop-team", exceptedBy, Optional.of("fix"));
    }

    /** A fix decision on a TCPRoute whose path runs through a Gateway (a router), to {@code datastore}. */
    private static Decision throughRoute(ObjectRef datastore) {
        ObjectRef route = ObjectRef.of("gateway.networking.k8s.io/v1alpha2", "TCPRoute", "shop", "queue");
        RuleInfo info = new RuleInfo("EG-EXP-001", "title", Severity.CRITICAL, "why", "turn authentication on");
        return new Decision(new Finding(info, Severity.CRITICAL, route, datastore, datastore.display() + " is exposed",
                List.of(Hop.origin(Hop.Kind.INTERNET), Hop.entryRoute(ObjectRef.of("gateway.networking.k8s.io/v1", "Gateway", "infra", "edge"),
                                "listener redis (TCP 6379)", List.of()), Hop.entryRoute(route, "rule 1", List.of()),
                        Hop.datastore(null, datastore, null, List.of())), List.of(), "turn authentication on"),
                Action.FIX, "policy fix: critical -> fix", "shop-team", Optional.empty(), Optional.of("fix"));
    }

    private static Decision fix(String rule, ObjectRef target, ObjectRef datastore) {
        return decision(rule, target, datastore, Action.FIX, Optional.empty());
    }

    private static Decision fix(ObjectRef target) {
        return fix("EG-EXP-001", target, QUEUE);
    }

    /** One plan with the default-policy cluster: nothing is fixable by patch, so what is left is a quarantine or why not. */
    private record Plan(List<Decision> reported, List<HasMetadata> objects, List<ExposurePolicy> policies,
                        RemediationPlanner.History history, Optional<QuarantineSeal> seal, Predicate<String> fixNamespaces) {

        static Plan of(List<Decision> reported, HasMetadata... objects) {
            return new Plan(reported, List.of(objects), List.of(), NEVER_PATCHED, Optional.of(SEAL), EVERYWHERE);
        }

        Plan policies(ExposurePolicy... p) {
            return new Plan(reported, objects, List.of(p), history, seal, fixNamespaces);
        }

        Plan history(RemediationPlanner.History h) {
            return new Plan(reported, objects, policies, h, seal, fixNamespaces);
        }

        Plan seal(Optional<QuarantineSeal> s) {
            return new Plan(reported, objects, policies, history, s, fixNamespaces);
        }

        Plan fixNamespaces(Predicate<String> f) {
            return new Plan(reported, objects, policies, history, seal, f);
        }

        List<RemediationStep> run() {
            Inventory inventory = ASSESSOR.engine().inventory(objects);
            return PLANNER.plan(reported, new ClusterState(objects, policies, List.of(), Map.of()), inventory, OPERATOR_NS, CIDRS,
                    history, seal, fixNamespaces, NOW);
        }
    }

    private static List<String> lifted(List<RemediationStep> steps) {
        return steps.stream().filter(s -> s instanceof RemediationStep.Lift).map(s -> s.target().display()).toList();
    }

    // ---- which findings are acted on ------------------------------------------------------------------------------

    static Stream<Arguments> notFixMode() {
        return Stream.of(
                Arguments.of("alert", decision("EG-EXP-001", QUEUE, QUEUE, Action.ALERT, Optional.empty())),
                Arguments.of("deny", decision("EG-EXP-001", QUEUE, QUEUE, Action.DENY, Optional.empty())),
                Arguments.of("off", decision("EG-EXP-001", QUEUE, QUEUE, Action.OFF, Optional.empty())),
                Arguments.of("fix, but excepted", decision("EG-EXP-001", QUEUE, QUEUE, Action.FIX,
                        Optional.of(ObjectRef.of("ExposureException", "shop", "queue-is-fine")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notFixMode")
    void onlyFixDecisionsWithoutAnApprovedExceptionAreRemediated(String description, Decision d) {
        assertThat(Plan.of(List.of(d), redis(QUEUE)).run()).isEmpty();
    }

    @Test
    void noDecisionsAndNoQuarantinesPlanNothing() {
        assertThat(Plan.of(List.of(), redis(QUEUE)).run()).isEmpty();
        assertThat(Plan.of(List.of()).run()).isEmpty();
    }

    @Test
    void aFindingOnAnObjectTheCacheDoesNotHoldIsLeftAlone() {
        assertThat(Plan.of(List.of(fix(QUEUE_LB)), redis(QUEUE)).run()).isEmpty();
    }

    @Test
    void nothingIsRemediatedInTheOperatorsOwnNamespace() {
        ObjectRef own = ObjectRef.of("Deployment", OPERATOR_NS, "queue");

        assertThat(Plan.of(List.of(fix("EG-EXP-001", own, own)), redis(own)).run()).isEmpty();
    }

    // ---- opt-out, ledger --------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "exposureguard.io/remediation: {0}")
    @CsvSource({"disabled", "Disabled", "DISABLED"})
    void anObjectAnnotatedRemediationDisabledIsOptedOutWithItsDecisions(String value) {
        Decision d = fix(QUEUE);

        List<RemediationStep> steps = Plan.of(List.of(d), annotated(QUEUE, RemediationPlanner.OPT_OUT_ANNOTATION, value)).run();

        assertThat(steps).singleElement().isEqualTo(new RemediationStep.OptedOut(QUEUE, List.of(d)));
    }

    @ParameterizedTest(name = "exposureguard.io/remediation: \"{0}\"")
    @CsvSource(value = {"enabled", "false", "''", "disable"}, emptyValue = "")
    void anyOtherValueOfTheOptOutAnnotationDoesNotOptOut(String value) {
        List<RemediationStep> steps = Plan.of(List.of(fix(QUEUE)), annotated(QUEUE, RemediationPlanner.OPT_OUT_ANNOTATION, value)).run();

        assertThat(steps).singleElement().isInstanceOf(RemediationStep.Quarantine.class);
    }

    @Test
    void anOptOutIsCheckedBeforeTheLedger() {
        List<RemediationStep> steps = Plan.of(List.of(fix(QUEUE)), annotated(QUEUE, RemediationPlanner.OPT_OUT_ANNOTATION, "disabled"))
                .history((t, v, at) -> RemediationLedger.State.PENDING).run();

        assertThat(steps).singleElement().isInstanceOf(RemediationStep.OptedOut.class);
    }

    @Test
    void aPatchTheCacheHasNotSeenYetIsWaitedForNotRepeated() {
        Decision d = fix(QUEUE);

        List<RemediationStep> steps = Plan.of(List.of(d), redis(QUEUE)).history((t, v, at) -> RemediationLedger.State.PENDING).run();

        assertThat(steps).singleElement().isEqualTo(new RemediationStep.Pending(QUEUE, List.of(d)));
    }

    @ParameterizedTest(name = "remediated-at \"{0}\"")
    @CsvSource(value = {
            "2026-11-23T11:55:00Z, 2026-11-23T11:55:00Z",
            "yesterday,            ",
            "'',                   ",
            "(none),               "}, emptyValue = "")
    void theLedgerIsAskedWithTheCachedVersionAndOurRemediatedAtAnnotationIfItParses(String annotation, Instant expected) {
        List<String> asked = new ArrayList<>();
        HasMetadata queue = annotation.equals("(none)") ? redis(QUEUE)
                : annotated(QUEUE, RemediationPlanner.REMEDIATED_AT_ANNOTATION, annotation);

        Plan.of(List.of(fix(QUEUE)), queue).history((target, version, at) -> {
            asked.add(target.display() + " v" + version + " at " + at);
            return RemediationLedger.State.NONE;
        }).run();

        assertThat(asked).containsExactly("Deployment shop/queue v7 at " + expected);
    }

    // ---- quarantine: why, and what it selects -----------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ledger says reverted   | REVERTED | false | another controller reverted the patch
            policy prefers it      | NONE     | true  | policy prefers quarantine
            no patch closes it     | NONE     | false | no safe patch of Deployment shop/queue closes the exposure
            """)
    void aDatastoreWithoutASafePatchIsQuarantinedAndTheQuarantineSaysWhy(String description, RemediationLedger.State state,
                                                                        boolean preferQuarantine, String why) {
        Decision d = fix(QUEUE);

        List<RemediationStep> steps = Plan.of(List.of(d), redis(QUEUE)).policies(policy("fix", Action.ALERT, preferQuarantine))
                .history((t, v, at) -> state).run();

        assertThat(steps).singleElement().isInstanceOfSatisfying(RemediationStep.Quarantine.class, q -> {
            assertThat(q.target()).isEqualTo(QUEUE);
            assertThat(q.why()).isEqualTo(why);
            assertThat(q.decisions()).containsExactly(d);
            assertThat(q.policy().getMetadata().getNamespace()).isEqualTo("shop");
            assertThat(q.policy().getMetadata().getName()).isEqualTo("exposure-guard-quarantine-deployment-queue");
            assertThat(q.policy().getMetadata().getAnnotations()).containsEntry("exposureguard.io/reason", why)
                    .containsEntry("exposureguard.io/rules", "EG-EXP-001");
            assertThat(q.policy().getSpec().getPodSelector().getMatchLabels()).isEqualTo(Map.of("app", "queue"));
            assertThat(QuarantinePolicies.isOurs(q.policy(), SEAL)).isTrue();
        });
    }

    @Test
    void aQuarantineAdmitsThePodsOfTheClusterAndTheAllowedCidrsOnly() {
        List<RemediationStep> steps = Plan.of(List.of(fix(QUEUE)), redis(QUEUE)).run();

        assertThat(steps).singleElement().isInstanceOfSatisfying(RemediationStep.Quarantine.class, q -> {
            assertThat(q.policy().getSpec().getPolicyTypes()).containsExactly("Ingress");
            assertThat(q.policy().getSpec().getIngress()).singleElement().satisfies(rule -> {
                assertThat(rule.getFrom()).hasSize(2);
                assertThat(rule.getFrom().get(0).getNamespaceSelector()).isNotNull();
                assertThat(rule.getFrom().get(1).getIpBlock().getCidr()).isEqualTo("10.0.0.0/8");
            });
        });
    }

    @Test
    void aQuarantineCarriesOnlyTheFindingsFromOutsideWhichItCanClose() {
        Decision outside = fix("EG-EXP-002", QUEUE, QUEUE);
        Decision alsoOutside = fix("EG-EXP-001", QUEUE, QUEUE);
        Decision inside = fix("EG-EXP-003", QUEUE, QUEUE);

        List<RemediationStep> steps = Plan.of(List.of(outside, inside, alsoOutside), redis(QUEUE)).run();

        assertThat(steps).singleElement().isInstanceOfSatisfying(RemediationStep.Quarantine.class, q -> {
            assertThat(q.decisions()).containsExactly(outside, alsoOutside);
            assertThat(q.policy().getMetadata().getAnnotations()).containsEntry("exposureguard.io/rules", "EG-EXP-001,EG-EXP-002");
        });
    }

    @Test
    void twoObjectsExposingOneDatastoreGetOneQuarantineNamedForTheFirst() {
        ObjectRef other = ObjectRef.of("Service", "shop", "queue-lb-2");

        List<RemediationStep> steps = Plan.of(List.of(fix(QUEUE_LB), fix(other)), redis(QUEUE),
                loadBalancer(QUEUE_LB, "queue", 6379), loadBalancer(other, "queue", 6379)).run();

        assertThat(steps).singleElement().isInstanceOfSatisfying(RemediationStep.Quarantine.class,
                q -> assertThat(q.target()).isEqualTo(QUEUE_LB));
    }

    @Test
    void oneObjectExposingTwoDatastoresGetsAQuarantineForEach() {
        ObjectRef jobs = ObjectRef.of("Deployment", "shop", "jobs");

        List<RemediationStep> steps = Plan.of(List.of(fix("EG-EXP-001", QUEUE_LB, QUEUE), fix("EG-EXP-001", QUEUE_LB, jobs)),
                redis(QUEUE), redis(jobs), loadBalancer(QUEUE_LB, "queue", 6379)).run();

        assertThat(steps).extracting(s -> ((RemediationStep.Quarantine) s).policy().getMetadata().getName())
                .containsExactly("exposure-guard-quarantine-deployment-queue", "exposure-guard-quarantine-deployment-jobs");
    }

    // ---- quarantine not possible ------------------------------------------------------------------------------------

    static Stream<Arguments> noQuarantine() {
        return Stream.of(
                Arguments.of("reachable only inside the cluster", Plan.of(List.of(fix("EG-EXP-003", QUEUE, QUEUE)), redis(QUEUE)),
                        "reachable only inside the cluster: a quarantine admits in-cluster pods, so only turning authentication on"
                                + " (or a NetworkPolicy naming its clients) closes it"),
                Arguments.of("reached through a route's proxy", Plan.of(List.of(throughRoute(QUEUE)), redis(QUEUE),
                                new GenericKubernetesResourceBuilder().withApiVersion("gateway.networking.k8s.io/v1alpha2")
                                        .withKind("TCPRoute").withNewMetadata().withName("queue").withNamespace("shop")
                                        .withResourceVersion("1").endMetadata().build()),
                        "reached through a proxy in the cluster (an Ingress controller, a Gateway): a quarantine admits in-cluster"
                                + " pods, and the proxy is one, so only removing the route to the datastore's Service or turning"
                                + " authentication on closes it"),
                Arguments.of("pods without labels", Plan.of(List.of(fix(QUEUE)), redis(QUEUE, Map.of(), Map.of(), false)),
                        "the datastore's pods have no labels a NetworkPolicy could select"),
                Arguments.of("datastore unknown to the inventory", Plan.of(List.of(fix("EG-EXP-001", QUEUE_LB,
                                ObjectRef.of("Deployment", "shop", "gone"))), loadBalancer(QUEUE_LB, "queue", 6379)),
                        "the datastore's pods have no labels a NetworkPolicy could select"),
                Arguments.of("hostNetwork", Plan.of(List.of(fix(QUEUE)), redis(QUEUE, Map.of("app", "queue"), Map.of(), true)),
                        "pods with hostNetwork: true are not subject to NetworkPolicy: remove hostNetwork (or stop the workload)"),
                Arguments.of("quarantine key not loaded", Plan.of(List.of(fix(QUEUE)), redis(QUEUE)).seal(Optional.empty()),
                        "exposure-guard's quarantine key (Secret exposure-guard-quarantine-key in its namespace) could not be loaded,"
                                + " so it cannot sign a quarantine; see the operator log"),
                Arguments.of("another workload shares every label", Plan.of(List.of(fix(QUEUE)), redis(QUEUE),
                                redis(ObjectRef.of("Deployment", "shop", "queue-copy"), Map.of("app", "queue"), Map.of(), false)),
                        "no pod selector selects only the datastore's pods: the labels they all carry (app=queue) are also on the"
                                + " pods of Deployment shop/queue-copy, Redis/Valkey in Deployment shop/queue-copy; give the datastore's pods a label of their own"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noQuarantine")
    void whenNoQuarantineCanBeSafeThePlanSaysWhatAHumanMustChange(String description, Plan plan, String reason) {
        List<RemediationStep> steps = plan.run();

        assertThat(steps).singleElement().isInstanceOfSatisfying(RemediationStep.NotPossible.class, n -> {
            assertThat(n.reason()).isEqualTo(reason);
            assertThat(n.decisions()).isEqualTo(plan.reported());
            assertThat(n.target()).isEqualTo(plan.reported().get(0).finding().resource());
        });
    }

    @Test
    void anObjectOfAKindNobodyKnowsIsStillPlannedForItsDatastore() {
        ObjectRef widget = ObjectRef.of("example.com/v1", "Widget", "shop", "front");
        HasMetadata unknown = new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1").withKind("Widget")
                .withNewMetadata().withName("front").withNamespace("shop").withResourceVersion("1").endMetadata().build();

        List<RemediationStep> steps = Plan.of(List.of(fix("EG-EXP-001", widget, QUEUE)), unknown, redis(QUEUE)).run();

        assertThat(steps).singleElement().isInstanceOfSatisfying(RemediationStep.Quarantine.class, q -> {
            assertThat(q.target()).isEqualTo(widget);
            assertThat(q.why()).isEqualTo("no safe patch of Widget shop/front closes the exposure");
        });
    }

    // ---- patch ------------------------------------------------------------------------------------------------------

    /** An unauthenticated Memcached behind a LoadBalancer, assessed under a fix policy: the real engine's decisions. */
    private static List<RemediationStep> planExposedMemcached(boolean preferQuarantine) {
        HasMetadata cache = new DeploymentBuilder()
                .withNewMetadata().withName("cache").withNamespace("shop").withResourceVersion("7").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "cache").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "cache").endMetadata()
                .withNewSpec().addNewContainer().withName("memcached").withImage("memcached:1.6")
                .addNewPort().withContainerPort(11211).endPort().endContainer().endSpec()
                .endTemplate().endSpec().build();
        Service lb = loadBalancer(ObjectRef.of("Service", "shop", "cache"), "cache", 11211);
        List<HasMetadata> objects = List.of(cache, lb);
        List<ExposurePolicy> policies = List.of(policy("fix", Action.FIX, preferQuarantine));
        Assessor.Assessment a = ASSESSOR.assess(objects, policies, List.of(), OPERATOR_NS, Map.of(), NOW);
        return PLANNER.plan(a.outcome().reported(), new ClusterState(objects, policies, List.of(), Map.of()), a.inventory(),
                OPERATOR_NS, CIDRS, NEVER_PATCHED, Optional.of(SEAL), ASSESSOR.fixNamespaces(policies, Map.of(), OPERATOR_NS), NOW);
    }

    @Test
    void anExposedServiceWithAVerifiedPatchIsPatchedToClusterIp() {
        List<RemediationStep> steps = planExposedMemcached(false);

        assertThat(steps).singleElement().isInstanceOfSatisfying(RemediationStep.Patch.class, p -> {
            assertThat(p.target()).isEqualTo(ObjectRef.of("Service", "shop", "cache"));
            assertThat(p.outcome().complete()).isTrue();
            assertThat(p.outcome().original().at("/spec/type").asText()).isEqualTo("LoadBalancer");
            assertThat(p.outcome().fixed().at("/spec/type").asText()).isEqualTo("ClusterIP");
            assertThat(p.decisions()).isNotEmpty().allMatch(d -> d.action() == Action.FIX);
        });
    }

    @Test
    void aPolicyThatPrefersQuarantineGetsOneEvenWhereAPatchWouldDo() {
        List<RemediationStep> steps = planExposedMemcached(true);

        assertThat(steps).singleElement().isInstanceOfSatisfying(RemediationStep.Quarantine.class,
                q -> assertThat(q.why()).isEqualTo("policy prefers quarantine"));
    }

    // ---- lifting quarantines ----------------------------------------------------------------------------------------

    @Test
    void ourQuarantineWhoseExposureIsGoneIsLifted() {
        NetworkPolicy ours = quarantineOf(QUEUE, SEAL);

        List<RemediationStep> steps = Plan.of(List.of(), redis(QUEUE), ours).run();

        assertThat(steps).singleElement().isInstanceOfSatisfying(RemediationStep.Lift.class, l -> {
            assertThat(l.target().display()).isEqualTo(QUARANTINE);
            assertThat(l.policy()).isSameAs(ours);
            assertThat(l.decisions()).isEmpty();
        });
    }

    @Test
    void aQuarantineIsKeptWhileOurPatchIsPending() {
        List<RemediationStep> steps = Plan.of(List.of(fix(QUEUE)), redis(QUEUE), quarantineOf(QUEUE, SEAL))
                .history((t, v, at) -> RemediationLedger.State.PENDING).run();

        assertThat(lifted(steps)).isEmpty();
    }

    @Test
    void aQuarantinePlannedAgainThisAuditIsNotLifted() {
        List<RemediationStep> steps = Plan.of(List.of(fix(QUEUE)), redis(QUEUE), quarantineOf(QUEUE, SEAL)).run();

        assertThat(steps).singleElement().isInstanceOf(RemediationStep.Quarantine.class);
    }

    @Test
    void aQuarantineWhoseDatastoreIsLeftWithOnlyAnInClusterFindingIsLifted() {
        List<RemediationStep> steps = Plan.of(List.of(fix("EG-EXP-003", QUEUE, QUEUE)), redis(QUEUE), quarantineOf(QUEUE, SEAL)).run();

        assertThat(lifted(steps)).containsExactly(QUARANTINE);
    }

    static Stream<Arguments> notLifted() {
        NetworkPolicy ours = quarantineOf(QUEUE, SEAL);
        return Stream.of(
                Arguments.of("without the quarantine label", new NetworkPolicyBuilder(ours).editMetadata()
                        .removeFromLabels(QuarantinePolicies.LABEL).endMetadata().build(), EVERYWHERE),
                Arguments.of("its spec changed after signing", new NetworkPolicyBuilder(ours).editSpec().editPodSelector()
                        .addToMatchLabels("tier", "cache").endPodSelector().endSpec().build(), EVERYWHERE),
                Arguments.of("signed with another key", quarantineOf(QUEUE, new QuarantineSeal(QuarantineSealTest.key(9))), EVERYWHERE),
                Arguments.of("in a namespace no policy fixes", ours, (Predicate<String>) ns -> !ns.equals("shop")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notLifted")
    void aNetworkPolicyIsLiftedOnlyWhenItIsProvenOursAndItsNamespaceIsInFixMode(String description, NetworkPolicy np,
                                                                                Predicate<String> fixNamespaces) {
        assertThat(Plan.of(List.of(), redis(QUEUE), np).fixNamespaces(fixNamespaces).run()).isEmpty();
    }

    @Test
    void withoutTheKeyNoQuarantineIsEverLifted() {
        assertThat(Plan.of(List.of(), redis(QUEUE), quarantineOf(QUEUE, SEAL)).seal(Optional.empty()).run()).isEmpty();
    }
}
