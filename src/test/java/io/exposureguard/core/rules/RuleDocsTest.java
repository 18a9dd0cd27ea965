package io.exposureguard.core.rules;

import io.exposureguard.core.model.RuleInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/rules.md is generated from the catalog and the kind registry; `make docs` regenerates it. */
class RuleDocsTest {

    static final Path DOCS = Path.of("docs", "rules.md");
    /** Findings made outside the engine: remediation's opt-out, and scan's policy objects among the scanned files. */
    static final java.util.List<RuleInfo> OUTSIDE_THE_ENGINE = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(io.exposureguard.core.policy.RemediationFacts.OPTED_OUT),
            io.exposureguard.cli.InputPolicyFindings.RULES.stream()).toList();

    @Test
    void rulesDocIsUpToDateWithTheCatalog() throws IOException {
        String generated = RuleDocs.markdown(new RuleCatalog(), OUTSIDE_THE_ENGINE);
        if (Boolean.getBoolean("exposureguard.writeDocs")) {
            Files.createDirectories(DOCS.getParent());
            Files.writeString(DOCS, generated);
        }

        assertThat(DOCS).as("docs/rules.md is stale: run `make docs`").exists();
        assertThat(Files.readString(DOCS)).as("docs/rules.md is stale: run `make docs`").isEqualTo(generated);
    }

    /** The "Custom resources read" table has a row per kind and group the registry lists. */
    @Test
    void theDocsListEveryCustomResourceKindTheRegistryReads() {
        String docs = RuleDocs.markdown(new RuleCatalog(), OUTSIDE_THE_ENGINE);

        assertThat(docs).contains("## Custom resources read");
        for (var k : io.exposureguard.core.kinds.ResourceKinds.DATASTORES) {
            assertThat(docs).contains("| " + k.kind() + " | " + String.join(", ", k.groups()) + " | " + String.join(", ", k.versions())
                    + " | " + k.generatedServices() + " | " + k.ownSettingsFix() + " |");
        }
        for (var k : io.exposureguard.core.kinds.ResourceKinds.ENTRY_SIDE) {
            assertThat(docs).contains("| " + k.kind() + " | " + k.group() + " | ");
        }
    }

    @Test
    void everyRuleHasAUniqueIdAndEveryTextUsersSee() {
        Set<String> ids = new HashSet<>();
        for (RuleInfo r : java.util.stream.Stream.concat(new RuleCatalog().infos().stream(), OUTSIDE_THE_ENGINE.stream()).toList()) {
            assertThat(r.id()).matches("EG-[A-Z]+-\\d{3}");
            assertThat(ids.add(r.id())).as("duplicate id " + r.id()).isTrue();
            assertThat(r.title()).isNotBlank();
            assertThat(r.rationale()).hasSizeGreaterThan(40);
            assertThat(r.remediation()).hasSizeGreaterThan(40);
            assertThat(r.severity()).isNotNull();
        }
    }
}
