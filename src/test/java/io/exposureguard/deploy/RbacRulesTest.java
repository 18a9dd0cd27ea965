package io.exposureguard.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two halves RbacCoverageTest relies on: HTTP requests read as RBAC reads them, and the chart's rules
 * evaluated as the RBAC authorizer evaluates them (namespaces and resourceNames respected).
 */
class RbacRulesTest {

    private static final RbacRules CHART = new RbacRules(HelmChart.render("eg-system", Map.of()));

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            GET    | /api/v1/services?resourceVersion=0                                           | list /services
            GET    | /api/v1/services?allowWatchBookmarks=true&resourceVersion=4&watch=true       | watch /services
            GET    | /apis/apps/v1/namespaces/shop/deployments/web                                 | get apps/deployments in shop named web
            POST   | /api/v1/namespaces/shop/events                                               | create /events in shop
            PUT    | /api/v1/namespaces/shop/events/web.eg-0123                                   | update /events in shop named web.eg-0123
            DELETE | /api/v1/namespaces/shop/events/web.eg-0123                                   | delete /events in shop named web.eg-0123
            DELETE | /api/v1/namespaces/shop/events                                               | deletecollection /events in shop
            PATCH  | /apis/exposureguard.io/v1alpha1/exposurepolicies/default/status              | patch exposureguard.io/exposurepolicies/status named default
            GET    | /apis/wgpolicyk8s.io/v1alpha2/policyreports?labelSelector=a%3Db              | list wgpolicyk8s.io/policyreports
            GET    | /api/v1/namespaces                                                           | list /namespaces
            GET    | /api/v1/namespaces/shop                                                      | get /namespaces in shop named shop
            PUT    | /api/v1/namespaces/shop/status                                               | update /namespaces/status in shop named shop
            GET    | /apis/coordination.k8s.io/v1/namespaces/eg/leases?fieldSelector=metadata.name%3Dx | list coordination.k8s.io/leases in eg named x
            GET    | /version                                                                     | get /version
            GET    | /apis/apps/v1                                                                | get /apis/apps/v1
            """)
    void requestsReadAsTheApiServerReadsThem(String method, String path, String expected) {
        assertThat(ApiRequest.parse(method.trim(), path.trim())).hasToString(expected.trim());
    }

    @ParameterizedTest(name = "{0} {1} -> allowed: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /api/v1/pods?watch=true                                                        | true
            GET    | /api/v1/namespaces/shop/pods/web                                               | false
            GET    | /api/v1/secrets?watch=true                                                     | false
            POST   | /api/v1/namespaces/eg-system/secrets                                           | true
            POST   | /api/v1/namespaces/shop/secrets                                                | false
            GET    | /api/v1/namespaces/eg-system/secrets/exposure-guard-webhook-tls                | true
            GET    | /api/v1/namespaces/eg-system/secrets/someone-elses                             | false
            PUT    | /api/v1/namespaces/shop/secrets/exposure-guard-webhook-tls                     | false
            PATCH  | /apis/coordination.k8s.io/v1/namespaces/eg-system/leases/exposure-guard-leader | true
            PATCH  | /apis/coordination.k8s.io/v1/namespaces/eg-system/leases/other                 | false
            PATCH  | /apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/exposure-guard | true
            PATCH  | /apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/kyverno        | false
            GET    | /apis/apiextensions.k8s.io/v1/customresourcedefinitions/kibanas.kibana.k8s.elastic.co | true
            GET    | /apis/apiextensions.k8s.io/v1/customresourcedefinitions/secrets.example.com          | false
            PATCH  | /apis/exposureguard.io/v1alpha1/exposurepolicies/default/status                | true
            PATCH  | /apis/exposureguard.io/v1alpha1/exposurepolicies/default                       | false
            """)
    void theChartsRulesAreEvaluatedWithNamespacesAndResourceNames(String method, String path, boolean allowed) {
        assertThat(CHART.allows(ApiRequest.parse(method.trim(), path.trim()))).isEqualTo(allowed);
    }

    @Test
    void grantsAreListedOnePerVerbGroupAndResource() {
        assertThat(CHART.grants()).contains("watch /pods", "create coordination.k8s.io/leases",
                "patch exposureguard.io/exposurepolicies/status").doesNotContain("list /secrets");
    }
}
