package io.exposureguard.core.exposure;

import io.exposureguard.core.kinds.ResourceKinds;
import io.exposureguard.core.datastore.catalog.DatastoreCatalog;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.InventoryBuilder;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.testing.Manifests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How far load balancers reach and what Ingress annotations and Traefik middlewares add on the path. */
class EntryDecisionTest {

    /**
     * Internal load-balancer annotations count only for the cluster's provider (spec.provider), with a value that
     * means internal and no contradiction from another annotation of that provider; a public address in
     * status.loadBalancer.ingress wins over any annotation. With provider auto, no annotation lowers the reach.
     * Annotations are "key=value" joined by ";", status addresses by ";".
     */
    @ParameterizedTest(name = "{0}: {2} on {1}, ranges {3}, status {4} -> {5}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            no annotation, no ranges      | auto  | -                                                                                 | -               | -                    | PUBLIC
            open range                    | aws   | -                                                                                 | 0.0.0.0/0       | -                    | PUBLIC
            open IPv6 range               | aws   | -                                                                                 | 10.0.0.0/8;::/0 | -                    | PUBLIC
            office range                  | auto  | -                                                                                 | 203.0.113.0/24  | -                    | RESTRICTED
            Azure internal                | azure | service.beta.kubernetes.io/azure-load-balancer-internal=true                      | -               | -                    | RESTRICTED
            Azure internal false          | azure | service.beta.kubernetes.io/azure-load-balancer-internal=false                     | -               | -                    | PUBLIC
            AWS in-tree internal          | aws   | service.beta.kubernetes.io/aws-load-balancer-internal=true                        | -               | -                    | RESTRICTED
            AWS LBC internal              | aws   | service.beta.kubernetes.io/aws-load-balancer-scheme=internal                      | -               | -                    | RESTRICTED
            AWS LBC internet-facing       | aws   | service.beta.kubernetes.io/aws-load-balancer-scheme=internet-facing               | -               | -                    | PUBLIC
            AWS LBC NLB default scheme    | aws   | service.beta.kubernetes.io/aws-load-balancer-type=external                        | -               | -                    | RESTRICTED
            GKE internal                  | gcp   | networking.gke.io/load-balancer-type=Internal                                     | -               | -                    | RESTRICTED
            GKE legacy internal           | gcp   | cloud.google.com/load-balancer-type=Internal                                      | -               | -                    | RESTRICTED
            OCI internal                  | oci   | service.beta.kubernetes.io/oci-load-balancer-internal=true                        | -               | -                    | RESTRICTED
            legacy ranges annotation      | auto  | service.beta.kubernetes.io/load-balancer-source-ranges=10.0.0.0/8                 | -               | -                    | RESTRICTED
            GKE annotation on AWS         | aws   | cloud.google.com/load-balancer-type=Internal                                      | -               | -                    | PUBLIC
            Azure annotation on GKE       | gcp   | service.beta.kubernetes.io/azure-load-balancer-internal=true                      | -               | -                    | PUBLIC
            AWS annotation on Azure       | azure | service.beta.kubernetes.io/aws-load-balancer-internal=true                        | -               | -                    | PUBLIC
            internal, provider unknown    | auto  | service.beta.kubernetes.io/azure-load-balancer-internal=true                      | -               | -                    | PUBLIC
            GKE internal, provider auto   | auto  | networking.gke.io/load-balancer-type=Internal                                     | -               | -                    | PUBLIC
            unknown GKE value             | gcp   | networking.gke.io/load-balancer-type=Intern                                       | -               | -                    | PUBLIC
            unknown Azure value           | azure | service.beta.kubernetes.io/azure-load-balancer-internal=yes                       | -               | -                    | PUBLIC
            AWS in-tree vs LBC scheme     | aws   | service.beta.kubernetes.io/aws-load-balancer-internal=true;service.beta.kubernetes.io/aws-load-balancer-scheme=internet-facing | - | - | PUBLIC
            GKE keys disagree             | gcp   | networking.gke.io/load-balancer-type=Internal;cloud.google.com/load-balancer-type=External | -      | -                    | PUBLIC
            own and other cloud internal  | aws   | service.beta.kubernetes.io/aws-load-balancer-scheme=internal;networking.gke.io/load-balancer-type=Internal | - | - | RESTRICTED
            public status beats annotation| azure | service.beta.kubernetes.io/azure-load-balancer-internal=true                      | -               | 20.50.1.7            | PUBLIC
            public status beats ranges    | aws   | -                                                                                 | 10.0.0.0/8      | 52.1.2.3             | PUBLIC
            private status, internal      | azure | service.beta.kubernetes.io/azure-load-balancer-internal=true                      | -               | 10.240.0.7           | RESTRICTED
            AWS internal host name        | aws   | service.beta.kubernetes.io/aws-load-balancer-scheme=internal                      | -               | internal-a1.eu-west-1.elb.amazonaws.com | RESTRICTED
            AWS public host name          | aws   | service.beta.kubernetes.io/aws-load-balancer-scheme=internal                      | -               | a1.eu-west-1.elb.amazonaws.com | PUBLIC
            """)
    void loadBalancerReach(String description, String provider, String annotation, String ranges, String status, Reach expected) {
        Map<String, String> annotations = new java.util.LinkedHashMap<>();
        if (annotation != null) {
            for (String a : annotation.split(";")) {
                annotations.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
        }
        ServiceView s = new ServiceView("web", "lb", "LoadBalancer", annotations, Map.of("app", "x"), List.of(),
                ranges == null ? List.of() : List.of(ranges.split(";")), List.of(), null, null, "spec",
                status == null ? List.of() : List.of(status.split(";")));

        EntryDecision decision = LoadBalancerReach.decide(s, CloudProvider.parse(provider).orElseThrow());

        assertThat(decision.reach()).isEqualTo(expected);
        assertThat(decision.facts()).isNotEmpty();
        if (annotation != null && annotation.contains("internal") && expected == Reach.PUBLIC) {
            assertThat(decision.facts()).as("an internal annotation that is not trusted is still reported")
                    .anyMatch(f -> f.contains("annotation "));
        }
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
        Inventory inventory = new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE).build(Manifests.objects(yaml));

        EntryDecision decision = IngressAuth.decide(inventory.ingresses().get(0), inventory);

        assertThat(decision.authenticates()).isEqualTo(auth);
        assertThat(decision.reach()).isEqualTo(reach);
        assertThat(decision.facts()).isNotEmpty();
    }
}
