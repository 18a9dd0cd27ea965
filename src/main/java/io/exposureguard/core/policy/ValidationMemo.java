package io.exposureguard.core.policy;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Validation results remembered per object, so a policy or exception is validated once per change rather than on
 * every assessment: keyed on the object's identity and checked against its resourceVersion (the informer cache
 * replaces an object when it changes, and nothing edits a cached object in place). An object without a
 * resourceVersion (read from files, built by a test) is not remembered: it may be edited between assessments.
 * Bounded (least recently used out); safe for the concurrent callers of one shared assessor.
 */
final class ValidationMemo<T extends HasMetadata> {

    static final int SIZE = 2048;

    private record Key(Object object) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && k.object == object;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(object);
        }
    }

    private record Entry(String resourceVersion, List<PolicyProblem> problems) {
    }

    private final Function<T, List<PolicyProblem>> validate;
    private final Map<Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > SIZE;
        }
    };

    ValidationMemo(Function<T, List<PolicyProblem>> validate) {
        this.validate = validate;
    }

    List<PolicyProblem> problems(T object) {
        String version = object.getMetadata() == null ? null : object.getMetadata().getResourceVersion();
        if (version == null) {
            return List.copyOf(validate.apply(object));
        }
        Key key = new Key(object);
        synchronized (entries) {
            Entry e = entries.get(key);
            if (e != null && Objects.equals(e.resourceVersion(), version)) {
                return e.problems();
            }
        }
        // Validated outside the lock: concurrent callers may validate the same object twice, never wait for each other.
        List<PolicyProblem> problems = List.copyOf(validate.apply(object));
        synchronized (entries) {
            entries.put(key, new Entry(version, problems));
        }
        return problems;
    }
}
