package io.exposureguard.examples;

import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.inventory.LeanObjects;
import io.exposureguard.cli.manifest.LoadResult;
import io.exposureguard.cli.manifest.LoadedObject;
import io.exposureguard.cli.manifest.ManifestReader;
import io.exposureguard.core.model.EvaluationResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's cache keeps only what decides a verdict ({@link LeanObjects}): every shipped example and every
 * case of the ECK and real-world corpora (../shared/corpus, skipped visibly where absent) gets exactly the same
 * findings and input problems from the objects as listed and from the objects as the cache keeps them.
 */
class LeanCacheVerdictsTest {

    private static final Path EXAMPLES = Path.of("deploy", "examples");
    private static final Path ECK = Path.of("..", "shared", "corpus", "eck");
    private static final Path REALWORLD = Path.of("..", "shared", "corpus", "realworld");
    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final LeanObjects LEAN = new LeanObjects(LeanObjects.Limits.DEFAULT);

    /** One case: the files scanned together. A missing corpus is one case that reports itself skipped. */
    record Case(String name, List<Path> files) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        for (Path dir : List.of(EXAMPLES.resolve("bad"), EXAMPLES.resolve("good"))) {
            yamlFiles(dir).forEach(f -> out.add(new Case(EXAMPLES.relativize(f).toString(), List.of(f))));
        }
        if (Files.isDirectory(ECK)) {
            yamlFiles(ECK).forEach(f -> out.add(new Case("eck/" + f.getFileName(), List.of(f))));
        } else {
            out.add(new Case("eck corpus absent", List.of()));
        }
        if (Files.isDirectory(REALWORLD)) {
            try (Stream<Path> dirs = Files.list(REALWORLD)) {
                for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                    out.add(new Case("realworld/" + dir.getFileName(), yamlFiles(dir)));
                }
            }
        } else {
            out.add(new Case("realworld corpus absent", List.of()));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theObjectsAsTheCacheKeepsThemGetTheSameFindingsAsTheFullObjects(Case c) {
        Assumptions.assumeFalse(c.files().isEmpty(), c.name() + " at " + Path.of("..", "shared", "corpus").toAbsolutePath().normalize()
                + " (CI has ../shared beside the checkout)");
        LoadResult loaded = new ManifestReader().read(c.files().stream().map(Path::toString).toList(), System.in);
        assertThat(loaded.errors()).isEmpty();
        List<HasMetadata> full = loaded.objects().stream().map(LoadedObject::object).toList();
        List<HasMetadata> lean = full.stream().map(o -> LEAN.lean(JSON.clone(o))).toList();

        EvaluationResult fromFull = ExposureEngine.standard().evaluate(full);
        EvaluationResult fromLean = ExposureEngine.standard().evaluate(lean);

        assertThat(fromLean.findings()).isEqualTo(fromFull.findings());
        assertThat(fromLean.problems()).isEqualTo(fromFull.problems());
        assertThat(lean).filteredOn(o -> o instanceof ConfigMap || o instanceof Secret)
                .allMatch(o -> o instanceof LeanObjects.TrimmedConfigMap || o instanceof LeanObjects.TrimmedSecret);
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
    }
}
