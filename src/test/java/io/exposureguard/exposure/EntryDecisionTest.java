package io.exposureguard.exposure;

import io.exposureguard.datastore.DatastoreCatalog;
import io.exposureguard.inventory.Inventory;
import io.exposureguard.inventory.InventoryBuilder;
import io.exposureguard.inventory.ServiceView;
import io.exposureguard.testing.Manifests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How far load balancers reach and what Ingress annotations and Traefik middlewares add on the path. */
class EntryDecisionTest {

    @ParameterizedTest(name = "{0}: {1} / ranges {2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            no annotation, no ranges   | -                                                                  | -                      | PUBLIC
            open range                 | -                                                                  | 0.0.0.0/0              | PUBLIC
            open IPv6 range            | -                                                                  | 10.0.0.0/8;::/0        | PUBLIC
            office range               | -                                                                  | 203.0.113.0/24         | RESTRICTED
            Azure internal             | service.beta.kubernetes.io/azure-load-balancer-internal=true       | -                      | RESTRICTED
            Azure internal false       | service.beta.kubernetes.io/azure-load-balancer-internal=false      | -                      | PUBLIC
            AWS in-tree internal       | service.beta.kubernetes.io/aws-load-balancer-internal=true         | -                      | RESTRICTED
            AWS LBC internal           | service.beta.kubernetes.io/aws-load-balancer-scheme=internal       | -                      | RESTRICTED
            AWS LBC internet-facing    | service.beta.kubernetes.io/aws-load-balancer-scheme=internet-facing | -                     | PUBLIC
            AWS LBC NLB default scheme | service.beta.kubernetes.io/aws-load-balancer-type=external         | -                      | RESTRICTED
            GKE internal               | networking.gke.io/load-balancer-type=Internal                      | -                      | RESTRICTED
            GKE legacy internal        | cloud.google.com/load-balancer-type=Internal                       | -                      | RESTRICTED
            legacy ranges annotation   | service.beta.kubernetes.io/load-balancer-source-ranges=10.0.0.0/8  | -                      | RESTRICTED
            """)
    void loadBalancerReach(String description, String annotation, String ranges, Reach expected) {
        Map<String, String> annotations = annotation == null ? Map.of()
                : Map.of(annotation.substring(0, annotation.indexOf('=')), annotation.substring(annotation.indexOf('=') + 1));
        ServiceView s = new ServiceView("web", "lb", "LoadBalancer", annotations, Map.of("app", "x"), List.of(),
                ranges == null ? List.of() : List.of(ranges.split(";")), List.of(), null, null, "spec");

        EntryDecision decision = LoadBalancerReach.decide(s);

        assertThat(decision.reach()).isEqualTo(expected);
        assertThat(decision.facts()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0} -> auth {2}, {3}")
    @CsvSource(delimiter = '|', textBlock = """
            nothing                          | {}                                                                                                                         | false | PUBLIC
            basic auth with secret           | {nginx.ingress.kubernetes.io/auth-type: basic, nginx.ingress.kubernetes.io/auth-secret: users}                              | true  | PUBLIC
            basic auth without secret        | {nginx.ingress.kubernetes.io/auth-type: basic}                                                                             | false | PUBLIC
            external auth                    | {nginx.ingress.kubernetes.io/auth-url: 'https://auth.example.com/check'}                                                    | true  | PUBLIC
            client certificates required     | {nginx.ingress.kubernetes.io/auth-tls-verify-client: 'on', nginx.ingress.kubernetes.io/auth-tls-secret: web/ca}             | true  | PUBLIC
            client certificates optional     | {nginx.ingress.kubernetes.io/auth-tls-verify-client: optional, nginx.ingress.kubernetes.io/auth-tls-secret: web/ca}         | false | PUBLIC
            allowlist only                   | {nginx.ingress.kubernetes.io/allowlist-source-range: '10.0.0.0/8'}                                                        | false | RESTRICTED
            legacy whitelist                 | {nginx.ingress.kubernetes.io/whitelist-source-range: '10.0.0.0/8, 192.168.0.0/16'}                                        | false | RESTRICTED
            open allowlist                   | {nginx.ingress.kubernetes.io/allowlist-source-range: '0.0.0.0/0'}                                                         | false | PUBLIC
            satisfy any bypasses auth        | {nginx.ingress.kubernetes.io/auth-url: 'https://a', nginx.ingress.kubernetes.io/allowlist-source-range: '10.0.0.0/8', nginx.ingress.kubernetes.io/satisfy: any} | false | RESTRICTED
            satisfy all keeps auth           | {nginx.ingress.kubernetes.io/auth-url: 'https://a', nginx.ingress.kubernetes.io/allowlist-source-range: '10.0.0.0/8', nginx.ingress.kubernetes.io/satisfy: all} | true  | RESTRICTED
            traefik basicAuth                | {traefik.ingress.kubernetes.io/router.middlewares: web-login@kubernetescrd}                                                 | true  | PUBLIC
            traefik chain to forwardAuth     | {traefik.ingress.kubernetes.io/router.middlewares: web-chained@kubernetescrd}                                               | true  | PUBLIC
            traefik allowlist                | {traefik.ingress.kubernetes.io/router.middlewares: web-office@kubernetescrd}                                                | false | RESTRICTED
            traefik middleware not in input  | {traefik.ingress.kubernetes.io/router.middlewares: web-missing@kubernetescrd}                                               | false | PUBLIC
            traefik chain cycle              | {traefik.ingress.kubernetes.io/router.middlewares: web-loop-a@kubernetescrd}                                                | false | PUBLIC
            """)
    void ingressDecision(String description, String annotations, boolean auth, Reach reach) {
        String yaml = """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: es
                  namespace: web
                  annotations: %s
                spec: {rules: []}
                ---
                {apiVersion: traefik.io/v1alpha1, kind: Middleware, metadata: {name: login, namespace: web}, spec: {basicAuth: {secret: users}}}
                ---
                {apiVersion: traefik.containo.us/v1alpha1, kind: Middleware, metadata: {name: sso, namespace: web}, spec: {forwardAuth: {address: 'https://sso'}}}
                ---
                {apiVersion: traefik.io/v1alpha1, kind: Middleware, metadata: {name: chained, namespace: web}, spec: {chain: {middlewares: [{name: sso}]}}}
                ---
                {apiVersion: traefik.io/v1alpha1, kind: Middleware, metadata: {name: office, namespace: web}, spec: {ipAllowList: {sourceRange: [203.0.113.0/24]}}}
                ---
                {apiVersion: traefik.io/v1alpha1, kind: Middleware, metadata: {name: loop-a, namespace: web}, spec: {chain: {middlewares: [{name: loop-b}]}}}
                ---
                {apiVersion: traefik.io/v1alpha1, kind: Middleware, metadata: {name: loop-b, namespace: web}, spec: {chain: {middlewares: [{name: loop-a}]}}}
                """.formatted(annotations);
        Inventory inventory = new InventoryBuilder(new DatastoreCatalog()).build(Manifests.objects(yaml));

        EntryDecision decision = IngressAuth.decide(inventory.ingresses().get(0), inventory);

        assertThat(decision.authenticates()).isEqualTo(auth);
        assertThat(decision.reach()).isEqualTo(reach);
        assertThat(decision.facts()).isNotEmpty();
    }
}
