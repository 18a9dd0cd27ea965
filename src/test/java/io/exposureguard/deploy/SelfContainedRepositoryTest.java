package io.exposureguard.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README and pom are read by people who have only this repository: they point at nothing outside it (no
 * {@code ../shared/...} notes, no relative links out of the checkout). Links to the web are fine.
 */
class SelfContainedRepositoryTest {

    private static final Pattern OUTSIDE = Pattern.compile("\\.\\./(shared|work)\\b|\\]\\(\\.\\./[^)]*\\)");

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "pom.xml", "ARCHITECTURE.md"})
    void pointsAtNothingOutsideTheRepository(String file) throws IOException {
        List<String> outside = Files.readAllLines(Path.of(file)).stream()
                .filter(line -> OUTSIDE.matcher(line).find()).toList();
        assertThat(outside).as(file + ": lines that point outside the repository").isEmpty();
    }

    static java.util.stream.Stream<String> documents() throws IOException {
        try (var docs = Files.list(Path.of("docs"))) {
            List<String> pages = docs.map(Path::toString).filter(f -> f.endsWith(".md")).sorted().toList();
            return java.util.stream.Stream.concat(java.util.stream.Stream.of("README.md", "ARCHITECTURE.md", "CONTRIBUTING.md"),
                    pages.stream());
        }
    }

    /** Links are relative to the page's own folder, as GitHub resolves them. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("documents")
    void everyRelativeLinkLeadsToAFileOfTheRepository(String file) throws IOException {
        Matcher m = Pattern.compile("\\]\\(([^)#:]+)(#[^)]*)?\\)").matcher(Files.readString(Path.of(file)));
        Path folder = Path.of(file).toAbsolutePath().getParent();
        while (m.find()) {
            assertThat(folder.resolve(m.group(1).trim())).as(file + " links to " + m.group(1)).exists();
        }
    }
}
