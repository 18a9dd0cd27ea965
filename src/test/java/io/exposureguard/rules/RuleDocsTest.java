package io.exposureguard.rules;

import io.exposureguard.model.RuleInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/rules.md is generated from the catalog; `make docs` regenerates it. */
class RuleDocsTest {

    static final Path DOCS = Path.of("docs", "rules.md");

    @Test
    void rulesDocIsUpToDateWithTheCatalog() throws IOException {
        String generated = RuleDocs.markdown(new RuleCatalog(), java.util.List.of(io.exposureguard.remediation.Remediator.OPTED_OUT));
        if (Boolean.getBoolean("exposureguard.writeDocs")) {
            Files.createDirectories(DOCS.getParent());
            Files.writeString(DOCS, generated);
        }

        assertThat(DOCS).as("docs/rules.md is stale: run `make docs`").exists();
        assertThat(Files.readString(DOCS)).as("docs/rules.md is stale: run `make docs`").isEqualTo(generated);
    }

    @Test
    void everyRuleHasAUniqueIdAndEveryTextUsersSee() {
        Set<String> ids = new HashSet<>();
        for (RuleInfo r : new RuleCatalog().infos()) {
            assertThat(r.id()).matches("EG-[A-Z]+-\\d{3}");
            assertThat(ids.add(r.id())).as("duplicate id " + r.id()).isTrue();
            assertThat(r.title()).isNotBlank();
            assertThat(r.rationale()).hasSizeGreaterThan(40);
            assertThat(r.remediation()).hasSizeGreaterThan(40);
            assertThat(r.severity()).isNotNull();
        }
    }
}
