package io.exposureguard.examples;

import io.exposureguard.cli.manifest.LoadResult;
import io.exposureguard.cli.manifest.LoadedObject;
import io.exposureguard.cli.manifest.ManifestReader;
import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.model.EvaluationResult;
import io.exposureguard.core.model.Finding;
import io.exposureguard.testing.Manifests;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real-world cases of ../shared/corpus/realworld (read in place, skipped visibly where absent) whose verdict depends on
 * how a workload datastore's authentication is read: each reaches its documented verdict, and its most severe
 * finding is the one expected.
 */
class DatastoreCorpusCasesTest {

    private static final Path REALWORLD = Path.of("..", "shared", "corpus", "realworld");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            helm-stable-mysql-emptypw-lb   | EG-EXP-004 medium
            bitnami-keydb-noauth-lb        | EG-EXP-001 critical
            bitnami-redis-noauth-lb        | EG-EXP-001 critical
            bitnami-postgresql-auth-lb     | EG-EXP-004 medium
            bitnami-mongodb-noauth-lb      | EG-EXP-001 critical
            elastic-es8-lb                 | EG-EXP-004 medium
            """)
    void theCaseGetsItsDocumentedMostSevereFinding(String name, String expected) throws IOException {
        Path dir = REALWORLD.resolve(name);
        Assumptions.assumeTrue(Files.isDirectory(dir), dir.toAbsolutePath().normalize() + " is absent (CI has ../shared beside the checkout)");
        List<String> files;
        try (Stream<Path> listed = Files.list(dir)) {
            files = listed.filter(p -> p.toString().endsWith(".yaml")).sorted().map(Path::toString).toList();
        }
        LoadResult loaded = new ManifestReader().read(files, System.in);
        EvaluationResult result = ExposureEngine.standard().evaluate(loaded.objects().stream().map(LoadedObject::object).toList());

        assertThat(loaded.errors()).isEmpty();
        assertThat(result.findings().stream().max(Comparator.comparing(Finding::severity)).map(Manifests::verdict))
                .as("most severe finding of %s", name).contains(expected);
    }
}
