package io.exposureguard.bench;

import io.exposureguard.bench.ScaleCluster.Kind;
import io.exposureguard.bench.ScaleCluster.Unit;
import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.api.v1.ExposureException;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.exposureguard.app.audit.AuditService;
import io.exposureguard.core.policy.Assessor;
import io.exposureguard.core.policy.Decision;
import io.exposureguard.core.policy.PolicyOutcome;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * `make bench` (fourth part) and `make bench-churn`: the operator under sustained churn at the scale of the issue
 * (10k Services, 2k Ingresses and 500 ECK Elasticsearch across 200 namespaces, with their workloads; see
 * {@link ScaleCluster}) on Fabric8's mock API server, which runs in this JVM. Creates the cluster in parallel,
 * starts the audit with production settings (500 ms debounce, 5 min full audit, no election, no remediation),
 * then applies changes at a fixed rate for a bounded time: new exposed datastores, Services flipped between
 * ClusterIP and LoadBalancer, Elasticsearch security toggled, exposed Services deleted. For every n-th change that
 * opens or closes an exposure it measures detection latency: from the API write until the operator's last outcome
 * shows the EG-EXP-001 finding (or no longer does). Also reports audit duration (from the operator's
 * {@code exposureguard.audit.duration} timer), heap after GC, RSS and CPU, and finally compares the operator's
 * findings with a fresh assessment of everything the API server holds. Reports numbers and never judges them;
 * only a correctness mismatch (or a change never detected) exits non-zero.
 *
 * <p>The mock server's dispatcher is {@link IndexedCrudDispatcher}: the stock one scans every stored object on each
 * request, which at this scale is what a run would measure ({@code -Dchurn.stock-mock=true} to see it).
 *
 * <p>System properties: {@code churn.rate} (changes/s, 20), {@code churn.seconds} (60), {@code churn.sample-every}
 * (5), {@code churn.seed} (1), {@code churn.create-threads} (4), {@code churn.stock-mock} (false).
 */
public final class ChurnBench {

    private static final ResourceDefinitionContext ES = new ResourceDefinitionContext.Builder()
            .withGroup("elasticsearch.k8s.elastic.co").withVersion("v1").withKind("Elasticsearch")
            .withPlural("elasticsearches").withNamespaced(true).build();
    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final String EXPOSED = "EG-EXP-001";
    private static final Duration DEBOUNCE = Duration.ofMillis(500);
    /** A unit changed more recently than this is not sampled: an earlier change may still be on its way. */
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(2);
    /** Held so the level sticks: the mock server logs every request at INFO (tens of thousands here). */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesMockServer mock;
    private final KubernetesClient api;
    private final KubernetesClient operatorClient;
    /** The mock server's dispatcher, for its request counts; null with the stock dispatcher. */
    private final IndexedCrudDispatcher server;
    private final double rate;
    private final int seconds;
    private final int sampleEvery;
    private final int createThreads;
    private final Random random;
    private final ScaleCluster cluster = new ScaleCluster();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Map<String, Sample> pending = new ConcurrentHashMap<>();
    private final List<Latency> latencies = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> changes = new TreeMap<>();
    private AuditService audit;
    private Observer observer;
    private int created;
    private int writes;
    private int exposureChanges;
    private boolean sampleOwed;

    /** A sampled change: the datastore's EG-EXP-001 finding should become {@code present}. */
    private record Sample(String change, boolean present, long writtenAt) {
    }

    private record Latency(String change, boolean present, double ms) {
    }

    private ChurnBench(KubernetesMockServer mock, KubernetesClient api, KubernetesClient operatorClient, IndexedCrudDispatcher server) {
        this.mock = mock;
        this.api = api;
        this.operatorClient = operatorClient;
        this.server = server;
        this.rate = Double.parseDouble(System.getProperty("churn.rate", "20"));
        this.seconds = Integer.parseInt(System.getProperty("churn.seconds", "60"));
        this.sampleEvery = Integer.parseInt(System.getProperty("churn.sample-every", "5"));
        this.createThreads = Integer.parseInt(System.getProperty("churn.create-threads", "4"));
        this.random = new Random(Long.parseLong(System.getProperty("churn.seed", "1")));
    }

    public static void main(String[] args) throws Exception {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        IndexedCrudDispatcher indexed = Boolean.getBoolean("churn.stock-mock") ? null : new IndexedCrudDispatcher();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                indexed == null ? new KubernetesCrudDispatcher() : indexed, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        int exit;
        try (KubernetesClient api = server.createClient(); KubernetesClient operatorClient = server.createClient()) {
            exit = new ChurnBench(server, api, operatorClient, indexed).run();
        } finally {
            server.destroy();
        }
        System.out.flush();
        // The mock server's Vert.x threads are not daemons and outlive destroy(); end the run explicitly.
        System.exit(exit);
    }

    private int run() throws Exception {
        List<HasMetadata> objects = cluster.objects();
        System.out.printf("cluster:     %,d objects and the ECK CRD: %d namespaces, %,d Services (%,d web, %,d Redis/MongoDB), "
                + "%,d workloads, %,d Ingresses, %d Elasticsearch%n",
                objects.size(), ScaleCluster.NAMESPACES, cluster.web.size() + cluster.datastores.size(), cluster.web.size(),
                cluster.datastores.size(), cluster.web.size() + cluster.datastores.size(),
                ScaleCluster.NAMESPACES * ScaleCluster.INGRESSES_PER_NAMESPACE, cluster.elasticsearches.size());
        System.out.printf("machine:     %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.printf("settings:    debounce %d ms, full audit every 5 min, no leader election, remediation off; churn %.0f/s "
                + "for %d s, latency sampled on 1 in %d changes that open or close an exposure; %s mock dispatcher%n",
                DEBOUNCE.toMillis(), rate, seconds, sampleEvery, server == null ? "stock" : "indexed");

        installEckCrd();
        long t = System.nanoTime();
        createAll(objects);
        double createS = seconds(System.nanoTime() - t);
        System.out.printf("setup:       %,d objects created in %.1f s (%,.0f objects/s, %d threads)%n",
                objects.size(), createS, objects.size() / createS, createThreads);

        List<String> initial = verdicts(assess(objects, namespaceLabels(objects)));
        objects = null;
        long heapBase = usedHeapAfterGc();

        audit = new AuditService(operatorClient, io.exposureguard.kube.TestOperatorConfig.production(DEBOUNCE), registry);
        Timer auditTimer = registry.find("exposureguard.audit.duration").timer();
        observer = new Observer(auditTimer);
        Thread observerThread = new Thread(observer, "churn-observer");
        observerThread.setDaemon(true);
        observerThread.start();
        long started = System.nanoTime();
        audit.start();
        Seen synced = observer.awaitOutcome(initial, started + SYNC_TIMEOUT.toNanos());
        if (synced == null) {
            return mismatch("after start", initial);
        }
        double firstAuditS = seconds(observer.firstSeenAt - started);
        while (observer.audits.isEmpty() && System.nanoTime() - synced.at() < TimeUnit.SECONDS.toNanos(5)) {
            LockSupport.parkNanos(1_000_000); // the outcome is published just before the timer records the audit
        }
        double syncS = seconds(synced.at() - started);
        System.out.printf("startup:     first audit done %.1f s after start (%,.0f ms); findings match the cluster after %.1f s (%,d findings)%n",
                firstAuditS, observer.audits.isEmpty() ? 0 : observer.audits.get(0)[1], syncS, initial.size());
        long heapIdle = usedHeapAfterGc();
        System.out.printf("idle:        heap after GC %.0f MiB (operator caches and state: +%.0f MiB over the mock server's store), RSS %.0f MiB%n",
                mib(heapIdle), mib(heapIdle - heapBase), rssMiB("VmRSS"));

        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long auditThread = threadId("exposure-guard-audit");
        long cpu0 = os.getProcessCpuTime();
        long auditCpu0 = threads.getThreadCpuTime(auditThread);
        Map<String, long[]> served0 = server == null ? Map.of() : server.served();
        long churnStart = System.nanoTime();
        long maxLag = churn(churnStart);
        long churnEnd = System.nanoTime();
        Map<String, long[]> served1 = server == null ? Map.of() : server.served();
        double wall = churnEnd - churnStart;
        double cores = (os.getProcessCpuTime() - cpu0) / wall;
        double auditCores = (threads.getThreadCpuTime(auditThread) - auditCpu0) / wall;
        int total = changes.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("churn:       %,d changes in %.1f s (%.1f/s; %s), %,d API writes, %,d opened or closed an exposure; max lag behind schedule %,d ms%n",
                total, seconds(churnEnd - churnStart), total / seconds(churnEnd - churnStart), changes, writes, exposureChanges,
                TimeUnit.NANOSECONDS.toMillis(maxLag));

        // Nothing changes the evaluated objects any more: the operator only writes Events and PolicyReports.
        List<String> expected = verdicts(freshAssessment());
        Seen settled = observer.awaitOutcome(expected, System.nanoTime() + SETTLE_TIMEOUT.toNanos());
        if (settled != null) {
            Thread.sleep(3 * DEBOUNCE.toMillis());
            if (!verdicts(audit.lastOutcome()).equals(expected)) {
                settled = null;
            }
        }

        List<double[]> during = observer.audits.stream().filter(a -> a[0] >= churnStart && a[0] <= churnEnd).toList();
        System.out.printf("detection:   %s%n", detection());
        System.out.printf("audits:      during churn %d, mean %,.0f ms, max %,.0f ms; whole run %d, mean %,.0f ms (registry: exposureguard.audit.duration)%n",
                during.size(), during.stream().mapToDouble(a -> a[1]).average().orElse(0),
                during.stream().mapToDouble(a -> a[1]).max().orElse(0), auditTimer.count(), auditTimer.mean(TimeUnit.MILLISECONDS));
        if (server != null) {
            System.out.printf("api server:  busiest requests during churn (count, mean ms inside the mock server incl. lock waits): "
                    + "%s%n",
                    busiest(served0, served1, 10));
        }
        System.out.printf("cpu:         %.2f cores during churn (whole JVM: operator + mock API server + churn driver); "
                + "audit thread alone %.2f cores%n",
                cores, auditCores);
        long heapAfter = usedHeapAfterGc();
        System.out.printf("after churn: heap after GC %.0f MiB (+%.0f MiB over the mock server's store), RSS %.0f MiB, "
                + "peak RSS %.0f MiB (one JVM: operator + mock API server)%n",
                mib(heapAfter), mib(heapAfter - heapBase), rssMiB("VmRSS"), rssMiB("VmHWM"));
        observer.running = false;
        audit.stop();
        System.out.printf("machine:     load average %s at the end%n", loadAverage());

        if (settled == null) {
            return mismatch("after churn", expected);
        }
        if (!pending.isEmpty()) {
            System.out.printf("correctness: FAILED: %d sampled changes never seen by the operator: %s%n", pending.size(), pending);
            return 1;
        }
        System.out.printf("correctness: OK (%,d findings), settled %.1f s after the last change%n", expected.size(),
                seconds(Math.max(0, settled.at() - churnEnd)));
        return 0;
    }

    // ---- setup ----

    private void installEckCrd() {
        api.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(ES.getPlural() + "." + ES.getGroup()).endMetadata()
                .withNewSpec().withGroup(ES.getGroup()).withScope("Namespaced")
                .withNewNames().withKind(ES.getKind()).withPlural(ES.getPlural()).endNames()
                .addNewVersion().withName(ES.getVersion()).withServed(true).withStorage(true).endVersion().endSpec().build()).create();
    }

    private void createAll(List<HasMetadata> objects) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(createThreads);
        try {
            List<Future<?>> done = new ArrayList<>(objects.size());
            for (HasMetadata o : objects) {
                done.add(pool.submit(() -> create(o)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void create(HasMetadata o) {
        if (o instanceof GenericKubernetesResource g) {
            api.genericKubernetesResources(ES).inNamespace(g.getMetadata().getNamespace()).resource(g).create();
        } else {
            api.resource(o).create();
        }
    }

    // ---- churn ----

    /** Applies {@code rate * seconds} changes on a fixed schedule (open loop); returns the largest lag behind it. */
    private long churn(long start) {
        long period = (long) (1e9 / rate);
        long count = Math.round(rate * seconds);
        long maxLag = 0;
        for (long i = 0; i < count; i++) {
            long due = start + i * period;
            long now = System.nanoTime();
            if (due > now) {
                LockSupport.parkNanos(due - now);
            } else {
                maxLag = Math.max(maxLag, now - due);
            }
            double r = random.nextDouble();
            if (r < 0.25) {
                createExposed();
            } else if (r < 0.5) {
                flipServiceType();
            } else if (r < 0.75) {
                toggleSecurity();
            } else {
                deleteExposedService();
            }
        }
        return maxLag;
    }

    /** A new Redis or MongoDB without authentication behind a LoadBalancer, in a random namespace. */
    private void createExposed() {
        Kind kind = created % 2 == 0 ? Kind.REDIS : Kind.MONGO;
        Unit u = new Unit(kind, ScaleCluster.namespace(random.nextInt(ScaleCluster.NAMESPACES)), "churn-" + created++, false, true);
        cluster.datastores.add(u);
        change("create", u, false, () -> {
            api.resource(ScaleCluster.workload(u)).create();
            api.resource(ScaleCluster.service(u)).create();
            writes += 2;
        });
    }

    /** ClusterIP <-> LoadBalancer: half the time a datastore without authentication (opens or closes), half a web Service. */
    private void flipServiceType() {
        Unit u = random.nextBoolean() ? pick(cluster.datastores, x -> !x.auth) : pick(cluster.web, x -> true);
        if (u == null) {
            createExposed();
            return;
        }
        boolean was = u.exposed();
        u.loadBalancer = !u.loadBalancer;
        String patch = replace("/spec/type", u.loadBalancer ? "LoadBalancer" : "ClusterIP");
        change("flip", u, was, () -> {
            api.services().inNamespace(u.namespace).withName(u.name).patch(PatchContext.of(PatchType.JSON), patch);
            writes++;
        });
    }

    /** xpack.security.enabled toggled: half the time on an Elasticsearch behind a LoadBalancer (opens or closes). */
    private void toggleSecurity() {
        Unit u = random.nextBoolean() ? pick(cluster.elasticsearches, x -> x.loadBalancer) : pick(cluster.elasticsearches, x -> true);
        if (u == null) {
            createExposed();
            return;
        }
        boolean was = u.exposed();
        u.auth = !u.auth;
        String patch = replace("/spec/nodeSets/0/config", Map.of("xpack.security.enabled", u.auth));
        change("security", u, was, () -> {
            api.genericKubernetesResources(ES).inNamespace(u.namespace).withName(u.name).patch(PatchContext.of(PatchType.JSON), patch);
            writes++;
        });
    }

    /**
     * A JSON Patch (RFC 6902) replacing one value. Not a merge patch: the mock server applies those without a new
     * resourceVersion (informers then see no change) and appends to lists instead of replacing them.
     */
    private static String replace(String path, Object value) {
        return JSON.asJson(List.of(Map.of("op", "replace", "path", path, "value", value)));
    }

    /** The Service of an exposed Redis or MongoDB removed (its workload stays, now reachable only inside). */
    private void deleteExposedService() {
        Unit u = pick(cluster.datastores, Unit::exposed);
        if (u == null) {
            createExposed();
            return;
        }
        u.deleted = true;
        change("delete", u, true, () -> {
            api.services().inNamespace(u.namespace).withName(u.name).delete();
            writes++;
        });
    }

    /** Writes a change whose model is already applied; samples it when it opens or closes an exposure and is due. */
    private void change(String name, Unit u, boolean wasExposed, Runnable write) {
        changes.merge(name, 1, Integer::sum);
        boolean present = u.exposed();
        long now = System.nanoTime();
        if (present != wasExposed && ++exposureChanges % sampleEvery == 0) {
            sampleOwed = true;
        }
        if (sampleOwed && present != wasExposed && quiet(u, now) && observer.exposed.contains(u.key()) == wasExposed) {
            pending.put(u.key(), new Sample(name, present, now));
            sampleOwed = false;
        }
        write.run();
        u.lastChange = now;
    }

    private static boolean quiet(Unit u, long now) {
        return u.lastChange == 0 || now - u.lastChange > QUIET_NANOS;
    }

    /** A random unit of the pool that matches, is not deleted and has no sampled change in flight. */
    private Unit pick(List<Unit> pool, Predicate<Unit> matches) {
        for (int i = 0; i < 500; i++) {
            Unit u = pool.get(random.nextInt(pool.size()));
            if (!u.deleted && !pending.containsKey(u.key()) && matches.test(u)) {
                return u;
            }
        }
        return null;
    }

    // ---- observing the operator ----

    private record Seen(PolicyOutcome outcome, long at) {
    }

    /**
     * Polls the operator every 2 ms. A new outcome updates the set of exposed datastores and resolves the samples
     * it satisfies; each completed audit's duration is the growth of the registry timer's total time. Once a second
     * it empties the mock server's request log.
     */
    private final class Observer implements Runnable {
        private final Timer timer;
        volatile boolean running = true;
        volatile Set<String> exposed = Set.of();
        volatile Seen latest;
        volatile long firstSeenAt;
        /** {completion time (nanoTime, as observed), duration ms} per audit. */
        final List<double[]> audits = Collections.synchronizedList(new ArrayList<>());

        Observer(Timer timer) {
            this.timer = timer;
        }

        @Override
        public void run() {
            long count = 0;
            double total = 0;
            long drained = System.nanoTime();
            while (running) {
                PolicyOutcome o = audit.lastOutcome();
                long now = System.nanoTime();
                if (o != null && (latest == null || latest.outcome() != o)) {
                    Set<String> nowExposed = exposedDatastores(o);
                    exposed = nowExposed;
                    latest = new Seen(o, now);
                    if (firstSeenAt == 0) {
                        firstSeenAt = now;
                    }
                    for (Iterator<Map.Entry<String, Sample>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                        Map.Entry<String, Sample> e = it.next();
                        if (nowExposed.contains(e.getKey()) == e.getValue().present()) {
                            latencies.add(new Latency(e.getValue().change(), e.getValue().present(), (now - e.getValue().writtenAt()) / 1e6));
                            it.remove();
                        }
                    }
                }
                long c = timer.count();
                if (c > count) {
                    LockSupport.parkNanos(1_000_000); // the timer adds the count before the time
                    double t = timer.totalTime(TimeUnit.NANOSECONDS);
                    for (long i = count; i < c; i++) {
                        audits.add(new double[] {now, (t - total) / (c - count) / 1e6});
                    }
                    count = c;
                    total = t;
                }
                if (now - drained > 1_000_000_000L) {
                    forgetRecordedRequests();
                    drained = now;
                }
                LockSupport.parkNanos(2_000_000);
            }
        }

        /** The first outcome (from now on, or the latest) whose findings equal {@code expected}; null on timeout. */
        Seen awaitOutcome(List<String> expected, long deadline) {
            Seen checked = null;
            while (System.nanoTime() < deadline) {
                Seen s = latest;
                if (s != null && s != checked) {
                    if (verdicts(s.outcome()).equals(expected)) {
                        return s;
                    }
                    checked = s;
                }
                LockSupport.parkNanos(5_000_000);
            }
            return null;
        }
    }

    private static Set<String> exposedDatastores(PolicyOutcome o) {
        return o.reported().stream().filter(d -> EXPOSED.equals(d.finding().rule().id()) && d.finding().datastore() != null)
                .map(d -> d.finding().datastore().namespace() + "/" + d.finding().datastore().name()).collect(Collectors.toSet());
    }

    private String detection() {
        List<Latency> all;
        synchronized (latencies) {
            all = List.copyOf(latencies);
        }
        if (all.isEmpty()) {
            return "no samples";
        }
        double[] ms = all.stream().mapToDouble(Latency::ms).sorted().toArray();
        double[] opened = all.stream().filter(Latency::present).mapToDouble(Latency::ms).sorted().toArray();
        double[] closed = all.stream().filter(l -> !l.present()).mapToDouble(Latency::ms).sorted().toArray();
        Map<String, Long> byChange = all.stream().collect(Collectors.groupingBy(Latency::change, TreeMap::new, Collectors.counting()));
        return String.format("%d samples %s: p50 %,.0f / p95 %,.0f / p99 %,.0f / max %,.0f ms (opened p50 %,.0f ms over %d, closed p50 %,.0f ms over %d)",
                ms.length, byChange, percentile(ms, 50), percentile(ms, 95), percentile(ms, 99), ms[ms.length - 1],
                percentile(opened, 50), opened.length, percentile(closed, 50), closed.length);
    }

    /** The requests that took the most server time between two counter snapshots, as "METHOD plural status n (mean ms)". */
    private static String busiest(Map<String, long[]> before, Map<String, long[]> after, int top) {
        return after.entrySet().stream()
                .map(e -> {
                    long[] b = before.getOrDefault(e.getKey(), new long[2]);
                    return Map.entry(e.getKey(), new long[] {e.getValue()[0] - b[0], e.getValue()[1] - b[1]});
                })
                .filter(e -> e.getValue()[0] > 0)
                .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
                .limit(top)
                .map(e -> String.format("%s %,d (%.1f ms)", e.getKey(), e.getValue()[0], e.getValue()[1] / 1e6 / e.getValue()[0]))
                .collect(Collectors.joining(", "));
    }

    /** Nearest-rank percentile of sorted values; NaN when there are none. */
    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    // ---- correctness ----

    /** Everything the audit reads, listed from the API server now, through the same pipeline the audit runs. */
    private PolicyOutcome freshAssessment() {
        List<HasMetadata> objects = new ArrayList<>();
        objects.addAll(api.services().inAnyNamespace().list().getItems());
        objects.addAll(api.network().v1().ingresses().inAnyNamespace().list().getItems());
        objects.addAll(api.pods().inAnyNamespace().list().getItems());
        objects.addAll(api.apps().deployments().inAnyNamespace().list().getItems());
        objects.addAll(api.apps().statefulSets().inAnyNamespace().list().getItems());
        objects.addAll(api.apps().daemonSets().inAnyNamespace().list().getItems());
        objects.addAll(api.apps().replicaSets().inAnyNamespace().list().getItems());
        objects.addAll(api.replicationControllers().inAnyNamespace().list().getItems());
        objects.addAll(api.batch().v1().jobs().inAnyNamespace().list().getItems());
        objects.addAll(api.batch().v1().cronjobs().inAnyNamespace().list().getItems());
        objects.addAll(api.configMaps().inAnyNamespace().list().getItems());
        objects.addAll(api.network().v1().networkPolicies().inAnyNamespace().list().getItems());
        objects.addAll(api.namespaces().list().getItems());
        objects.addAll(api.genericKubernetesResources(ES).inAnyNamespace().list().getItems());
        List<ExposurePolicy> policies = listOrEmpty(() -> api.resources(ExposurePolicy.class).list().getItems());
        List<ExposureException> exceptions = listOrEmpty(() -> api.resources(ExposureException.class).inAnyNamespace().list().getItems());
        return new Assessor(ExposureEngine.standard()).assess(objects, policies, exceptions, "exposure-guard",
                namespaceLabels(objects), Instant.now()).outcome();
    }

    private static PolicyOutcome assess(List<HasMetadata> objects, Map<String, Map<String, String>> namespaceLabels) {
        return new Assessor(ExposureEngine.standard()).assess(objects, List.of(), List.of(), "exposure-guard", namespaceLabels,
                Instant.now()).outcome();
    }

    private static <T> List<T> listOrEmpty(java.util.function.Supplier<List<T>> list) {
        try {
            return list.get();
        } catch (KubernetesClientException e) {
            return List.of();
        }
    }

    private static Map<String, Map<String, String>> namespaceLabels(List<HasMetadata> objects) {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (HasMetadata o : objects) {
            if (o instanceof Namespace ns) {
                out.put(ns.getMetadata().getName(), ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels());
            }
        }
        return out;
    }

    /** Reported findings as comparable text: rule, severity, resource, datastore, action; sorted. */
    private static List<String> verdicts(PolicyOutcome o) {
        return o == null ? List.of() : o.reported().stream().map(ChurnBench::verdict).sorted().toList();
    }

    private static String verdict(Decision d) {
        return d.finding().rule().id() + " " + d.finding().severity().label() + " " + d.finding().resource().display()
                + " [" + d.finding().datastore() + "] " + d.action().label();
    }

    private int mismatch(String when, List<String> expected) {
        List<String> operator = verdicts(audit.lastOutcome());
        List<String> missing = minus(expected, operator);
        List<String> extra = minus(operator, expected);
        System.out.printf("correctness: MISMATCH %s: the operator reports %,d findings, the API server's objects give %,d%n",
                when, operator.size(), expected.size());
        System.out.printf("  missing from the operator (%d):%n", missing.size());
        missing.stream().limit(25).forEach(v -> System.out.println("    " + v));
        System.out.printf("  reported by the operator only (%d):%n", extra.size());
        extra.stream().limit(25).forEach(v -> System.out.println("    " + v));
        return 1;
    }

    /** Multiset difference a - b of sorted lists. */
    private static List<String> minus(List<String> a, List<String> b) {
        Map<String, Integer> left = new HashMap<>();
        b.forEach(v -> left.merge(v, 1, Integer::sum));
        List<String> out = new ArrayList<>();
        for (String v : a) {
            if (left.getOrDefault(v, 0) > 0) {
                left.merge(v, -1, Integer::sum);
            } else {
                out.add(v);
            }
        }
        return out;
    }

    // ---- process figures ----

    /** Used heap after full collections, once the mock server's log of every request it served is emptied. */
    private long usedHeapAfterGc() throws InterruptedException {
        forgetRecordedRequests();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The mock server keeps every request it served, bodies included, for tests to inspect: not the operator's memory. */
    private void forgetRecordedRequests() {
        try {
            while (mock.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
                // discard
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A size line of /proc/self/status (VmRSS: resident now, VmHWM: peak), in MiB; NaN where there is no procfs. */
    private static double rssMiB(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** The 1, 5 and 15 minute load averages: other work on the machine shows here. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2] + " (1/5/15 min)";
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    private static long threadId(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> name.equals(t.getName())).mapToLong(Thread::getId)
                .findFirst().orElse(-1);
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
