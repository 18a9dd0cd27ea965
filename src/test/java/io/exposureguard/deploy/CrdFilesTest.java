package io.exposureguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed CRDs: the generated ones with Age moved to the end of the printer columns, nothing else changed. */
class CrdFilesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> FILES = List.of("exposurepolicies.exposureguard.io-v1.yml", "exposureexceptions.exposureguard.io-v1.yml");

    private static List<String> columns(JsonNode crd) {
        List<String> names = new ArrayList<>();
        crd.at("/spec/versions/0/additionalPrinterColumns").forEach(c -> names.add(c.get("name").asText()));
        return names;
    }

    /**
     * With {@code -Dexposureguard.writeCrds=true} ({@code make crds}) this first writes the generated CRDs, Age last, into
     * crds/ and the chart's files/crds/; then, always, it checks that each committed CRD has Age last and is exactly what
     * {@link CrdFiles#ageLast} makes of the generator's order.
     */
    @Test
    void ageIsTheLastColumnAndTheRestOfTheCrdIsAsGenerated() throws IOException {
        if (Boolean.getBoolean("exposureguard.writeCrds")) {
            for (String file : FILES) {
                String crd = CrdFiles.ageLast(Files.readString(Path.of("target", "kubernetes", file)));
                Files.writeString(Path.of("crds", file), crd);
                Files.writeString(HelmChart.DIR.resolve("files/crds").resolve(file), crd);
            }
        }
        for (String file : FILES) {
            String committed = Files.readString(Path.of("crds", file));
            // Age first again, as the generator writes it (its jsonPath sorts first), then back.
            String generatorOrder = committed.replaceFirst("((?:    - [^\\n]*\\n(?:      [^\\n]*\\n)*)*?)"
                    + "(    - jsonPath: \"\\.metadata\\.creationTimestamp\"\\n(?:      [^\\n]*\\n)+)", "$2$1");

            String reordered = CrdFiles.ageLast(generatorOrder);

            assertThat(columns(YAML.readTree(generatorOrder))).as(file).first().isEqualTo("Age");
            assertThat(columns(YAML.readTree(reordered))).as(file).last().isEqualTo("Age");
            assertThat(reordered).as(file).isEqualTo(committed);
            assertThat(Files.readString(HelmChart.DIR.resolve("files/crds").resolve(file))).as("the chart's copy of " + file).isEqualTo(committed);
        }
    }
}
