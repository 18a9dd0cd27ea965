package io.exposureguard.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook configurations' CEL matchConditions (deploy/webhook and the Helm chart's) compile and decide as
 * intended, evaluated with CEL the
 * way the API server does (variables object, oldObject, request; standard macros for has()). A condition
 * that does not compile would make the API server reject the whole configuration.
 */
class MatchConditionsTest {

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("object", SimpleType.DYN).addVar("oldObject", SimpleType.DYN)
            .addVar("request", SimpleType.DYN).addVar("authorizer", SimpleType.DYN)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    /** The conditions of every webhook of every shipped configuration (deploy/webhook and the Helm chart). */
    private static Map<String, List<MatchCondition>> conditionsBySource() {
        Map<String, List<MatchCondition>> all = new LinkedHashMap<>();
        ShippedWebhookConfigurations.sources().forEach(source -> {
            ShippedWebhookConfigurations shipped = source.getPayload().get();
            List<MatchCondition> conditions = new ArrayList<>(shipped.validating().getMatchConditions());
            conditions.addAll(shipped.mutating().getMatchConditions());
            all.put(source.getName(), conditions);
        });
        return all;
    }

    private static final Map<String, List<MatchCondition>> CONDITIONS = conditionsBySource();

    /** True when every condition matches, i.e. the API server would call the webhook. */
    private static boolean webhookCalled(List<MatchCondition> conditions, String resource, String objectJson) throws Exception {
        Map<String, Object> object = longs(new ObjectMapper().readValue(objectJson, Map.class));
        Map<String, Object> request = Map.of("resource", Map.of("group", "", "version", "v1", "resource", resource),
                "operation", "CREATE");
        for (MatchCondition c : conditions) {
            var program = RUNTIME.createProgram(COMPILER.compile(c.getExpression()).getAst());
            if (!(Boolean) program.eval(Map.of("object", object, "request", request))) {
                return false;
            }
        }
        return true;
    }

    /** CEL integers are 64-bit; JSON numbers arrive as Integer. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> longs(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, v instanceof Integer i ? Long.valueOf(i)
                : v instanceof Map<?, ?> m ? longs((Map<String, Object>) m)
                : v instanceof List<?> l ? l.stream().map(e -> e instanceof Integer i ? (Object) Long.valueOf(i)
                        : e instanceof Map<?, ?> m ? longs((Map<String, Object>) m) : e).toList() : v));
        return out;
    }

    @Test
    void everyConditionCompilesToABoolean() {
        assertThat(CONDITIONS).hasSize(2).allSatisfy((source, conditions) -> assertThat(conditions).as(source).isNotEmpty()
                .allSatisfy(c -> {
                    var result = COMPILER.compile(c.getExpression());
                    assertThat(result.getAst().getResultType()).as(source + ": " + c.getName()).isIn(SimpleType.BOOL, SimpleType.DYN);
                }));
    }

    @ParameterizedTest(name = "{0} {1} -> webhook called: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            services    | {"spec":{"type":"ClusterIP","ports":[{"port":9200}]}}                      | false
            services    | {"spec":{"ports":[{"port":9200}]}}                                        | false
            services    | {"spec":{"type":"ClusterIP","externalIPs":["203.0.113.7"]}}               | true
            services    | {"spec":{"type":"LoadBalancer","ports":[{"port":9200}]}}                  | true
            services    | {"spec":{"type":"NodePort"}}                                              | true
            services    | {"metadata":{"name":"no-spec"}}                                           | true
            ingresses   | {"spec":{"rules":[]}}                                                     | true
            statefulsets| {"spec":{"replicas":3}}                                                   | true
            elasticsearches | {"spec":{"version":"8.15.0"}}                                         | true
            """)
    void onlyServicesThatCannotPublishAnythingAreSkipped(String resource, String object, boolean called) throws Exception {
        for (Map.Entry<String, List<MatchCondition>> source : CONDITIONS.entrySet()) {
            assertThat(webhookCalled(source.getValue(), resource.trim(), object.trim())).as(source.getKey()).isEqualTo(called);
        }
    }
}
