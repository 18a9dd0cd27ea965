package io.exposureguard.app.admission;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wrong ExposureException or ExposurePolicy fails at {@code kubectl apply}: /validate (real HTTPS, AdmissionReview
 * JSON) refuses what the operator would ignore as written, in the words the audit and scan use: an unknown field or
 * rule, an unreadable or (at CREATE) past expiry, a missing approver, an exception in a namespace where exceptions
 * count for no policy, a policy's invalid CIDR. A policy's ignorable problem is a warning.
 */
@QuarkusTest
@WithKubernetesTestServer
class PolicyObjectAdmissionTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    /** An exception as written: {@code namespace}, then the spec fields that differ from a valid one. */
    private static GenericKubernetesResource exception(String namespace, String rules, String expiresAt, String extra) {
        return JSON.unmarshal("""
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposureException
                metadata: {name: partner, namespace: %s}
                spec:
                  rules: %s
                  resources: [{namespace: orders, kind: Service, name: db}]
                  reason: partner access over TLS
                  expiresAt: "%s"
                  %s
                """.formatted(namespace, rules, expiresAt, extra), GenericKubernetesResource.class);
    }

    private static JsonPath send(String operation, GenericKubernetesResource object) {
        return operation.equals("UPDATE")
                ? AdmissionRequests.update("/validate", "uid-policy-object", object.getMetadata().getNamespace(), object, object)
                : AdmissionRequests.send("/validate", "uid-policy-object", operation, object.getMetadata().getNamespace(), object, false);
    }

    @Test
    void aValidExceptionInTheOperatorsNamespaceIsAllowed() {
        JsonPath response = send("CREATE", exception("exposure-guard", "[EG-EXP-004]", "2099-01-31T00:00:00Z", "approvedBy: sec@example.com"));

        assertThat(response.getBoolean("response.allowed")).isTrue();
        assertThat(response.getList("response.warnings")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an unknown rule                 | exposure-guard | [EG-EXP-999] | 2099-01-31T00:00:00Z | approvedBy: sec@example.com | spec.rules: unknown rule EG-EXP-999 (ignored)
            an expiry that is not a time    | exposure-guard | [EG-EXP-004] | next friday          | approvedBy: sec@example.com | spec.expiresAt: 'next friday' is not an RFC 3339 time such as 2027-01-31T00:00:00Z
            an expiry already past          | exposure-guard | [EG-EXP-004] | 2020-01-01T00:00:00Z | approvedBy: sec@example.com | spec.expiresAt: expired at 2020-01-01T00:00:00Z, so the exception exempts nothing
            no approver                     | exposure-guard | [EG-EXP-004] | 2099-01-31T00:00:00Z | ticket: CHG-1               | spec.approvedBy: is required: say who approved the exception
            an unknown field                | exposure-guard | [EG-EXP-004] | 2099-01-31T00:00:00Z | approver: sec@example.com   | spec.approver: unknown field; known fields: approvedBy, expiresAt, reason, resources, rules, ticket
            the team's own namespace        | eg-adm-team-a  | [EG-EXP-004] | 2099-01-31T00:00:00Z | approvedBy: sec@example.com | this one is in eg-adm-team-a
            """)
    void aWrongExceptionIsRefusedAtCreateNamingTheField(String name, String namespace, String rules, String expiresAt, String extra,
                                                        String refusal) {
        JsonPath response = send("CREATE", exception(namespace, rules, expiresAt, extra));

        assertThat(response.getBoolean("response.allowed")).isFalse();
        assertThat(response.getInt("response.status.code")).isEqualTo(403);
        assertThat(response.getString("response.status.message"))
                .startsWith("exposure-guard refused ExposureException " + namespace + "/partner: ").contains(refusal)
                .doesNotContain("io.exposureguard", "java.", "Unrecognized");
    }

    @Test
    void anExpiredExceptionMayStillBeUpdatedSoItCanBeRenewedWithAWarning() {
        JsonPath response = send("UPDATE", exception("exposure-guard", "[EG-EXP-004]", "2020-01-01T00:00:00Z", "approvedBy: sec@example.com"));

        assertThat(response.getBoolean("response.allowed")).isTrue();
        assertThat(response.getList("response.warnings", String.class)).containsExactly("exposure-guard: ExposureException"
                + " exposure-guard/partner: spec.expiresAt: expired at 2020-01-01T00:00:00Z, so the exception exempts nothing");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an invalid CIDR refuses it        | {allowedSourceCidrs: [10.0.0.0/99]}           | false | spec.allowedSourceCidrs[0]: '10.0.0.0/99' is not a CIDR
            an unknown field refuses it       | {actions: {critical: deny, severe: deny}}     | false | spec.actions.severe: unknown field; known fields: critical, high, low, medium
            an unknown rule id is a warning   | {rules: [{id: EG-EXP-999, action: alert}]}    | true  | spec.rules[0].id: unknown rule EG-EXP-999 (ignored)
            """)
    void aPolicysProblemRefusesItOrWarnsAsTheOperatorWouldTreatIt(String name, String spec, boolean allowed, String said) {
        GenericKubernetesResource policy = JSON.unmarshal("""
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: eg-adm-policy}
                spec: %s
                """.formatted(spec), GenericKubernetesResource.class);

        JsonPath response = send("CREATE", policy);

        assertThat(response.getBoolean("response.allowed")).isEqualTo(allowed);
        assertThat(allowed ? String.valueOf(response.getList("response.warnings")) : response.getString("response.status.message"))
                .contains(said);
    }
}
