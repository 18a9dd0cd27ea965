package io.exposureguard.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.FileInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook configurations' CEL matchConditions compile and decide as intended, evaluated with CEL the
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

    private static List<MatchCondition> conditions() throws Exception {
        List<MatchCondition> all = new ArrayList<>();
        try (FileInputStream in = new FileInputStream("deploy/webhook/webhook-configurations.yaml")) {
            for (HasMetadata o : new KubernetesSerialization().<List<HasMetadata>>unmarshal(in)) {
                if (o instanceof ValidatingWebhookConfiguration v) {
                    v.getWebhooks().forEach(w -> all.addAll(w.getMatchConditions()));
                } else if (o instanceof MutatingWebhookConfiguration m) {
                    m.getWebhooks().forEach(w -> all.addAll(w.getMatchConditions()));
                }
            }
        }
        return all;
    }

    /** True when every condition matches, i.e. the API server would call the webhook. */
    private static boolean webhookCalled(String resource, String objectJson) throws Exception {
        Map<String, Object> object = longs(new ObjectMapper().readValue(objectJson, Map.class));
        Map<String, Object> request = Map.of("resource", Map.of("group", "", "version", "v1", "resource", resource),
                "operation", "CREATE");
        for (MatchCondition c : conditions()) {
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
    void everyConditionCompilesToABoolean() throws Exception {
        assertThat(conditions()).isNotEmpty().allSatisfy(c -> {
            var result = COMPILER.compile(c.getExpression());
            assertThat(result.getAst().getResultType()).as(c.getName()).isIn(SimpleType.BOOL, SimpleType.DYN);
        });
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
        assertThat(webhookCalled(resource.trim(), object.trim())).isEqualTo(called);
    }
}
