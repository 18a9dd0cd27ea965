package io.exposureguard.core.kinds;

import java.util.List;

/** One row of a kind's table test: what it shows, the manifest, and what is expected of it. Named by {@link #name}. */
record KindCase(String name, String yaml, List<String> expected) {
    @Override
    public String toString() {
        return name;
    }
}
