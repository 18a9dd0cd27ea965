package io.exposureguard.examples;

import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.cli.manifest.LoadResult;
import io.exposureguard.cli.manifest.LoadedObject;
import io.exposureguard.cli.manifest.ManifestReader;
import io.exposureguard.core.model.EvaluationResult;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.Severity;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ECK's own published samples (../shared/corpus/eck, unmodified, read in place) reach the verdicts the
 * corpus README gives. Skipped, with the reason, where the corpus is not beside the checkout.
 */
class EckCorpusTest {

    private static final Path CORPUS = Path.of("..", "shared", "corpus", "eck");

    /** Each test reports itself skipped, with this reason, where the corpus is absent. */
    @BeforeEach
    void corpusIsPresent() {
        Assumptions.assumeTrue(Files.isDirectory(CORPUS),
                "ECK corpus not found at " + CORPUS.toAbsolutePath().normalize() + " (CI has ../shared beside the checkout)");
    }

    static Stream<Path> corpusFiles() throws IOException {
        if (!Files.isDirectory(CORPUS)) {
            return Stream.of(CORPUS);
        }
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusFiles")
    void everyFileIsReadWithoutErrorAndHasNoFindingAtHighOrAbove(Path file) {
        EvaluationResult result = scan(file);

        assertThat(result.problems()).isEmpty();
        assertThat(result.findings()).noneMatch(f -> f.severity().atLeast(Severity.HIGH));
    }

    @Test
    void gclbRecipeIsAMediumFindingForAnonymousMonitoringAccessThroughThePublicIngress() {
        EvaluationResult result = scan(CORPUS.resolve("config_recipes_gclb_01-elastic-stack.yaml"),
                CORPUS.resolve("config_recipes_gclb_02-ingress.yaml"));

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule().id()).isEqualTo("EG-EXP-002");
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.resource().display()).isEqualTo("Ingress default/hulk");
            assertThat(f.facts()).anyMatch(fact -> fact.contains("monitoring_user"));
        });
    }

    @Test
    void istioRecipeReportsOnlyPlaintextHttpAsLow() {
        List<Finding> findings = scanAll("config_recipes_istio-gateway_").findings();

        assertThat(findings).isNotEmpty().allSatisfy(f -> {
            assertThat(f.rule().id()).isEqualTo("EG-TLS-001");
            assertThat(f.severity()).isEqualTo(Severity.LOW);
        });
    }

    @Test
    void samplesTraefikAndMtlsRecipesHaveNoFindingAtHighOrAbove() {
        for (String prefix : List.of("config_samples_", "config_recipes_traefik_", "config_recipes_mtls_")) {
            assertThat(scanAll(prefix).findings()).as(prefix).noneMatch(f -> f.severity().atLeast(Severity.HIGH));
        }
    }

    private static EvaluationResult scanAll(String prefix) {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return scan(files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toArray(Path[]::new));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EvaluationResult scan(Path... files) {
        LoadResult loaded = new ManifestReader().read(Stream.of(files).map(Path::toString).toList(), System.in);
        assertThat(loaded.errors()).isEmpty();
        return ExposureEngine.standard().evaluate(loaded.objects().stream().map(LoadedObject::object).toList());
    }
}
