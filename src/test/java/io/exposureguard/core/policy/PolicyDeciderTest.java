package io.exposureguard.core.policy;

import io.exposureguard.core.model.Hop;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.model.Severity;
import io.exposureguard.core.api.v1.Action;
import io.exposureguard.core.api.v1.ExposureException;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.exposureguard.core.rules.RuleCatalog;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** How policies and exceptions turn findings into deny / fix / alert / off. */
class PolicyDeciderTest {

    static final String OPERATOR_NS = "exposure-guard";
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final RuleCatalog CATALOG = new RuleCatalog();
    private final PolicyDecider decider = new PolicyDecider(new PolicyValidator(
            CATALOG.infos().stream().map(i -> i.id()).collect(Collectors.toSet())));

    static Finding finding(String rule, Severity severity, String namespace, String kind, String name) {
        return new Finding(CATALOG.info(rule).orElseThrow(), severity, ObjectRef.of(kind, namespace, name),
                ObjectRef.of("Elasticsearch", namespace, "es"), "m", List.of(Hop.origin(Hop.Kind.INTERNET), Hop.entryService("LoadBalancer", ObjectRef.of("Service", namespace, "x"), null, Hop.Port.of(9200, null), List.of())),
                List.of("f"), "fix");
    }

    static ExposurePolicy policy(String yaml) {
        return YAML.unmarshal("apiVersion: exposureguard.io/v1alpha1\nkind: ExposurePolicy\n" + yaml, ExposurePolicy.class);
    }

    static ExposureException exception(String yaml) {
        return YAML.unmarshal("apiVersion: exposureguard.io/v1alpha1\nkind: ExposureException\n" + yaml, ExposureException.class);
    }

    private PolicyOutcome decide(Finding f, List<ExposurePolicy> policies, List<ExposureException> exceptions) {
        Map<String, Map<String, String>> labels = Map.of(
                "shop", Map.of("env", "prod", "team", "payments"),
                "lab", Map.of("env", "dev", "owner", "research"));
        return decider.decide(List.of(f), new PolicyContext(policies, exceptions, OPERATOR_NS, labels, NOW));
    }

    private Decision decideOne(Finding f, List<ExposurePolicy> policies, List<ExposureException> exceptions) {
        return decide(f, policies, exceptions).decisions().get(0);
    }

    @ParameterizedTest(name = "{0} {1} in {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            EG-EXP-001 | CRITICAL | shop           | DENY
            EG-EXP-001 | HIGH     | shop           | ALERT
            EG-EXP-004 | MEDIUM   | shop           | ALERT
            EG-EXP-003 | LOW      | lab            | ALERT
            EG-EXP-001 | CRITICAL | kube-system    | OFF
            EG-EXP-001 | CRITICAL | exposure-guard | OFF
            """)
    void withoutAnyPolicyTheSecureDefaultApplies(String rule, Severity severity, String ns, Action expected) {
        Decision d = decideOne(finding(rule, severity, ns, "Service", "s"), List.of(), List.of());

        assertThat(d.action()).isEqualTo(expected);
        assertThat(d.reason()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            severity action                      | {name: p}, spec: {actions: {critical: fix}}                                          | FIX
            rule action beats severity action    | {name: p}, spec: {actions: {critical: fix}, rules: [{id: EG-EXP-001, action: alert}]} | ALERT
            rule turned off                      | {name: p}, spec: {rules: [{id: EG-EXP-001, action: "off"}]}                           | OFF
            unset severities keep the default    | {name: p}, spec: {actions: {high: deny}}                                             | DENY
            namespace excluded by the policy     | {name: p}, spec: {excludedNamespaces: [shop]}                                        | OFF
            """)
    void policyActions(String description, String metadataAndSpec, Action expected) {
        ExposurePolicy p = policy("metadata: " + metadataAndSpec.replace("}, spec:", "}\nspec:"));

        assertThat(decideOne(finding("EG-EXP-001", Severity.CRITICAL, "shop", "Service", "s"), List.of(p), List.of()).action())
                .isEqualTo(expected);
    }

    @Test
    void aPolicyGovernsOnlyTheNamespacesItSelectsOthersKeepTheDefault() {
        ExposurePolicy prodOnly = policy("""
                metadata: {name: prod}
                spec: {namespaceSelector: {matchLabels: {env: prod}}, actions: {high: deny}}
                """);
        Finding high = finding("EG-EXP-001", Severity.HIGH, "shop", "Service", "s");

        assertThat(decideOne(high, List.of(prodOnly), List.of()).action()).isEqualTo(Action.DENY);
        assertThat(decideOne(finding("EG-EXP-001", Severity.HIGH, "lab", "Service", "s"), List.of(prodOnly), List.of()))
                .satisfies(d -> {
                    assertThat(d.action()).isEqualTo(Action.ALERT);
                    assertThat(d.reason()).startsWith("built-in default");
                });
    }

    @Test
    void theStrictestActionOfAllGoverningPoliciesWins() {
        ExposurePolicy lenient = policy("metadata: {name: a}\nspec: {actions: {critical: alert}}\n");
        ExposurePolicy strict = policy("metadata: {name: b}\nspec: {actions: {critical: deny}}\n");

        Decision d = decideOne(finding("EG-EXP-001", Severity.CRITICAL, "shop", "Service", "s"), List.of(lenient, strict), List.of());

        assertThat(d.action()).isEqualTo(Action.DENY);
        assertThat(d.reason()).isEqualTo("ExposurePolicy b: severity critical -> deny");
    }

    @Test
    void aPolicyWithABrokenSelectorIsIgnoredAndReportedNotAllowedToSilenceTheCluster() {
        ExposurePolicy broken = policy("""
                metadata: {name: broken}
                spec:
                  namespaceSelector: {matchExpressions: [{key: env, operator: Equals, values: [prod]}]}
                  actions: {critical: "off"}
                """);

        PolicyOutcome outcome = decide(finding("EG-EXP-001", Severity.CRITICAL, "shop", "Service", "s"), List.of(broken), List.of());

        assertThat(outcome.decisions().get(0).action()).isEqualTo(Action.DENY);
        assertThat(outcome.policyProblems().get(ObjectRef.of("ExposurePolicy", null, "broken")))
                .singleElement().satisfies(p -> {
                    assertThat(p.fatal()).isTrue();
                    assertThat(p.display()).contains("spec.namespaceSelector.matchExpressions[0].operator 'Equals'");
                });
    }

    @Test
    void theTeamComesFromTheNamespaceLabelThePolicyNames() {
        ExposurePolicy byOwner = policy("metadata: {name: p}\nspec: {teamLabel: owner}\n");

        assertThat(decideOne(finding("EG-EXP-003", Severity.LOW, "shop", "Service", "s"), List.of(), List.of()).team()).isEqualTo("payments");
        assertThat(decideOne(finding("EG-EXP-003", Severity.LOW, "lab", "Service", "s"), List.of(byOwner), List.of()).team()).isEqualTo("research");
        assertThat(decideOne(finding("EG-EXP-003", Severity.LOW, "nolabels", "Service", "s"), List.of(), List.of()).team()).isEqualTo("unknown");
    }

    private static ExposureException validException(String namespace, String expiresAt, String resources) {
        return exception("""
                metadata: {name: es-lb, namespace: %s}
                spec:
                  rules: [EG-EXP-001]
                  resources: %s
                  reason: Public demo data set, no customer records
                  expiresAt: "%s"
                  approvedBy: security@example.com
                  ticket: SEC-1234
                """.formatted(namespace, resources, expiresAt));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            the finding's object                | [{namespace: shop, kind: Service, name: s}]  | OFF
            every object of the kind             | [{namespace: shop, kind: Service}]           | OFF
            the finding's datastore              | [{namespace: shop, kind: Elasticsearch, name: es}] | OFF
            another object                       | [{namespace: shop, kind: Service, name: other}] | DENY
            another namespace                    | [{namespace: lab}]                           | DENY
            """)
    void anExceptionCoversTheObjectsItNames(String description, String resources, Action expected) {
        Decision d = decideOne(finding("EG-EXP-001", Severity.CRITICAL, "shop", "Service", "s"), List.of(),
                List.of(validException(OPERATOR_NS, "2027-01-31T00:00:00Z", resources)));

        assertThat(d.action()).isEqualTo(expected);
        if (expected == Action.OFF) {
            assertThat(d.exceptedBy()).contains(ObjectRef.of("ExposureException", OPERATOR_NS, "es-lb"));
            assertThat(d.reason()).contains("Public demo data set", "security@example.com", "SEC-1234", "2027-01-31T00:00:00Z");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            labels match                     | {matchLabels: {exposure: approved}}                                   | OFF
            labels differ                    | {matchLabels: {exposure: pending}}                                    | DENY
            expression matches               | {matchExpressions: [{key: exposure, operator: In, values: [approved]}]} | OFF
            selector plus kind               | {matchLabels: {exposure: approved}}, kind: Ingress                    | DENY
            """)
    void anExceptionCanSelectObjectsByLabel(String description, String selector, Action expected) {
        String resources = "[{namespace: shop, selector: " + selector + "}]";
        ExposureException e = validException(OPERATOR_NS, "2027-01-31T00:00:00Z", resources);
        Finding f = finding("EG-EXP-001", Severity.CRITICAL, "shop", "Service", "s");
        Map<ObjectRef, Map<String, String>> labels = Map.of(f.resource(), Map.of("exposure", "approved"));

        Decision d = decider.decide(List.of(f), new PolicyContext(List.of(), List.of(e), OPERATOR_NS, Map.of(), NOW, labels))
                .decisions().get(0);

        assertThat(d.action()).isEqualTo(expected);
    }

    @Test
    void anExceptionWithAnInvalidSelectorIsInvalid() {
        ExposureException e = validException(OPERATOR_NS, "2027-01-31T00:00:00Z",
                "[{namespace: shop, selector: {matchExpressions: [{key: exposure, operator: Exists, values: [x]}]}}]");

        PolicyOutcome outcome = decide(finding("EG-EXP-001", Severity.CRITICAL, "shop", "Service", "s"), List.of(), List.of(e));

        assertThat(outcome.exceptionIssues()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(ExceptionIssue.Kind.INVALID);
            assertThat(i.message()).contains("spec.resources[0].selector.matchExpressions[0]: operator Exists takes no values");
        });
    }

    @Test
    void anExceptionForAnotherRuleDoesNotApply() {
        Decision d = decideOne(finding("EG-EXP-002", Severity.CRITICAL, "shop", "Service", "s"), List.of(),
                List.of(validException(OPERATOR_NS, "2027-01-31T00:00:00Z", "[{namespace: shop}]")));

        assertThat(d.action()).isEqualTo(Action.DENY);
    }

    @Test
    void anExpiredExceptionAppliesNowhereAndIsReported() {
        PolicyOutcome outcome = decide(finding("EG-EXP-001", Severity.CRITICAL, "shop", "Service", "s"), List.of(),
                List.of(validException(OPERATOR_NS, "2026-11-23T11:59:59Z", "[{namespace: shop}]")));

        assertThat(outcome.decisions().get(0).action()).isEqualTo(Action.DENY);
        assertThat(outcome.exceptionIssues()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(ExceptionIssue.Kind.EXPIRED);
            assertThat(i.message()).isEqualTo("expired at 2026-11-23T11:59:59Z");
        });
    }

    @Test
    void teamsCannotExemptThemselvesFromTheirOwnNamespace() {
        PolicyOutcome outcome = decide(finding("EG-EXP-001", Severity.CRITICAL, "shop", "Service", "s"), List.of(),
                List.of(validException("shop", "2027-01-31T00:00:00Z", "[{namespace: shop}]")));

        assertThat(outcome.decisions().get(0).action()).isEqualTo(Action.DENY);
        assertThat(outcome.exceptionIssues()).singleElement().satisfies(i -> assertThat(i.kind()).isEqualTo(ExceptionIssue.Kind.OUT_OF_SCOPE));
    }

    @Test
    void aPolicyCanNameOtherExceptionNamespaces() {
        ExposurePolicy p = policy("metadata: {name: p}\nspec: {exceptionNamespaces: [security-exceptions]}\n");

        Decision d = decideOne(finding("EG-EXP-001", Severity.CRITICAL, "shop", "Service", "s"), List.of(p),
                List.of(validException("security-exceptions", "2027-01-31T00:00:00Z", "[{namespace: shop}]")));

        assertThat(d.action()).isEqualTo(Action.OFF);
    }

    /** Policy A governs team-a and delegates to team-a; policy B governs team-b and delegates to security. */
    private static final List<ExposurePolicy> DELEGATING = List.of(
            policy("metadata: {name: a}\nspec: {namespaceSelector: {matchLabels: {team: a}}, exceptionNamespaces: [team-a]}\n"),
            policy("metadata: {name: b}\nspec: {namespaceSelector: {matchLabels: {team: b}}, exceptionNamespaces: [security]}\n"));
    private static final Map<String, Map<String, String>> TEAM_LABELS = Map.of("team-a", Map.of("team", "a"),
            "team-b", Map.of("team", "b"), "security", Map.of());

    private PolicyOutcome decideForTeams(Finding f, ExposureException e) {
        return decider.decide(List.of(f), new PolicyContext(DELEGATING, List.of(e), OPERATOR_NS, TEAM_LABELS, NOW));
    }

    @ParameterizedTest(name = "exception in {0} for a {1} resource -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            team-a   | team-a | OFF
            security | team-b | OFF
            team-a   | team-b | DENY
            security | team-a | DENY
            """)
    void anExceptionCountsOnlyForNamespacesWhosePoliciesDelegateToItsOwnNamespace(String home, String target, Action expected) {
        PolicyOutcome outcome = decideForTeams(finding("EG-EXP-001", Severity.CRITICAL, target, "Service", "s"),
                validException(home, "2027-01-31T00:00:00Z", "[{namespace: " + target + "}]"));

        assertThat(outcome.decisions().get(0).action()).isEqualTo(expected);
        if (expected == Action.OFF) {
            assertThat(outcome.exceptionIssues()).isEmpty();
        } else {
            assertThat(outcome.exceptionIssues()).singleElement().satisfies(i -> {
                assertThat(i.kind()).isEqualTo(ExceptionIssue.Kind.OUT_OF_SCOPE);
                assertThat(i.exception()).isEqualTo(ObjectRef.of("ExposureException", home, "es-lb"));
                assertThat(i.message()).isEqualTo("spec.resources[0]: namespace " + target + " takes exceptions only from ["
                        + ("team-a".equals(target) ? "team-a" : "security") + "]; this one is in " + home);
            });
        }
    }

    @Test
    void anExceptionWithEntriesInAndOutOfItsScopeAppliesToThoseInScopeAndReportsTheOthers() {
        ExposureException e = validException("team-a", "2027-01-31T00:00:00Z", "[{namespace: team-b}, {namespace: team-a}]");

        PolicyOutcome own = decideForTeams(finding("EG-EXP-001", Severity.CRITICAL, "team-a", "Service", "s"), e);
        PolicyOutcome other = decideForTeams(finding("EG-EXP-001", Severity.CRITICAL, "team-b", "Service", "s"), e);

        assertThat(own.decisions().get(0).action()).isEqualTo(Action.OFF);
        assertThat(other.decisions().get(0).action()).isEqualTo(Action.DENY);
        assertThat(other.exceptionIssues()).singleElement().satisfies(i -> assertThat(i.message())
                .isEqualTo("spec.resources[0]: namespace team-b takes exceptions only from [security]; this one is in team-a"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            severity fix                         | {actions: {high: fix}}                                           | shop           | true
            rule fix                             | {rules: [{id: EG-EXP-001, action: fix}]}                         | shop           | true
            no fix anywhere                      | {actions: {critical: alert}}                                     | shop           | false
            fix elsewhere only                   | {namespaceSelector: {matchLabels: {env: dev}}, actions: {critical: fix}} | shop   | false
            excluded by the fixing policy        | {actions: {critical: fix}, excludedNamespaces: [shop]}           | shop           | false
            kube-system, excluded by default     | {actions: {critical: fix}}                                       | kube-system    | false
            kube-system, a fix policy includes it | {actions: {critical: fix}, excludedNamespaces: []}              | kube-system    | true
            the operator's namespace             | {actions: {critical: fix}}                                       | exposure-guard | false
            """)
    void remediationActsOnlyInNamespacesAValidPolicySaysFixFor(String description, String spec, String ns, boolean expected) {
        ExposurePolicy p = policy("metadata: {name: p}\nspec: " + spec + "\n");

        assertThat(decider.fixNamespaces(List.of(p), Map.of("shop", Map.of("env", "prod")), OPERATOR_NS).test(ns)).isEqualTo(expected);
    }

    @Test
    void withoutAPolicyRemediationActsNowhere() {
        assertThat(decider.fixNamespaces(List.of(), Map.of(), OPERATOR_NS)).rejects("shop", "kube-system", OPERATOR_NS);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no reason            | {rules: [EG-EXP-001], resources: [{namespace: shop}], expiresAt: "2027-01-01T00:00:00Z", approvedBy: me}              | spec.reason: is required
            no approver          | {rules: [EG-EXP-001], resources: [{namespace: shop}], expiresAt: "2027-01-01T00:00:00Z", reason: r}                  | spec.approvedBy: is required
            no expiry            | {rules: [EG-EXP-001], resources: [{namespace: shop}], reason: r, approvedBy: me}                                      | spec.expiresAt: is required
            unparseable expiry   | {rules: [EG-EXP-001], resources: [{namespace: shop}], expiresAt: next week, reason: r, approvedBy: me}               | spec.expiresAt: 'next week' is not an RFC 3339 time
            no rules             | {rules: [], resources: [{namespace: shop}], expiresAt: "2027-01-01T00:00:00Z", reason: r, approvedBy: me}            | spec.rules: must name at least one rule
            resource without ns  | {rules: [EG-EXP-001], resources: [{kind: Service}], expiresAt: "2027-01-01T00:00:00Z", reason: r, approvedBy: me}    | spec.resources[0].namespace: is required
            """)
    void anInvalidExceptionNeverAppliesAndSaysWhy(String description, String spec, String expectedMessage) {
        ExposureException e = exception("metadata: {name: bad, namespace: " + OPERATOR_NS + "}\nspec: " + spec + "\n");

        PolicyOutcome outcome = decide(finding("EG-EXP-001", Severity.CRITICAL, "shop", "Service", "s"), List.of(), List.of(e));

        assertThat(outcome.decisions().get(0).action()).isEqualTo(Action.DENY);
        assertThat(outcome.exceptionIssues()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(ExceptionIssue.Kind.INVALID);
            assertThat(i.message()).startsWith(expectedMessage);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad CIDR             | {allowedSourceCidrs: [10.0.0.0/33]}                                   | spec.allowedSourceCidrs[0]: '10.0.0.0/33' is not a CIDR | true
            bad probe target     | {probe: {mode: All, allowedTargetCidrs: [192.0.2.0/24, metadata]}}    | spec.probe.allowedTargetCidrs[1]: 'metadata' is not a CIDR | true
            In without values    | {namespaceSelector: {matchExpressions: [{key: env, operator: In}]}}   | spec.namespaceSelector: spec.namespaceSelector.matchExpressions[0]: operator In needs values | true
            unknown rule id      | {rules: [{id: EG-XYZ-999, action: deny}]}                             | spec.rules[0].id: unknown rule EG-XYZ-999 (ignored) | false
            """)
    void policyProblemsNameTheField(String description, String spec, String expected, boolean fatal) {
        ExposurePolicy p = policy("metadata: {name: p}\nspec: " + spec + "\n");

        List<PolicyProblem> problems = new PolicyValidator(java.util.Set.of("EG-EXP-001")).validate(p);

        assertThat(problems).singleElement().satisfies(pp -> {
            assertThat(pp.display()).isEqualTo(expected);
            assertThat(pp.fatal()).isEqualTo(fatal);
        });
    }
}
