package io.exposureguard.core.kinds;

import io.exposureguard.core.datastore.AuthState;
import io.exposureguard.core.datastore.catalog.DatastoreCatalog;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.InventoryBuilder;
import io.exposureguard.testing.Manifests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MinIO operator's Tenant, read through the inventory: root credentials from spec.env and the configuration
 * Secret's config.env (on unless a well-known password is seen), a datastore per pool on the operator's labels, the
 * minio and console Services spec.exposeServices turns into LoadBalancers, TLS by requestAutoCert, and bad input as a
 * named problem. Fixtures follow the operator's examples/kustomization/base.
 */
class MinioTenantTest {

    private static final InventoryBuilder BUILDER = new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE);
    private static final String CONFIGURATION = "configuration: {name: storage-configuration}";

    static Stream<KindCase> auth() {
        return Stream.of(
                new KindCase("the operator's example Secret: minio123 is well known, off",
                        tenant(CONFIGURATION, "") + secret("export MINIO_ROOT_USER=\"minio\"", "export MINIO_ROOT_PASSWORD=\"minio123\""),
                        List.of("OFF config.env of Secret storage-configuration sets the root password to MinIO's well-known 'minio123'")),
                new KindCase("the older MINIO_SECRET_KEY, without export or quotes: minioadmin, off",
                        tenant(CONFIGURATION, "") + secret("MINIO_ACCESS_KEY=minioadmin", "MINIO_SECRET_KEY=minioadmin"),
                        List.of("OFF well-known 'minioadmin'")),
                new KindCase("a Secret with a password of its own: on",
                        tenant(CONFIGURATION, "") + secret("export MINIO_ROOT_USER=admin", "export MINIO_ROOT_PASSWORD='x8Hq2-long-random'"),
                        List.of("ON config.env of Secret storage-configuration sets the root password")),
                new KindCase("the Secret not in the input: on", tenant(CONFIGURATION, ""), List.of("ON (not in the input, or Secrets are not read)")),
                new KindCase("a Secret without config.env: on, the operator starts nothing",
                        tenant(CONFIGURATION, "") + "---\napiVersion: v1\nkind: Secret\nmetadata: {name: storage-configuration, namespace: minio-tenant}\n"
                                + "stringData: {other: x}\n",
                        List.of("ON (which holds no config.env here)")),
                new KindCase("spec.env with minioadmin and no configuration: off",
                        tenant("env: [{name: MINIO_ROOT_USER, value: minioadmin}, {name: MINIO_ROOT_PASSWORD, value: minioadmin}]", ""),
                        List.of("OFF spec.env sets the root password to MinIO's well-known 'minioadmin'")),
                new KindCase("spec.env from a Secret: on",
                        tenant("env: [{name: MINIO_ROOT_PASSWORD, valueFrom: {secretKeyRef: {name: s, key: p}}}]", ""),
                        List.of("ON spec.env sets the root password")),
                new KindCase("config.env overrides spec.env", tenant(CONFIGURATION + "\nenv: [{name: MINIO_ROOT_PASSWORD, value: minioadmin}]", "")
                        + secret("export MINIO_ROOT_PASSWORD=\"x8Hq2-long-random\""),
                        List.of("ON config.env of Secret storage-configuration sets the root password")),
                new KindCase("no credentials at all: on, the operator starts no tenant", tenant("", ""),
                        List.of("ON no root password in spec.env: the MinIO operator starts no tenant without root credentials")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("auth")
    void theRootCredentialsAreOnUnlessAWellKnownPasswordIsSeen(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).isEmpty();
        String expected = c.expected().get(0);
        assertThat(inventory.datastores()).singleElement().satisfies(d -> {
            assertThat(d.auth().state()).isEqualTo(AuthState.valueOf(expected.substring(0, expected.indexOf(' '))));
            assertThat(String.join(" ", d.auth().facts())).contains(expected.substring(expected.indexOf(' ') + 1));
        });
    }

    static Stream<KindCase> poolsAndServices() {
        String labels = "v1.min.io/console=myminio-console,v1.min.io/pool=";
        return Stream.of(
                new KindCase("not exposed: a datastore per pool on the operator's labels, no Service, TLS on the 9443 console",
                        tenant("", "\n- {name: pool-1, servers: 2, volumesPerServer: 1, labels: {tier: hot}}"),
                        List.of("pool " + labels + "pool-0,v1.min.io/tenant=myminio [9000, 9443] tls",
                                "pool tier=hot," + labels + "pool-1,v1.min.io/tenant=myminio [9000, 9443] tls")),
                new KindCase("exposeServices.minio: the minio LoadBalancer, 443 to 9000, with its annotations",
                        tenant("exposeServices: {minio: true}\nserviceMetadata: {minioServiceAnnotations: {a: b}}", ""),
                        List.of("pool " + labels + "pool-0,v1.min.io/tenant=myminio [9000, 9443] tls",
                                "service minio LoadBalancer {v1.min.io/tenant=myminio} {a=b} 443 (https-minio)->9000 at spec.exposeServices")),
                new KindCase("exposeServices.console without TLS: <name>-console on 9090, and HTTP in plaintext",
                        tenant("requestAutoCert: false\nexposeServices: {console: true}", ""),
                        List.of("pool " + labels + "pool-0,v1.min.io/tenant=myminio [9000, 9090] plaintext",
                                "service myminio-console LoadBalancer {v1.min.io/tenant=myminio} {} 9090 (http-console)->9090 at spec.exposeServices")),
                new KindCase("an own certificate keeps TLS on without requestAutoCert",
                        tenant("requestAutoCert: false\nexternalCertSecret: [{name: tls, type: kubernetes.io/tls}]", ""),
                        List.of("pool " + labels + "pool-0,v1.min.io/tenant=myminio [9000, 9443] tls")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("poolsAndServices")
    void eachPoolCarriesTheOperatorsLabelsAndExposeServicesOpensTheLoadBalancers(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        List<String> actual = new ArrayList<>();
        inventory.datastores().forEach(d -> actual.add(d.origin().split(" ")[0] + " " + new TreeMap<>(d.podLabels()).toString()
                .replace("{", "").replace("}", "").replace(", ", ",") + " " + d.ports().stream().map(p -> p.number()).toList()
                + (d.plaintextHttp().isPresent() ? " plaintext" : " tls")));
        inventory.services().forEach(s -> actual.add("service " + s.name() + " " + s.type() + " " + new TreeMap<>(s.selector())
                + " " + new TreeMap<>(s.annotations()) + " " + s.ports().get(0).display() + "->" + s.ports().get(0).targetNumber()
                + " at " + s.settingsPath()));
        assertThat(inventory.problems()).isEmpty();
        assertThat(actual).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> verdicts() {
        String exposed = CONFIGURATION + "\nexposeServices: {minio: true, console: true}";
        return Stream.of(
                new KindCase("exposed with the example's minio123: critical",
                        tenant(exposed, "") + secret("export MINIO_ROOT_PASSWORD=\"minio123\""),
                        List.of("EG-EXP-001 critical")),
                new KindCase("exposed with a password of its own: published but authenticated",
                        tenant(exposed, "") + secret("export MINIO_ROOT_PASSWORD=\"x8Hq2-long-random\""),
                        List.of("EG-EXP-004 medium")),
                new KindCase("not exposed, well-known password: reachable in the cluster only",
                        tenant(CONFIGURATION, "") + secret("export MINIO_ROOT_PASSWORD=\"minioadmin\""),
                        List.of("EG-EXP-003 low")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void theVerdictFollowsTheCredentialsAndExposeServices(KindCase c) {
        assertThat(Manifests.verdicts(c.yaml())).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> badInput() {
        return Stream.of(
                new KindCase("a version not read", tenant("", "").replace("minio.min.io/v2", "minio.min.io/v1"),
                        List.of("apiVersion: minio.min.io/v1 is not a version of Tenant that exposure-guard reads (v2)")),
                new KindCase("pools not a list", tenant("", "").replace("  pools:\n  - ", "  pools:\n    "),
                        List.of("spec.pools: expected a list, found an object")),
                new KindCase("a pool without servers", tenant("", "").replace(", servers: 4", ""), List.of("spec.pools[0].servers: missing")),
                new KindCase("a negative server count", tenant("", "").replace("servers: 4", "servers: -4"),
                        List.of("spec.pools[0].servers: expected 0 to 1000")),
                new KindCase("an absurd server count", tenant("", "").replace("servers: 4", "servers: 4000000"),
                        List.of("spec.pools[0].servers: expected 0 to 1000")),
                new KindCase("exposeServices.minio not a boolean", tenant("exposeServices: {minio: public}", ""),
                        List.of("spec.exposeServices.minio: expected true or false, found a string")),
                new KindCase("an env entry without a name", tenant("env: [{value: minioadmin}]", ""), List.of("spec.env[0].name: missing")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsAnInputProblemNamingTheField(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo(c.expected().get(0)));
    }

    /** @param specExtra lines of spec before the pools; morePools further pool lines */
    private static String tenant(String specExtra, String morePools) {
        return """
                apiVersion: minio.min.io/v2
                kind: Tenant
                metadata: {name: myminio, namespace: minio-tenant}
                spec:
                  image: quay.io/minio/minio:RELEASE.2025-04-08T15-41-24Z
                """ + (specExtra.isEmpty() ? "" : "  " + specExtra.replace("\n", "\n  ") + "\n")
                + "  pools:\n  - {name: pool-0, servers: 4, volumesPerServer: 4}" + morePools.replace("\n", "\n  ") + "\n";
    }

    /** The configuration Secret with these config.env lines. */
    private static String secret(String... configEnv) {
        return "---\napiVersion: v1\nkind: Secret\nmetadata: {name: storage-configuration, namespace: minio-tenant}\n"
                + "type: Opaque\nstringData:\n  config.env: |\n    " + String.join("\n    ", configEnv) + "\n";
    }
}
