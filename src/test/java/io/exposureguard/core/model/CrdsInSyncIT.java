package io.exposureguard.core.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed crds/ are exactly what the build generates from the CRD classes, Age moved to the last printer column
 * ({@link io.exposureguard.deploy.CrdFiles#ageLast}); run `make crds` after changing them.
 */
class CrdsInSyncIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exposurepolicies.exposureguard.io-v1.yml", "exposureexceptions.exposureguard.io-v1.yml"})
    void committedCrdMatchesTheGeneratedOne(String file) throws IOException {
        Path generated = Path.of("target", "kubernetes", file);
        Path committed = Path.of("crds", file);

        assertThat(generated).as("the build generates " + file).exists();
        assertThat(committed).as("crds/" + file + " is committed: run `make crds`").exists();
        assertThat(Files.readString(committed)).as("crds/" + file + " is stale: run `make crds`")
                .isEqualTo(io.exposureguard.deploy.CrdFiles.ageLast(Files.readString(generated)));
    }
}
