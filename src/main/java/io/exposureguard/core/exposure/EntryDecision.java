package io.exposureguard.core.exposure;

import java.util.List;

/** How far an entry point reaches, whether it authenticates, and the facts that say so. */
record EntryDecision(Reach reach, boolean authenticates, List<String> facts) {

    EntryDecision {
        facts = List.copyOf(facts);
    }
}
