package io.exposureguard.examples;

import io.exposureguard.cli.manifest.LoadResult;
import io.exposureguard.cli.manifest.LoadedObject;
import io.exposureguard.cli.manifest.ManifestReader;
import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.model.EvaluationResult;
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
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real public manifests and Helm chart renders (../shared/corpus/realworld, read in place; its README cites the
 * documented default behind each verdict), each case folder scanned as one input the way {@code scan --fail-on high}
 * does: {@code exposed} means a finding at high or above, {@code clean} means none; an input error is wrong for every
 * case. Skipped, with the reason, where the corpus is not beside the checkout.
 * <p>
 * {@link #NOT_YET} names the cases the engine does not reach yet, each with what is missing. The test asserts that
 * they are still wrong, so a change that fixes one fails here until the case is taken off the list: the list only
 * shrinks, and it never hides a regression on the others.
 */
class RealWorldCorpusTest {

    private static final Path CORPUS = Path.of("..", "shared", "corpus", "realworld");

    /** Case -> what the engine lacks to reach its verdict. */
    static final Map<String, String> NOT_YET = Map.of();

    record Case(String name, String expected, String rule) {
        @Override
        public String toString() {
            return name + " (" + expected + (NOT_YET.containsKey(name) ? "; not yet: " + NOT_YET.get(name) : "") + ")";
        }
    }

    @BeforeEach
    void corpusIsPresent() {
        Assumptions.assumeTrue(Files.isDirectory(CORPUS), "real-world corpus not found at "
                + CORPUS.toAbsolutePath().normalize() + " (CI has ../shared beside the checkout)");
    }

    static Stream<Case> cases() throws IOException {
        Path table = CORPUS.resolve("expected.tsv");
        if (!Files.isRegularFile(table)) {
            return Stream.of(new Case("(corpus absent)", "clean", ""));
        }
        return Files.readAllLines(table).stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split("\t"))
                .map(c -> new Case(c[0], c[1], c.length > 2 ? c[2] : ""));
    }

    private static String verdict(Case c) {
        LoadResult loaded = new ManifestReader().read(List.of(CORPUS.resolve(c.name()).toString()), System.in);
        assertThat(loaded.errors()).as("%s: every file is read (an input error is wrong for every case)", c.name()).isEmpty();
        EvaluationResult result = ExposureEngine.standard().evaluate(loaded.objects().stream().map(LoadedObject::object).toList());
        return result.findings().stream().anyMatch(f -> f.severity().atLeast(Severity.HIGH)) ? "exposed" : "clean";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyCaseReachesItsDocumentedVerdictUnlessListedAsNotYet(Case c) {
        String actual = verdict(c);

        if (NOT_YET.containsKey(c.name())) {
            assertThat(actual).as("%s now reaches its verdict (%s): take it off NOT_YET", c.name(), c.expected())
                    .isNotEqualTo(c.expected());
        } else {
            assertThat(actual).as("%s, expected %s (%s)", c.name(), c.expected(), c.rule()).isEqualTo(c.expected());
        }
    }

    @Test
    void theListNamesOnlyCasesOfTheCorpus() throws IOException {
        assertThat(cases().map(Case::name).toList()).containsAll(NOT_YET.keySet());
    }
}
