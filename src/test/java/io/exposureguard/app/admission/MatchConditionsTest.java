package io.exposureguard.app.admission;

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
    private static Map<String, List<MatchCondition>> conditionsBySource(boolean validating) {
        Map<String, List<MatchCondition>> all = new LinkedHashMap<>();
        ShippedWebhookConfigurations.sources().forEach(source -> {
            ShippedWebhookConfigurations shipped = source.getPayload().get();
            all.put(source.getName(), new ArrayList<>(validating ? shipped.validating().getMatchConditions()
                    : shipped.mutating().getMatchConditions()));
        });
        return all;
    }

    private static final Map<String, List<MatchCondition>> VALIDATING = conditionsBySource(true);
    private static final Map<String, List<MatchCondition>> MUTATING = conditionsBySource(false);

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
        for (Map<String, List<MatchCondition>> conditions : List.of(VALIDATING, MUTATING)) {
            assertThat(conditions).hasSize(2).allSatisfy((source, list) -> assertThat(list).as(source).isNotEmpty()
                    .allSatisfy(c -> {
                        var result = COMPILER.compile(c.getExpression());
                        assertThat(result.getAst().getResultType()).as(source + ": " + c.getName()).isIn(SimpleType.BOOL, SimpleType.DYN);
                    }));
        }
    }

    /**
     * The validating webhook is called for every object that can complete an exposure path, ClusterIP Services
     * included (one can join an Ingress to a datastore); only the CA bundle ConfigMap Kubernetes writes into
     * every namespace and the EndpointSlices the EndpointSlice controller keeps for Services with a selector are skipped. The mutating webhook skips what it has nothing to fix on.
     */
    @ParameterizedTest(name = "{0} {1} -> validating called: {2}, mutating called: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            services    | {"spec":{"type":"ClusterIP","ports":[{"port":9200}]}}                      | true  | false
            services    | {"spec":{"ports":[{"port":9200}]}}                                        | true  | false
            services    | {"spec":{"type":"ClusterIP","externalIPs":["203.0.113.7"]}}               | true  | true
            services    | {"spec":{"type":"LoadBalancer","ports":[{"port":9200}]}}                  | true  | true
            services    | {"spec":{"type":"NodePort"}}                                              | true  | true
            services    | {"metadata":{"name":"no-spec"}}                                           | true  | true
            ingresses   | {"spec":{"rules":[]}}                                                     | true  | true
            statefulsets| {"spec":{"replicas":3}}                                                   | true  | true
            elasticsearches | {"spec":{"version":"8.15.0"}}                                         | true  | true
            configmaps  | {"metadata":{"name":"es-env"},"data":{"xpack.security.enabled":"false"}}  | true  | true
            configmaps  | {"metadata":{"generateName":"es-env-"}}                                   | true  | true
            configmaps  | {"metadata":{"name":"kube-root-ca.crt"},"data":{"ca.crt":"..."}}          | false | true
            networkpolicies | {"metadata":{"name":"es-only"},"spec":{"podSelector":{}}}             | true  | true
            middlewares | {"metadata":{"name":"login"},"spec":{"basicAuth":{"secret":"users"}}}     | true  | true
            endpointslices | {"metadata":{"name":"db-1","labels":{"kubernetes.io/service-name":"db"}}} | true | true
            endpointslices | {"metadata":{"name":"db-2","labels":{"endpointslice.kubernetes.io/managed-by":"endpointslicemirroring-controller.k8s.io"}}} | true | true
            endpointslices | {"metadata":{"name":"db-3"}}                                            | true  | true
            endpointslices | {"metadata":{"name":"web-x","labels":{"endpointslice.kubernetes.io/managed-by":"endpointslice-controller.k8s.io"}}} | false | true
            """)
    void onlyObjectsThatCannotChangeAVerdictAreSkipped(String resource, String object, boolean validating, boolean mutating) throws Exception {
        for (Map.Entry<String, List<MatchCondition>> source : VALIDATING.entrySet()) {
            assertThat(webhookCalled(source.getValue(), resource.trim(), object.trim())).as(source.getKey()).isEqualTo(validating);
        }
        for (Map.Entry<String, List<MatchCondition>> source : MUTATING.entrySet()) {
            assertThat(webhookCalled(source.getValue(), resource.trim(), object.trim())).as(source.getKey()).isEqualTo(mutating);
        }
    }

    /** On DELETE the API server passes a null object: the conditions must still evaluate (an error would skip the call). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"networkpolicies", "configmaps", "services", "endpointslices"})
    void aDeletionWithANullObjectIsSentToTheValidatingWebhook(String resource) {
        Map<String, Object> request = Map.of("resource", Map.of("group", "", "version", "v1", "resource", resource),
                "operation", "DELETE");
        for (Map.Entry<String, List<MatchCondition>> source : VALIDATING.entrySet()) {
            for (MatchCondition c : source.getValue()) {
                assertThat(evaluate(c, null, request)).as(source.getKey() + ": " + c.getName()).isTrue();
            }
        }
    }

    private static boolean evaluate(MatchCondition c, Object object, Map<String, Object> request) {
        try {
            var program = RUNTIME.createProgram(COMPILER.compile(c.getExpression()).getAst());
            Map<String, Object> vars = new java.util.HashMap<>();
            vars.put("object", object == null ? dev.cel.common.values.NullValue.NULL_VALUE : object);
            vars.put("request", request);
            return (Boolean) program.eval(vars);
        } catch (Exception e) {
            throw new AssertionError("condition " + c.getName() + " failed to evaluate: " + e.getMessage(), e);
        }
    }
}
