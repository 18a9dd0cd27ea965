package io.exposureguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wrong ExposureException is refused at {@code kubectl apply} by the CRD itself: its OpenAPI schema (patterns,
 * required fields), and its CEL rules ({@code x-kubernetes-validations}) compiled and evaluated with real CEL as the
 * API server does. Each refusal names the field. And both kinds list under {@code kubectl get exposureguard}.
 */
class CustomResourceValidationTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final CelCompiler CEL = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS).addVar("self", SimpleType.DYN).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private static JsonNode crd(String plural) throws IOException {
        return YAML.readTree(Path.of("crds/" + plural + ".exposureguard.io-v1.yml").toFile());
    }

    private static final String GOOD = """
            apiVersion: exposureguard.io/v1alpha1
            kind: ExposureException
            metadata: {name: partner, namespace: exposure-guard}
            spec:
              rules: [EG-EXP-004]
              resources: [{namespace: orders, kind: Service, name: orders-db-public}]
              reason: partner access over TLS
              expiresAt: "2099-01-31T00:00:00Z"
              approvedBy: security-team@example.com
            """;

    /** What the API server would say of an exception: schema errors, then failed CEL rules, each with its field's path. */
    private static List<String> refusals(String yaml) throws Exception {
        return refusals("exposureexceptions", yaml);
    }

    private static List<String> refusals(String plural, String yaml) throws Exception {
        JsonNode object = YAML.readTree(yaml);
        JsonNode schema = crd(plural).at("/spec/versions/0/schema/openAPIV3Schema");
        JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
        List<String> out = new ArrayList<>();
        for (ValidationMessage m : validator.validate(object)) {
            out.add(m.getMessage());
        }
        celRules(schema, object, "$", out);
        return out;
    }

    private static void celRules(JsonNode schema, JsonNode value, String path, List<String> out) throws Exception {
        if (value == null || value.isMissingNode()) {
            return;
        }
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            Object self = YAML.convertValue(value, Object.class);
            var program = RUNTIME.createProgram(CEL.compile(rule.get("rule").asText()).getAst());
            if (!(Boolean) program.eval(Map.of("self", self))) {
                out.add(path + ": " + rule.get("message").asText());
            }
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                celRules(schema.path("items"), value.get(i), path + "[" + i + "]", out);
            }
        }
        schema.path("properties").fields().forEachRemaining(p -> {
            try {
                celRules(p.getValue(), value.path(p.getKey()), path + "." + p.getKey(), out);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void theShippedExampleIsAccepted() throws Exception {
        assertThat(refusals(GOOD)).isEmpty();
        assertThat(refusals(java.nio.file.Files.readString(Path.of("deploy/policies/exposure-exception-example.yaml")))).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            expiresAt      | 'expiresAt: "2099-01-31T00:00:00Z"'   | 'expiresAt: next friday'   | $.spec.expiresAt: does not match the regex pattern
            rule id        | 'rules: [EG-EXP-004]'                 | 'rules: [EG-EXP-01]'       | $.spec.rules: every rule id looks like EG-EXP-004
            kind case      | 'kind: Service, name'                 | 'kind: service, name'      | $.spec.resources[0].kind: does not match the regex pattern
            namespace      | '{namespace: orders,'                 | '{namespace: Orders_NS,'   | $.spec.resources[0].namespace: does not match the regex pattern
            no reason      | 'reason: partner access over TLS'     | 'ticket: SEC-1'            | $.spec: required property 'reason' not found
            no approver    | 'approvedBy: security-team@example.com' | 'ticket: SEC-2'          | $.spec: required property 'approvedBy' not found
            no rules       | 'rules: [EG-EXP-004]'                 | 'rules: []'                | $.spec.rules: must have at least 1 items
            """)
    void aWrongExceptionIsRefusedNamingTheField(String what, String good, String bad, String refusal) throws Exception {
        assertThat(GOOD).contains(good);

        assertThat(refusals(GOOD.replace(good, bad))).as(what).anySatisfy(r -> assertThat(r).startsWith(refusal));
    }

    @ParameterizedTest(name = "ports {0}")
    @CsvSource({"'[5432]', true", "'[0]', false", "'[70000]', false", "'[80, 65536]', false"})
    void aCustomDatastoresPortsAreInRange(String ports, boolean accepted) throws Exception {
        String policy = """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: kv}
                spec:
                  datastores: [{name: acme-kv, imagePatterns: [acme-kv], ports: %s}]
                """.formatted(ports);

        List<String> refusals = refusals("exposurepolicies", policy);

        if (accepted) {
            assertThat(refusals).isEmpty();
        } else {
            assertThat(refusals).containsExactly("$.spec.datastores[0].ports: every port is between 1 and 65535");
        }
    }

    @ParameterizedTest
    @CsvSource({"exposureexceptions", "exposurepolicies"})
    void bothKindsAreInTheExposureguardCategory(String plural) throws Exception {
        assertThat(crd(plural).at("/spec/names/categories")).extracting(JsonNode::asText).containsExactly("exposureguard");
    }

    @Test
    void printerColumnsShowExpiryAsADateAndPolicyReadinessFindingsByCountAndDegraded() throws Exception {
        JsonNode exception = crd("exposureexceptions").at("/spec/versions/0/additionalPrinterColumns");
        JsonNode policy = crd("exposurepolicies").at("/spec/versions/0/additionalPrinterColumns");

        assertThat(exception).filteredOn(c -> c.get("name").asText().equals("Expires"))
                .singleElement().satisfies(c -> assertThat(c.get("type").asText()).isEqualTo("date"));
        assertThat(policy).extracting(c -> c.get("name").asText())
                .containsExactly("Critical", "High", "Degraded", "Ready", "Critical-Findings", "High-Findings", "Age");
        assertThat(exception).extracting(c -> c.get("name").asText())
                .containsExactly("Approved-By", "Expires", "Rules", "Reason", "Applied", "Matched", "Age");
        assertThat(policy).filteredOn(c -> c.get("name").asText().endsWith("-Findings"))
                .allSatisfy(c -> assertThat(c.get("type").asText()).isEqualTo("integer"));
    }
}
