package io.exposureguard.examples;

import io.exposureguard.cli.manifest.LoadResult;
import io.exposureguard.cli.manifest.LoadedObject;
import io.exposureguard.cli.manifest.ManifestReader;
import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.inventory.LeanObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the operator's cache keeps of an object ({@link LeanObjects}) decides as the whole object does: every shipped
 * example, every real-world case and every ECK sample gets the same findings (rule, severity, object, datastore,
 * path) from lean objects as from the objects as written. The corpora are read from ../shared where present.
 */
class LeanVerdictsTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final LeanObjects LEAN = new LeanObjects(LeanObjects.Limits.DEFAULT);
    private static final Path SHARED = Path.of("..", "shared", "corpus");

    static Stream<String> inputs() throws IOException {
        Stream<String> examples = Stream.of("deploy/examples/bad", "deploy/examples/good").flatMap(LeanVerdictsTest::files);
        Stream<String> realWorld = Files.isDirectory(SHARED.resolve("realworld"))
                ? Files.list(SHARED.resolve("realworld")).filter(Files::isDirectory).map(Path::toString).sorted() : Stream.empty();
        Stream<String> eck = files(SHARED.resolve("eck").toString());
        return Stream.of(examples, realWorld, eck).flatMap(s -> s);
    }

    private static Stream<String> files(String dir) {
        try (Stream<Path> list = Files.isDirectory(Path.of(dir)) ? Files.list(Path.of(dir)) : Stream.empty()) {
            return list.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).map(Path::toString).sorted()
                    .toList().stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> findings(List<HasMetadata> objects) {
        return ExposureEngine.standard().evaluate(objects).findings().stream()
                .map(f -> f.rule().id() + " " + f.severity().label() + " " + f.resource().display() + " -> " + f.datastore().display()
                        + " | " + f.message() + " | " + f.facts())
                .sorted().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void leanObjectsGiveTheFindingsTheWholeObjectsGive(String input) {
        LoadResult loaded = new ManifestReader().read(List.of(input), System.in);
        Assumptions.assumeTrue(loaded.errors().isEmpty(), input + " has input errors (tested elsewhere)");
        List<HasMetadata> whole = loaded.objects().stream().map(LoadedObject::object).toList();
        List<HasMetadata> lean = whole.stream().map(o -> LEAN.lean(JSON.clone(o))).toList();

        assertThat(findings(lean)).as(input).isEqualTo(findings(whole));
    }
}
