package io.exposureguard.cli.manifest;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.model.EvaluationResult;
import io.exposureguard.core.model.Finding;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the scanner's entry: whatever text arrives, the manifest reader loads objects
 * or names an error, and the engine evaluates what was loaded without throwing. `make test` replays the
 * regression corpus (ManifestFuzzTestInputs); `make fuzz` searches for new crashes.
 */
class ManifestFuzzTest {

    private static final ExposureEngine ENGINE = ExposureEngine.standard();
    private static final List<String> SEEDS = seeds();

    private static List<String> seeds() {
        try (Stream<Path> files = Files.walk(Path.of("deploy/examples"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void loadAndEvaluate(String text) {
        LoadResult loaded = new ManifestReader().read("fuzz.yaml", text);
        assertThat(loaded.errors()).allSatisfy(e -> assertThat(e.toString()).isNotBlank());
        List<HasMetadata> objects = loaded.objects().stream().map(LoadedObject::object).toList();
        EvaluationResult result = ENGINE.evaluate(objects);
        for (Finding f : result.findings()) {
            assertThat(f.rule().id()).startsWith("EG-");
            assertThat(f.path()).isNotEmpty();
            assertThat(f.message()).isNotBlank();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void anyTextIsLoadedOrRefusedNeverCrashes(FuzzedDataProvider data) {
        loadAndEvaluate(data.consumeRemainingAsString());
    }

    /** Mutates a shipped example in one place, so the fuzzer reaches deep into the engine with near-valid objects. */
    @FuzzTest(maxDuration = "60s")
    void aShippedExampleWithOneFieldChangedNeverCrashesTheEngine(FuzzedDataProvider data) {
        String seed = SEEDS.get(data.consumeInt(0, SEEDS.size() - 1));
        String[] lines = seed.split("\n", -1);
        int line = data.consumeInt(0, lines.length - 1);
        int colon = lines[line].indexOf(':');
        String replacement = data.consumeString(64);
        lines[line] = colon >= 0 ? lines[line].substring(0, colon + 1) + " " + replacement : replacement;
        loadAndEvaluate(String.join("\n", lines) + data.consumeRemainingAsString());
    }
}
