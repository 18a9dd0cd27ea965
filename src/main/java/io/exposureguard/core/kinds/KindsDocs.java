package io.exposureguard.core.kinds;

import io.exposureguard.core.inventory.WatchedKind;
import java.util.List;

/** The "Custom resources read" section of docs/rules.md, from the kind registry. */
public final class KindsDocs {

    private KindsDocs() {
    }

    public static String markdown(List<DatastoreResourceKind> datastores, List<WatchedKind> entrySide) {
        StringBuilder md = new StringBuilder();
        md.append("\n## Custom resources read\n\n")
                .append("Generated from the kind registry (io.exposureguard.core.kinds.ResourceKinds). Each kind is")
                .append(" watched once its CRD exists, sent to the validating webhook, and listed in the chart's RBAC;")
                .append(" kinds whose own settings are fixed are also sent to the mutating webhook and may be patched")
                .append(" by remediation.\n\n")
                .append("| kind | API groups | versions | generated Services | own settings fixed |\n|---|---|---|---|---|\n");
        for (DatastoreResourceKind k : datastores) {
            md.append("| ").append(k.kind()).append(" | ").append(String.join(", ", k.groups())).append(" | ")
                    .append(String.join(", ", k.versions())).append(" | ").append(k.generatedServices()).append(" | ")
                    .append(k.ownSettingsFix()).append(" |\n");
        }
        for (WatchedKind k : entrySide) {
            md.append("| ").append(k.kind()).append(" | ").append(k.group()).append(" | ")
                    .append(String.join(", ", k.versions())).append(" | none (read for the entry in front of a datastore)")
                    .append(" | none |\n");
        }
        return md.toString();
    }
}
