package io.exposureguard.core.kinds;

import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.datastore.MinioModule;
import io.exposureguard.core.inventory.ConfigLookup;
import io.exposureguard.core.inventory.CustomResourceReading;
import io.exposureguard.core.inventory.InvalidFieldException;
import io.exposureguard.core.inventory.ServicePortView;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MinIO operator's {@code Tenant} (minio.min.io/v2), as the operator builds it (pkg/resources/services/service.go,
 * pkg/resources/statefulsets/minio-statefulset.go, pkg/controller/tenants.go). Each pool of {@code spec.pools[]} is a
 * datastore on the operator's labels ({@code v1.min.io/tenant: <name>}, {@code v1.min.io/console: <name>-console},
 * {@code v1.min.io/pool}), serving the S3 API on 9000 and the console on 9090 (9443 with TLS). The root credentials
 * are MINIO_ROOT_USER/MINIO_ROOT_PASSWORD (or the older MINIO_ACCESS_KEY/MINIO_SECRET_KEY) of {@code spec.env},
 * overridden by the {@code config.env} of the {@code spec.configuration} Secret; the operator starts no tenant
 * without them, so authentication is on unless the env or the Secret (when it is in the input: the operator reads
 * Secrets only with readSecrets) sets a well-known
 * password ({@code minioadmin}, or {@code minio123} of the operator's examples). TLS is on unless
 * {@code requestAutoCert: false} without {@code externalCertSecret}. {@code spec.exposeServices.minio} makes the
 * {@code minio} Service (80, 443 with TLS, to 9000) a LoadBalancer and {@code .console} the {@code <name>-console}
 * one; neither has source ranges. Nothing of the Tenant turns authentication on (the password is in a Secret), so
 * the entry is closed instead.
 */
public final class MinioTenant implements DatastoreResourceKind {

    static final String TENANT_LABEL = "v1.min.io/tenant";
    private static final int MINIO_PORT = 9000;
    private static final int MAX_SERVERS = 1000;
    private static final String CONFIG_KEY = "config.env";
    private static final String FROM_REFERENCE = "\0valueFrom";

    @Override
    public String kind() {
        return "Tenant";
    }

    @Override
    public List<String> groups() {
        return List.of("minio.min.io");
    }

    @Override
    public List<String> versions() {
        return List.of("v2");
    }

    @Override
    public String plural() {
        return "tenants";
    }

    @Override
    public String generatedServices() {
        return "`minio` (S3 API) and `<name>-console`: LoadBalancer with spec.exposeServices.minio and .console, else ClusterIP";
    }

    @Override
    public String ownSettingsFix() {
        return "none (the root password is in the spec.configuration Secret; the entry in front is closed instead)";
    }

    @Override
    public boolean fixesOwnSettings() {
        return false;
    }

    @Override
    public CustomResourceReading read(ObjectRef ref, Tree root, ReadContext context) {
        ServedVersions.require(this, ref);
        Tree spec = root.map("spec");
        boolean tls = spec.bool("requestAutoCert").orElse(true) || !spec.maps("externalCertSecret").isEmpty();
        int consolePort = tls ? 9443 : 9090;
        AuthVerdict auth = auth(ref, spec, context);
        Optional<String> plaintext = tls ? Optional.empty() : Optional.of(ref.display()
                + ": spec.requestAutoCert: false without externalCertSecret: MinIO serves HTTP, so credentials cross the network in plaintext");
        List<Datastore> datastores = new ArrayList<>();
        for (Tree pool : spec.maps("pools")) {
            String name = pool.string("name").orElseThrow(() -> new InvalidFieldException(pool.pathText() + ".name: missing"));
            int servers = pool.integer("servers").orElseThrow(() -> new InvalidFieldException(pool.pathText() + ".servers: missing"));
            if (servers < 0 || servers > MAX_SERVERS) {
                throw new InvalidFieldException(pool.pathText() + ".servers: expected 0 to " + MAX_SERVERS);
            }
            Map<String, String> labels = new LinkedHashMap<>(spec.map("poolsMetadata").stringMap("labels"));
            labels.putAll(pool.stringMap("labels"));
            labels.put(TENANT_LABEL, ref.name());
            labels.put("v1.min.io/console", ref.name() + "-console");
            labels.put("v1.min.io/pool", name);
            datastores.add(new Datastore(ref, DatastoreKind.MINIO, "pool " + name + " of " + ref.display(), labels,
                    List.of(DataPort.of(MINIO_PORT, "minio-port"), DataPort.of(consolePort, "console-port")), auth, plaintext, false));
        }
        Tree expose = spec.map("exposeServices");
        Tree metadata = spec.map("serviceMetadata");
        Map<String, String> selector = Map.of(TENANT_LABEL, ref.name());
        List<ServiceView> services = new ArrayList<>();
        service(ref, "minio", expose.bool("minio").orElse(false), metadata.stringMap("minioServiceAnnotations"), selector,
                new ServicePortView(tls ? "https-minio" : "http-minio", tls ? 443 : 80, MINIO_PORT, null, 0), "minio")
                .ifPresent(services::add);
        service(ref, ref.name() + "-console", expose.bool("console").orElse(false), metadata.stringMap("consoleServiceAnnotations"),
                selector, new ServicePortView(tls ? "https-console" : "http-console", consolePort, consolePort, null, 0), "console")
                .ifPresent(services::add);
        return new CustomResourceReading(datastores, services);
    }

    private static Optional<ServiceView> service(ObjectRef ref, String name, boolean exposed, Map<String, String> annotations,
                                                 Map<String, String> selector, ServicePortView port, String flag) {
        return PublishedService.of(ref, name, exposed ? "LoadBalancer" : "ClusterIP", annotations, selector, port, List.of(), null,
                        "spec.exposeServices")
                .map(s -> s.withCloseFix("set spec.exposeServices." + flag + ": false on " + ref.display()
                        + ", or make it internal with a load-balancer annotation in spec.serviceMetadata." + flag + "ServiceAnnotations"));
    }

    private static AuthVerdict auth(ObjectRef ref, Tree spec, ReadContext context) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Tree e : spec.maps("env")) {
            String name = e.string("name").orElseThrow(() -> new InvalidFieldException(e.pathText() + ".name: missing"));
            // A value from a Secret is set, but not a value seen here.
            env.put(name, e.has("valueFrom") ? FROM_REFERENCE : e.string("value").orElse(""));
        }
        String from = "spec.env";
        Optional<String> secretName = spec.map("configuration").string("name");
        boolean partial = false;
        if (secretName.isPresent()) {
            Optional<ConfigLookup.Source> secret = context.secret(ref.namespace(), secretName.get());
            Optional<String> config = secret.map(s -> s.data().get(CONFIG_KEY));
            if (config.isEmpty()) {
                return AuthVerdict.on(ref.display() + ": the root credentials come from " + CONFIG_KEY + " of Secret " + secretName.get()
                        + (secret.isEmpty() ? " (not in the input, or Secrets are not read)" : " (which holds no config.env here)")
                        + ", and the MinIO operator starts no tenant without them");
            }
            // A config.env the cache kept only in part: a well-known password seen is off, anything else stays on.
            partial = secret.get().omissions().tooLarge().contains(CONFIG_KEY);
            env.putAll(configEnv(config.get()));
            from = CONFIG_KEY + " of Secret " + secretName.get();
        }
        String password = env.getOrDefault("MINIO_ROOT_PASSWORD", env.get("MINIO_SECRET_KEY"));
        if (password != null && password.isEmpty()) {
            password = null;
        }
        if (password != null && MinioModule.wellKnownPassword(password)) {
            return AuthVerdict.off(ref.display() + ": " + from + " sets the root password to MinIO's well-known '" + password + "'",
                    "set MINIO_ROOT_PASSWORD in " + from + " to a secret value, not a published default");
        }
        return AuthVerdict.on(ref.display() + ": " + (partial ? from + " is not readable in full here; the MinIO operator starts no"
                + " tenant without root credentials" : password == null
                ? "no root password in " + from + ": the MinIO operator starts no tenant without root credentials"
                : from + " sets the root password"));
    }

    /** The {@code KEY=value} lines of a config.env ({@code export} and quotes as the operator's parser drops them). */
    private static Map<String, String> configEnv(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String entry = line.trim().replaceFirst("^export\\s+", "");
            int eq = entry.indexOf('=');
            if (entry.isEmpty() || entry.startsWith("#") || eq <= 0) {
                continue;
            }
            String value = entry.substring(eq + 1).trim();
            if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'') && value.endsWith(value.substring(0, 1))) {
                value = value.substring(1, value.length() - 1);
            }
            out.put(entry.substring(0, eq).trim(), value);
        }
        return out;
    }
}
