package io.exposureguard.examples;

import io.exposureguard.core.model.FindingText;
import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.cli.manifest.LoadResult;
import io.exposureguard.cli.manifest.LoadedObject;
import io.exposureguard.cli.manifest.ManifestReader;
import io.exposureguard.core.model.EvaluationResult;
import io.exposureguard.core.rules.RuleCatalog;
import io.exposureguard.testing.Manifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped examples are the rule table: every file in deploy/examples/bad declares its findings in
 * {@code # expect: RULE severity} lines and must produce exactly those; every file in good produces none.
 */
class ExampleManifestsTest {

    private static final Path EXAMPLES = Path.of("deploy", "examples");

    static Stream<Path> badExamples() throws IOException {
        return list(EXAMPLES.resolve("bad"));
    }

    static Stream<Path> goodExamples() throws IOException {
        return list(EXAMPLES.resolve("good"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badExamples")
    void badExampleProducesExactlyTheFindingsItDeclares(Path file) throws IOException {
        List<String> expected = Files.readAllLines(file).stream()
                .filter(l -> l.startsWith("# expect: "))
                .map(l -> l.substring("# expect: ".length()).trim())
                .sorted().toList();
        assertThat(expected).as("a bad example declares at least one expected finding").isNotEmpty();

        EvaluationResult result = scan(file);

        assertThat(result.findings().stream().map(Manifests::verdict).sorted().toList()).isEqualTo(expected);
        assertThat(result.findings()).allSatisfy(f -> {
            assertThat(f.path()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(f.remediation()).isNotBlank();
            assertThat(f.facts()).isNotEmpty();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodExamples")
    void goodExampleProducesNoFinding(Path file) throws IOException {
        EvaluationResult result = scan(file);

        assertThat(result.findings()).isEmpty();
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void everyRuleHasABadAndAGoodExample() throws IOException {
        Set<String> covered = badExamples().flatMap(ExampleManifestsTest::expectedRules).collect(Collectors.toSet());
        Set<String> all = new RuleCatalog().infos().stream().map(i -> i.id()).collect(Collectors.toSet());

        assertThat(covered).containsExactlyInAnyOrderElementsOf(all);
        assertThat(goodExamples().count()).isGreaterThanOrEqualTo(all.size());
    }

    @Test
    void scanningTheWholeFolderReportsTheSameFindingsAsFileByFile() throws IOException {
        List<String> oneByOne = badExamples().flatMap(ExampleManifestsTest::expectedVerdicts).sorted().toList();

        LoadResult all = new ManifestReader().read(List.of(EXAMPLES.toString()), System.in);
        EvaluationResult together = ExposureEngine.standard().evaluate(all.objects().stream().map(LoadedObject::object).toList());

        assertThat(together.findings().stream().map(Manifests::verdict).sorted().toList()).isEqualTo(oneByOne);
    }

    @Test
    void theIncidentReproductionIsCriticalAndNamesItsPath() throws IOException {
        EvaluationResult result = scan(EXAMPLES.resolve("bad/2019-incident-eck-security-off-public-lb.yaml"));

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule().id()).isEqualTo("EG-EXP-001");
            assertThat(FindingText.path(f)).isEqualTo("internet -> LoadBalancer Service support/support-cases-es-http"
                    + " (generated from Elasticsearch support/support-cases) port 9200 (https)"
                    + " -> Elasticsearch support/support-cases port 9200 (https)");
            assertThat(f.facts()).contains("nodeSet default config sets xpack.security.enabled: false");
            assertThat(f.remediation()).contains("spec.http.service.spec.type: ClusterIP on Elasticsearch support/support-cases");
        });
    }

    private static EvaluationResult scan(Path file) {
        LoadResult loaded = new ManifestReader().read(List.of(file.toString()), System.in);
        assertThat(loaded.errors()).isEmpty();
        return ExposureEngine.standard().evaluate(loaded.objects().stream().map(LoadedObject::object).toList());
    }

    private static Stream<String> expectedVerdicts(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith("# expect: "))
                    .map(l -> l.substring("# expect: ".length()).trim());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Stream<String> expectedRules(Path file) {
        return expectedVerdicts(file).map(v -> v.split(" ")[0]);
    }

    private static Stream<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }
}
