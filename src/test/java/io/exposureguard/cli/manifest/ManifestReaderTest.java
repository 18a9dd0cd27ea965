package io.exposureguard.cli.manifest;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * How manifests are read. Bad input of every kind the product promises to survive (malformed YAML or JSON,
 * missing or mistyped fields, huge, binary, deeply nested, alias bombs) costs exactly the document it is
 * in: one one-line error naming the file and the document, and every other document of the file is still
 * read. Reading such input is quick and never ends in an OutOfMemoryError or StackOverflowError.
 */
class ManifestReaderTest {

    /** Hostile input must be refused about this fast (the slowest, a 10 MB document, takes well under a second). */
    private static final Duration QUICKLY = Duration.ofSeconds(10);
    private static final int TEN_MB = 10 * 1024 * 1024;

    /** 8 lines. */
    private static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: shop
            spec:
              ports:
                - port: 80
            """;
    private static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: shop
            data:
              color: blue
            """;

    @TempDir
    Path dir;

    private final ManifestReader reader = new ManifestReader();

    // ---- bad input: one error for the bad document, the rest of the file still read ----

    static Stream<Arguments> badYamlDocuments() {
        return Stream.of(
                arguments("malformed YAML", text("""
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: broken
                        data: [unclosed
                        """), "malformed YAML at line"),
                arguments("a value SnakeYAML misreads as a number (found by fuzzing)", text("apiVersion: v1\nkind: ConfigMap\ndata: {k: ._}\n"),
                        "malformed YAML: a value cannot be read (NumberFormatException"),
                arguments("tab-indented YAML", text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: tabs\n"),
                        "malformed YAML"),
                arguments("no kind", text("apiVersion: v1\nmetadata:\n  name: nokind\n"),
                        "apiVersion and kind must be non-empty strings"),
                arguments("no apiVersion", text("kind: Service\nmetadata:\n  name: noversion\n"),
                        "apiVersion and kind must be non-empty strings"),
                arguments("kind is not a string", text("apiVersion: v1\nkind: [Service]\nmetadata:\n  name: odd\n"),
                        "apiVersion and kind must be non-empty strings"),
                arguments("a scalar document", text("just some words\n"),
                        "expected a mapping with apiVersion and kind, found a scalar"),
                arguments("a list document", text("- apiVersion: v1\n- kind: Service\n"),
                        "expected a mapping with apiVersion and kind, found a list"),
                arguments("Service whose spec.ports is a string", text("""
                        apiVersion: v1
                        kind: Service
                        metadata:
                          name: db
                        spec:
                          ports: "5432"
                        """), "Service db: spec.ports: wrong type"),
                arguments("metadata.labels as a list", text("""
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: labelled
                          labels: [app, web]
                        """), "ConfigMap labelled: metadata.labels: wrong type"),
                arguments("List whose items is a mapping", text("apiVersion: v1\nkind: List\nitems: {a: b}\n"),
                        "List.items: expected a list, found a mapping"),
                arguments("a 10 MB document", text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n  blob: "
                        + "x".repeat(TEN_MB) + "\n"), "document is larger than 3 MiB"),
                arguments("a 10 MB document of many short lines", text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n"
                        + "  k: v\n".repeat(TEN_MB / 7)), "document is larger than 3 MiB"),
                arguments("an integer of a million digits", text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: n}\ndata:\n  n: "
                        + "7".repeat(1_000_000) + "\n"), "line 14: a number longer than 1000 digits (no Kubernetes field holds one)"),
                arguments("a port of a million digits", text("apiVersion: v1\nkind: Service\nmetadata: {name: n}\nspec:\n  ports: [{port: "
                        + "7".repeat(1_000_000) + "}]\n"), "line 14: a number longer than 1000 digits"),
                arguments("a float of a million digits", text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: n}\ndata:\n  n: "
                        + "7".repeat(1_000_000) + ".5\n"), "line 14: a number longer than 1000 digits"),
                arguments("binary garbage", binaryGarbage(4096), "not a text manifest: the document holds binary data"),
                arguments("invalid UTF-8 without NUL", new byte[] {'k', 'i', 'n', 'd', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'},
                        "not a text manifest: the document holds binary data"),
                arguments("YAML flow collections nested 10,000 levels", text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: "
                        + "[".repeat(10_000) + "]".repeat(10_000) + "\n"), "nesting depth exceeded"),
                arguments("YAML block sequences nested 10,000 levels", text("- ".repeat(10_000) + "deep\n"), "nesting depth exceeded"),
                arguments("JSON nested 10,000 levels inside YAML", text("{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"data\": "
                        + "{\"a\": ".repeat(10_000) + "1" + "}".repeat(10_000) + "}\n"), "nesting depth exceeded"),
                arguments("billion laughs", text(billionLaughs()), "number of aliases for non-scalar nodes exceeds"),
                arguments("an alias bomb under the alias count limit (2^24 nodes from 48 aliases)", text(narrowAliasBomb()),
                        "aliases expand the document to more than"),
                arguments("an alias bomb in mapping keys", text(aliasBombInKeys()), "aliases expand the document to more than"),
                arguments("a mapping that contains itself", text("""
                        apiVersion: example.com/v1
                        kind: Loop
                        metadata: {name: loop}
                        spec: &spec
                          again: *spec
                        """), "recursive alias"),
                arguments("a list that contains itself", text("""
                        apiVersion: example.com/v1
                        kind: Loop
                        metadata: {name: loop}
                        spec:
                          items: &items [*items]
                        """), "recursive alias"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badYamlDocuments")
    void badYamlDocumentIsReportedWithFileAndIndexAndTheRestOfTheFileIsStillRead(String what, byte[] bad, String reason)
            throws IOException {
        Path file = write("mixed.yaml", text(SERVICE + "---\n"), bad, text("\n---\n" + CONFIG_MAP));

        LoadResult result = assertTimeout(QUICKLY, () -> readPaths(file.toString()));

        assertThat(names(result)).containsExactly("Service shop/web", "ConfigMap shop/settings");
        assertThat(result.objects()).extracting(o -> o.source().document()).containsExactly(1, 3);
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo(new Source(file.toString(), 2, 10));
            assertOneClearLine(e.display(), file + " document 2 (line 10): ", reason);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a port holding a password       | Service       | {ports: [{port: hunter2-SECRET}]}                                                   | Service db: spec.ports[0].port: wrong type: expected an integer, found a string
            replicas as a mapping           | Deployment    | {replicas: {count: hunter2-SECRET}}                                                 | Deployment db: spec.replicas: wrong type: expected an integer, found a mapping
            an env value as a list          | Deployment    | {template: {spec: {containers: [{name: c, env: [{name: P, value: [hunter2-SECRET]}]}]}}} | Deployment db: spec.template.spec.containers[0].env[0].value: wrong type: expected a string, found a list
            a Service type that is a list   | Service       | {type: [hunter2-SECRET]}                                                            | Service db: spec.type: wrong type: expected a string, found a list
            """)
    void aWrongTypedFieldIsDescribedByItsPathAndTypesNeverByItsValue(String what, String kind, String spec, String expected) {
        String yaml = "apiVersion: " + (kind.equals("Deployment") ? "apps/v1" : "v1") + "\nkind: " + kind
                + "\nmetadata: {name: db, namespace: shop}\nspec: " + spec + "\n";

        LoadResult result = reader.read("typed.yaml", yaml);

        assertThat(result.errors()).singleElement().extracting(LoadError::display)
                .isEqualTo("typed.yaml document 1 (line 1): " + expected);
        assertThat(result.errors().get(0).display()).doesNotContain("hunter2", "java.", "`");
    }

    @Test
    void aWrongTypedSecretValueIsNotQuoted() {
        LoadResult result = reader.read("secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata: {name: creds, namespace: shop}
                stringData: {password: {nested: hunter2-SECRET}}
                """);

        assertThat(result.errors()).singleElement().extracting(LoadError::display)
                .isEqualTo("secret.yaml document 1 (line 1): Secret creds: stringData.password: wrong type: expected a string, found a mapping");
    }

    static Stream<Arguments> badJsonElements() {
        return Stream.of(
                arguments("malformed JSON", "{\"apiVersion\": \"v1\", \"kind\": }", "malformed JSON: unexpected character"),
                arguments("JSON nested 10,000 levels", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"data\": "
                        + "[".repeat(10_000) + "]".repeat(10_000) + "}", "nesting depth (101) exceeds the maximum allowed (100"),
                arguments("a 10 MB object", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"huge\"}, "
                        + "\"data\": {\"blob\": \"" + "x".repeat(TEN_MB) + "\"}}", "document is larger than 3 MiB"),
                arguments("no kind", "{\"apiVersion\": \"v1\", \"metadata\": {\"name\": \"nokind\"}}",
                        "apiVersion and kind must be non-empty strings"),
                arguments("a number", "42", "found a scalar"),
                arguments("an integer of a million digits", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"data\": {\"n\": "
                        + "7".repeat(1_000_000) + "}}", "a number longer than 1000 digits (no Kubernetes field holds one)"),
                arguments("metadata.labels as a list", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", "
                        + "\"metadata\": {\"name\": \"labelled\", \"labels\": [\"app\"]}}", "ConfigMap labelled: metadata.labels: wrong type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badJsonElements")
    void badElementOfAJsonArrayIsReportedWithFileAndIndexAndTheOtherElementsAreStillRead(String what, String bad, String reason)
            throws IOException {
        Path file = write("list.json", text("[\n  " + json(SERVICE_JSON) + ",\n  "), text(bad),
                text(",\n  " + json(CONFIG_MAP_JSON) + "\n]\n"));

        LoadResult result = assertTimeout(QUICKLY, () -> readPaths(file.toString()));

        assertThat(names(result)).containsExactly("Service shop/web", "ConfigMap shop/settings");
        assertThat(result.objects()).extracting(o -> o.source().document()).containsExactly(1, 3);
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.source().document()).isEqualTo(2);
            assertOneClearLine(e.display(), file + " document 2 (line 3): ", reason);
        });
    }

    @Test
    void jsonArrayThatIsNeverClosedIsReportedAfterItsElementsAreRead() throws IOException {
        Path file = write("cut.json", text("[\n  " + json(SERVICE_JSON) + ",\n  " + json(CONFIG_MAP_JSON) + ",\n"));

        LoadResult result = readPaths(file.toString());

        assertThat(names(result)).containsExactly("Service shop/web", "ConfigMap shop/settings");
        assertThat(result.errors()).singleElement().satisfies(e ->
                assertOneClearLine(e.display(), file + " document 3 ", "malformed JSON: unexpected end of input"));
    }

    @Test
    void fileOfNothingButBinaryGarbageIsOneErrorAboutItsFirstDocument() throws IOException {
        Path file = write("image.yaml", binaryGarbage(64 * 1024));

        LoadResult result = assertTimeout(QUICKLY, () -> readPaths(file.toString()));

        assertThat(result.objects()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(e ->
                assertOneClearLine(e.display(), file + " document 1 (line 1): ", "binary data"));
    }

    @Test
    void anchorsAndAliasesAsRealManifestsUseThemAreAccepted() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: api
                  namespace: shop
                spec:
                  selector:
                    matchLabels: &labels {app: api, tier: backend}
                  template:
                    metadata:
                      labels: *labels
                    spec:
                      containers:
                        - name: api
                          image: shop/api:1.4
                          env: &env
                            - {name: LOG_LEVEL, value: info}
                            - {name: REGION, value: eu-west-1}
                        - name: worker
                          image: shop/worker:1.4
                          env: *env
                """;

        LoadResult result = reader.read("anchors.yaml", yaml);

        assertThat(result.errors()).isEmpty();
        assertThat(names(result)).containsExactly("Deployment shop/api");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"\"%s\"", "'%s'", "id-%s"})
    void longRunsOfDigitsThatAreNotPlainNumbersAreRead(String value) {
        String digits = "7".repeat(2_000);

        LoadResult result = reader.read("digits.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\ndata:\n  n: "
                + value.formatted(digits) + "\n");

        assertThat(result.errors()).isEmpty();
        assertThat(names(result)).containsExactly("ConfigMap /d");
    }

    @Test
    void documentAsLargeAsEtcdStoresByDefaultIsRead() {
        String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: " + "x".repeat(3 * 1024 * 1024 / 2) + "\n";

        LoadResult result = reader.read("big.yaml", yaml);

        assertThat(result.errors()).isEmpty();
        assertThat(names(result)).containsExactly("ConfigMap /big");
    }

    // ---- what is read, and where each object came from ----

    @Test
    void unknownKindsAreNotErrorsTheyLoadAsGenericResources() {
        String yaml = """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata:
                  name: shop-tls
                  namespace: shop
                spec:
                  secretName: shop-tls
                  dnsNames: [shop.example.com]
                """;

        LoadResult result = reader.read("cert.yaml", yaml);

        assertThat(result.errors()).isEmpty();
        assertThat(result.objects()).singleElement().satisfies(o -> {
            assertThat(o.object()).isInstanceOf(GenericKubernetesResource.class);
            assertThat(o.object().getApiVersion()).isEqualTo("cert-manager.io/v1");
            assertThat(o.object().getKind()).isEqualTo("Certificate");
            assertThat(o.object().getMetadata().getName()).isEqualTo("shop-tls");
        });
    }

    @Test
    void knownKindsLoadAsTheirTypedModel() {
        LoadResult result = reader.read("svc.yaml", SERVICE);

        assertThat(result.objects()).singleElement().satisfies(o -> {
            assertThat(o.object()).isInstanceOf(Service.class);
            assertThat(((Service) o.object()).getSpec().getPorts()).extracting(p -> p.getPort()).containsExactly(80);
        });
    }

    @Test
    void multiDocumentYamlKeepsDocumentIndexesAndFirstLinesPastCommentsSeparatorsAndEmptyDocuments() {
        String yaml = """
                # Production manifests for the shop.
                # Leading comments are not a document.
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                  namespace: shop
                ---
                ---
                # settings for the web tier
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  namespace: shop
                ...
                --- # trailing comment on the separator
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: flags, namespace: shop}
                ---
                """;

        LoadResult result = reader.read("shop.yaml", yaml);

        assertThat(result.errors()).isEmpty();
        assertThat(result.objects()).extracting(o -> name(o) + " @ " + o.source().display()).containsExactly(
                "Service shop/web @ shop.yaml document 1 (line 4)",
                "ConfigMap shop/settings @ shop.yaml document 3 (line 11)",
                "ConfigMap shop/flags @ shop.yaml document 4 (line 19)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            flow style                 | {apiVersion: v1, kind: ConfigMap, metadata: {name: first, namespace: shop}}
            flow style with JSON keys  | {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "first", "namespace": "shop"}}
            a flow-style List          | {apiVersion: v1, kind: List, items: [{apiVersion: v1, kind: ConfigMap, metadata: {name: first, namespace: shop}}]}
            """)
    void aYamlStreamWhoseFirstDocumentIsFlowStyleIsReadToTheEnd(String what, String first) {
        String yaml = first + "\n---\n" + SERVICE + "---\n" + CONFIG_MAP;

        LoadResult result = reader.read("flow.yaml", yaml);

        assertThat(result.errors()).isEmpty();
        assertThat(result.objects()).extracting(o -> name(o) + " @ " + o.source().display()).containsExactly(
                "ConfigMap shop/first @ flow.yaml document 1 (line 1)",
                "Service shop/web @ flow.yaml document 2 (line 3)",
                "ConfigMap shop/settings @ flow.yaml document 3 (line 12)");
    }

    @Test
    void aFlowStyleYamlDocumentAloneIsReadAsYaml() {
        LoadResult result = reader.read("flow.yaml", "{apiVersion: v1, kind: ConfigMap, metadata: {name: flow, namespace: shop}}\n");

        assertThat(result.errors()).isEmpty();
        assertThat(names(result)).containsExactly("ConfigMap shop/flow");
    }

    static Stream<Arguments> duplicateKeys() {
        return Stream.of(
                arguments("a label defined twice", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: settings
                          labels:
                            team: hunter2-first
                            team: hunter2-last
                        """, List.of("metadata.labels.team (line 16)")),
                arguments("a key in a list item, flow style", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: settings}
                        data: {a: hunter2-first, b: x, a: hunter2-last}
                        """, List.of("data.a (line 13)")),
                arguments("two top-level keys, each twice", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: settings}
                        data: {team: hunter2-first}
                        data: {team: hunter2-last}
                        kind: ConfigMap
                        """, List.of("data (line 14)", "kind (line 15)")),
                arguments("JSON", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"settings\"},\n"
                        + " \"data\": {\"team\": \"hunter2-first\", \"team\": \"hunter2-last\"}}\n", List.of("data.team (line 11)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("duplicateKeys")
    void aKeyDefinedTwiceIsAWarningNamingTheDocumentAndTheKeyAndTheLastValueIsUsed(String what, String text, List<String> keys) {
        LoadResult result = reader.read("dup.yaml", SERVICE + "---\n" + text);

        assertThat(result.errors()).isEmpty();
        assertThat(names(result)).containsExactly("Service shop/web", "ConfigMap /settings");
        assertThat(result.warnings()).extracting(LoadError::display).containsExactlyElementsOf(keys.stream()
                .map(k -> "dup.yaml document 2 (line 10): duplicate key " + k + ": the last value is used").toList());
        assertThat(result.objects().get(1).object().toString()).contains("hunter2-last").doesNotContain("hunter2-first");
        assertThat(result.warnings()).allSatisfy(w -> assertThat(w.display()).doesNotContain("hunter2"));
    }

    @Test
    void mergeKeysAndTheSameKeyInDifferentMappingsAreNoDuplicates() {
        LoadResult result = reader.read("merge.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  labels: &common {team: web}
                  annotations:
                    <<: *common
                    team: override
                data:
                  team: web
                """);

        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void windowsLineEndingsReadLikeUnixOnes() {
        String yaml = (SERVICE + "---\n" + CONFIG_MAP).replace("\n", "\r\n");

        LoadResult result = reader.read("crlf.yaml", yaml);

        assertThat(result.errors()).isEmpty();
        assertThat(result.objects()).extracting(o -> name(o) + " @ " + o.source().display()).containsExactly(
                "Service shop/web @ crlf.yaml document 1 (line 1)",
                "ConfigMap shop/settings @ crlf.yaml document 2 (line 10)");
    }

    @Test
    void helmTemplateOutputIsReadWithEachTemplateAsADocument() {
        String yaml = """
                ---
                # Source: mychart/templates/serviceaccount.yaml
                ---
                # Source: mychart/templates/svc.yaml
                apiVersion: v1
                kind: Service
                metadata:
                  name: release-mychart
                  labels:
                    helm.sh/chart: mychart-0.1.0
                spec:
                  type: ClusterIP
                  ports:
                    - port: 6379
                ---
                # Source: mychart/templates/deployment.yaml
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: release-mychart
                spec:
                  template:
                    spec:
                      containers:
                        - name: redis
                          image: "redis:7.2"
                """;

        LoadResult result = reader.read("rendered.yaml", yaml);

        assertThat(result.errors()).isEmpty();
        assertThat(result.objects()).extracting(o -> name(o) + " @ " + o.source().display()).containsExactly(
                "Service /release-mychart @ rendered.yaml document 2 (line 4)",
                "Deployment /release-mychart @ rendered.yaml document 3 (line 16)");
    }

    @Test
    void kindListIsExpandedIntoItsItemsWhichKeepTheListsDocument() {
        String yaml = SERVICE + "---\n" + """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: one, namespace: shop}
                  - apiVersion: v1
                    kind: Secret
                    metadata: {name: two, namespace: shop}
                """;

        LoadResult result = reader.read("list.yaml", yaml);

        assertThat(result.errors()).isEmpty();
        assertThat(result.objects()).extracting(o -> name(o) + " @ " + o.source().display()).containsExactly(
                "Service shop/web @ list.yaml document 1 (line 1)",
                "ConfigMap shop/one @ list.yaml document 2 (line 10)",
                "Secret shop/two @ list.yaml document 2 (line 10)");
    }

    /** Lines per ConfigMap item of {@link #kubectlYamlList}. */
    private static final int ITEM_LINES = 1006;

    /** 40 ConfigMaps of 100 KB each (1000 keys) and a Service, as kubectl get -o yaml writes a List: over 4 MiB in all. */
    private static String kubectlYamlList(String extraItem) {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nitems:\n");
        String value = "x".repeat(100);
        for (int i = 0; i < 40; i++) {
            yaml.append("- apiVersion: v1\n  data:\n");
            for (int k = 0; k < 1000; k++) {
                yaml.append("    k").append(k).append(": ").append(value).append('\n');
            }
            yaml.append("  kind: ConfigMap\n").append("  metadata:\n    name: cm-").append(i).append("\n    namespace: shop\n");
        }
        yaml.append(extraItem);
        yaml.append(SERVICE.lines().map(l -> "  " + l).collect(java.util.stream.Collectors.joining("\n")).replaceFirst("  ", "- "));
        return yaml.append("\nkind: List\nmetadata:\n  resourceVersion: \"\"\n").toString();
    }

    @Test
    void aListLargerThanOneObjectMayBeIsReadItemByItem() {
        String yaml = CONFIG_MAP + "---\n" + kubectlYamlList("");
        assertThat(yaml.length()).isGreaterThan(ManifestReader.MAX_DOCUMENT_BYTES);

        LoadResult result = reader.read("namespace.yaml", yaml);

        assertThat(result.errors()).isEmpty();
        assertThat(result.objects()).hasSize(42);
        assertThat(result.objects().get(1)).satisfies(o -> {
            assertThat(name(o)).isEqualTo("ConfigMap shop/cm-0");
            assertThat(o.source().display()).isEqualTo("namespace.yaml document 2 (line 11)");
        });
        assertThat(result.objects().get(41)).satisfies(o -> {
            assertThat(name(o)).isEqualTo("Service shop/web");
            assertThat(o.source().display()).isEqualTo("namespace.yaml document 2 (line " + (11 + 40 * ITEM_LINES) + ")");
        });
    }

    @Test
    void aListItemLargerThanOneObjectMayBeIsRefusedAloneAndTheOtherItemsAreRead() {
        String huge = "- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: huge, namespace: shop}\n  data:\n"
                + "    k: vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\n".repeat(ManifestReader.MAX_DOCUMENT_BYTES / 50);

        LoadResult result = reader.read("namespace.yaml", kubectlYamlList(huge));

        assertThat(result.objects()).hasSize(41);
        assertThat(result.errors()).singleElement().extracting(LoadError::display).asString()
                .startsWith("namespace.yaml document 1 (line " + (3 + 40 * ITEM_LINES) + "): document is larger than 3 MiB");
    }

    @Test
    void aJsonListLargerThanOneObjectMayBeIsReadItemByItem() throws IOException {
        StringBuilder json = new StringBuilder("{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n");
        for (int i = 0; i < 40; i++) {
            json.append("        {\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"cm-").append(i)
                    .append("\", \"namespace\": \"shop\"}, \"data\": {\"blob\": \"").append("x".repeat(100_000)).append("\"}},\n");
        }
        json.append("        ").append(json(SERVICE_JSON)).append("\n    ],\n    \"kind\": \"List\",\n    \"metadata\": {\"resourceVersion\": \"\"}\n}\n");
        Path file = write("namespace.json", text(json.toString()));

        LoadResult result = readPaths(file.toString());

        assertThat(result.errors()).isEmpty();
        assertThat(result.objects()).hasSize(41);
        assertThat(result.objects().get(40)).satisfies(o -> {
            assertThat(name(o)).isEqualTo("Service shop/web");
            assertThat(o.source().display()).isEqualTo(file + " document 1 (line 44)");
        });
    }

    private static final String SERVICE_JSON = """
            {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "shop"},
             "spec": {"ports": [{"port": 80}]}}""";
    private static final String CONFIG_MAP_JSON = """
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings", "namespace": "shop"},
             "data": {"color": "blue"}}""";

    static Stream<Arguments> jsonShapes() {
        return Stream.of(
                arguments("a single object", json(SERVICE_JSON), List.of("Service shop/web @ 1")),
                arguments("an array", "[" + json(SERVICE_JSON) + ", " + json(CONFIG_MAP_JSON) + "]",
                        List.of("Service shop/web @ 1", "ConfigMap shop/settings @ 2")),
                arguments("a stream of objects", json(SERVICE_JSON) + "\n" + json(CONFIG_MAP_JSON) + "\n",
                        List.of("Service shop/web @ 1", "ConfigMap shop/settings @ 2")),
                arguments("kubectl get -o json (a List)", "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": ["
                        + json(SERVICE_JSON) + ", " + json(CONFIG_MAP_JSON) + "]}",
                        List.of("Service shop/web @ 1", "ConfigMap shop/settings @ 1")),
                arguments("an empty array", " [ ] ", List.of()),
                arguments("strings holding brackets, quotes and separators",
                        "[{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"tricky\"},"
                                + " \"data\": {\"a\": \"]}, {[\\\"\\\\\", \"b\": \"\\n---\\n\"}}]",
                        List.of("ConfigMap /tricky @ 1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonShapes")
    void jsonFilesAreRead(String what, String text, List<String> expected) throws IOException {
        Path file = write("objects.json", text(text));

        LoadResult result = readPaths(file.toString());

        assertThat(result.errors()).isEmpty();
        assertThat(result.objects()).extracting(o -> name(o) + " @ " + o.source().document()).isEqualTo(expected);
        assertThat(result.objects()).allSatisfy(o -> assertThat(o.source().file()).isEqualTo(file.toString()));
    }

    @Test
    void jsonValueKeepsTheLineItStartsOn() {
        String text = "[\n" + SERVICE_JSON + ",\n" + CONFIG_MAP_JSON + "\n]\n";

        LoadResult result = reader.read("lines.json", text);

        assertThat(result.objects()).extracting(o -> o.source().display())
                .containsExactly("lines.json document 1 (line 2)", "lines.json document 2 (line 4)");
    }

    @Test
    void directoryIsReadRecursivelyTakingOnlyYamlYmlAndJsonFiles() throws IOException {
        Path tree = dir.resolve("manifests");
        writeString(tree.resolve("a-service.yaml"), SERVICE);
        writeString(tree.resolve("base/b-config.yml"), CONFIG_MAP);
        writeString(tree.resolve("base/overlays/prod/c-cert.JSON"),
                "{\"apiVersion\": \"cert-manager.io/v1\", \"kind\": \"Certificate\", \"metadata\": {\"name\": \"tls\"}}");
        String notAManifest = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: must-not-be-read\n";
        writeString(tree.resolve("README.md"), notAManifest);
        writeString(tree.resolve("base/notes.txt"), notAManifest);
        writeString(tree.resolve("base/values.yaml.bak"), notAManifest);
        writeString(tree.resolve("base/overlays/kustomize.sh"), notAManifest);

        LoadResult result = readPaths(tree.toString());

        assertThat(result.errors()).isEmpty();
        assertThat(result.files()).isEqualTo(3);
        assertThat(names(result)).containsExactlyInAnyOrder("Service shop/web", "ConfigMap shop/settings", "Certificate /tls");
        assertThat(result.objects()).extracting(o -> dir.relativize(Path.of(o.source().file())).toString().replace('\\', '/'))
                .containsExactlyInAnyOrder("manifests/a-service.yaml", "manifests/base/b-config.yml",
                        "manifests/base/overlays/prod/c-cert.JSON");
    }

    @Test
    void dashReadsStandardInput() {
        InputStream stdin = new ByteArrayInputStream((SERVICE + "---\n" + CONFIG_MAP).getBytes(StandardCharsets.UTF_8));

        LoadResult result = reader.read(List.of("-"), stdin);

        assertThat(result.errors()).isEmpty();
        assertThat(result.files()).isEqualTo(1);
        assertThat(result.objects()).extracting(o -> name(o) + " @ " + o.source().display()).containsExactly(
                "Service shop/web @ - document 1 (line 1)",
                "ConfigMap shop/settings @ - document 2 (line 10)");
    }

    @Test
    void nonexistentPathIsAnErrorAndTheOtherPathsAreStillRead() throws IOException {
        Path good = write("service.yaml", text(SERVICE));
        String missing = dir.resolve("no-such.yaml").toString();

        LoadResult result = reader.read(List.of(missing, good.toString()), InputStream.nullInputStream());

        assertThat(names(result)).containsExactly("Service shop/web");
        assertThat(result.files()).isEqualTo(1);
        assertThat(result.errors()).extracting(LoadError::display).containsExactly(missing + ": no such file or directory");
    }

    @Test
    void emptyFileAndCommentOnlyFileHoldNothingAndAreNoError() throws IOException {
        Path empty = write("empty.yaml", new byte[0]);
        Path comments = write("comments.yaml", text("# nothing rendered\n---\n# Source: chart/templates/off.yaml\n"));

        LoadResult result = readPaths(empty.toString(), comments.toString());

        assertThat(result.errors()).isEmpty();
        assertThat(result.objects()).isEmpty();
        assertThat(result.files()).isEqualTo(2);
    }

    // ---- helpers ----

    private LoadResult readPaths(String... paths) {
        return reader.read(List.of(paths), InputStream.nullInputStream());
    }

    private static void assertOneClearLine(String display, String prefix, String reason) {
        assertThat(display).startsWith(prefix)
                .containsIgnoringCase(reason)
                .doesNotContain("\n", "\r", "\0")
                .hasSizeLessThan(prefix.length() + 300);
    }

    private static List<String> names(LoadResult result) {
        return result.objects().stream().map(ManifestReaderTest::name).toList();
    }

    private static String name(LoadedObject o) {
        String namespace = o.object().getMetadata().getNamespace();
        return o.object().getKind() + " " + (namespace == null ? "" : namespace) + "/" + o.object().getMetadata().getName();
    }

    private Path write(String name, byte[]... parts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            bytes.write(part);
        }
        Path file = dir.resolve(name);
        Files.write(file, bytes.toByteArray());
        return file;
    }

    private static void writeString(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The same JSON on one line. */
    private static String json(String multiLine) {
        return multiLine.replace("\n", "");
    }

    /** Random bytes with NULs, on one line so that they stay one document. */
    private static byte[] binaryGarbage(int size) {
        byte[] bytes = new byte[size];
        new Random(20191204).nextBytes(bytes);
        for (int i = 0; i < size; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                bytes[i] = 0;
            }
        }
        bytes[0] = 0;
        return bytes;
    }

    /** The classic: nine levels of nine aliases each, 9^9 (387 million) "lol"s. */
    private static String billionLaughs() {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\nlol:\n");
        yaml.append("  l0: &l0 [").append(String.join(", ", Collections.nCopies(9, "lol"))).append("]\n");
        for (int level = 1; level <= 9; level++) {
            yaml.append("  l").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(", ", Collections.nCopies(9, "*l" + (level - 1)))).append("]\n");
        }
        return yaml.toString();
    }

    /** Two aliases per level, 24 levels: 48 aliases (under a 50-alias limit) standing for 2^24 nodes. */
    private static String narrowAliasBomb() {
        StringBuilder yaml = new StringBuilder("apiVersion: example.com/v1\nkind: Bomb\nmetadata: {name: narrow}\nspec:\n  a0: &a0 [lol]\n");
        for (int level = 1; level <= 24; level++) {
            yaml.append("  a").append(level).append(": &a").append(level)
                    .append(" [*a").append(level - 1).append(", *a").append(level - 1).append("]\n");
        }
        return yaml.toString();
    }

    /** The same expansion defined inside a mapping key, which converting the object would turn into text. */
    private static String aliasBombInKeys() {
        StringBuilder yaml = new StringBuilder("apiVersion: example.com/v1\nkind: KeyBomb\nmetadata: {name: keys}\nspec:\n  ? a0: &a0 [lol]\n");
        for (int level = 1; level <= 24; level++) {
            yaml.append("    a").append(level).append(": &a").append(level)
                    .append(" [*a").append(level - 1).append(", *a").append(level - 1).append("]\n");
        }
        return yaml.append("  : boom\n").toString();
    }
}
