package io.exposureguard.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.Value;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.net.HttpURLConnection;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Fabric8's CRUD dispatcher with an index by resource plural and name, so that requests naming one object (create,
 * get, update, patch, delete) no longer scan every stored object. The stock dispatcher does: at 23k objects each
 * such request costs milliseconds under its write lock, creating the cluster takes minutes and the operator's Event
 * and PolicyReport writes dominate its audits, so ChurnBench would measure the mock server rather than the operator.
 * Semantics are the stock ones (the same attribute matching decides, among the few objects of that plural and
 * name); lists and watches still go through the stock code. It also counts the requests it serves, for the report.
 */
final class IndexedCrudDispatcher extends KubernetesCrudDispatcher {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    /** Held around every write and indexed read; the stock dispatcher's own lock is taken inside it. */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** "plural/name" -> attribute sets of the stored objects (keys of {@link #map}); guarded by {@link #lock}. */
    private final Map<String, Set<AttributeSet>> byName = new HashMap<>();
    /** Requests served by "METHOD plural status": {count, nanoseconds inside the server including lock waits}. */
    private final Map<String, long[]> served = new ConcurrentHashMap<>();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        long start = System.nanoTime();
        MockResponse response = super.dispatch(request);
        long took = System.nanoTime() - start;
        String path = request.getPath();
        String key = request.getMethod() + " " + single(getKey(path).getAttribute(KubernetesAttributesExtractor.PLURAL))
                + (path.contains("watch=true") ? " (watch)" : "") + " " + (response == null ? "-" : response.code());
        served.merge(key, new long[] {1, took}, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
        return response;
    }

    /** A snapshot of the request counters (see {@link #served}; the arrays are never changed once stored). */
    Map<String, long[]> served() {
        return Map.copyOf(served);
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        return locked(lock.writeLock(), () -> super.handleCreate(request));
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
        return locked(lock.writeLock(), () -> super.handleUpdate(request));
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        return locked(lock.writeLock(), () -> super.handlePatch(request));
    }

    /**
     * A named object without finalizers is removed through {@link #processEvent} like the stock code does, without
     * its scan; anything else (collections, finalizers, not found) takes the stock path. Stock code iterates the
     * store without this lock only when a new watch replays it, which in the benches happens before any delete.
     */
    @Override
    public MockResponse handleDelete(String path) {
        return locked(lock.writeLock(), () -> {
            AttributeSet query = getKey(path);
            String key = key(query);
            Map.Entry<AttributeSet, String> found = key == null ? null : lookup(key, query);
            if (found == null || !JSON.unmarshal(found.getValue(), GenericKubernetesResource.class).getFinalizers().isEmpty()) {
                return super.handleDelete(path);
            }
            processEvent(path, query, found.getKey(), null, null);
            return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(found.getValue());
        });
    }

    @Override
    public MockResponse handleGet(String path) {
        AttributeSet query = getKey(path);
        String key = key(query);
        if (key == null || path.contains("watch=true")) {
            return super.handleGet(path);
        }
        return locked(lock.readLock(), () -> {
            Map.Entry<AttributeSet, String> found = lookup(key, query);
            return found == null ? new MockResponse().setResponseCode(HttpURLConnection.HTTP_NOT_FOUND)
                    : new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(found.getValue());
        });
    }

    /** Called by the stock create, update and patch handlers (under the write lock). */
    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
        String key = key(attributes);
        return key == null ? super.findResource(attributes) : lookup(key, attributes);
    }

    /** Every change of the store passes here (under the write lock): keep the index in step with {@link #map}. */
    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
                             GenericKubernetesResource resource, String newState) {
        if (oldAttributes != null) {
            Set<AttributeSet> sets = byName.get(key(oldAttributes));
            if (sets != null) {
                sets.remove(oldAttributes);
            }
        }
        super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
        if (newState != null) {
            // The key the stock code stored: the same extraction, the path's plural added when the body has none.
            KubernetesAttributesExtractor extractor = (KubernetesAttributesExtractor) attributeExtractor;
            AttributeSet stored = resource != null ? extractor.extract(resource) : extractor.fromResource(newState);
            if (!stored.containsKey(KubernetesAttributesExtractor.PLURAL)) {
                stored = AttributeSet.merge(pathAttributes, stored);
            }
            String key = key(stored);
            if (key != null && map.containsKey(stored)) {
                byName.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(stored);
            }
        }
    }

    private Map.Entry<AttributeSet, String> lookup(String key, AttributeSet query) {
        for (AttributeSet candidate : byName.getOrDefault(key, Set.of())) {
            String body = map.get(candidate);
            if (body != null && candidate.matches(query)) {
                return new AbstractMap.SimpleImmutableEntry<>(candidate, body);
            }
        }
        return null;
    }

    /** "plural/name" of a query or stored object, or null when it names no single object. */
    private static String key(AttributeSet attributes) {
        String plural = single(attributes.getAttribute(KubernetesAttributesExtractor.PLURAL));
        String name = single(attributes.getAttribute(KubernetesAttributesExtractor.NAME));
        return plural == null || name == null ? null : plural + "/" + name;
    }

    private static String single(Attribute attribute) {
        if (attribute == null) {
            return null;
        }
        List<Value> values = attribute.getValues();
        return values.size() == 1 ? values.get(0).toString() : null;
    }

    private static <T> T locked(java.util.concurrent.locks.Lock l, Supplier<T> action) {
        l.lock();
        try {
            return action.get();
        } finally {
            l.unlock();
        }
    }
}
