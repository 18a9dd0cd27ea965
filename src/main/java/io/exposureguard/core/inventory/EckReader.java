package io.exposureguard.core.inventory;

import io.exposureguard.core.datastore.AuthState;
import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.datastore.EnvValue;
import io.exposureguard.core.datastore.Settings;
import io.exposureguard.core.datastore.auth.ElasticsearchSecurity;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.model.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads ECK's {@code Elasticsearch} (elasticsearch.k8s.elastic.co/v1) and {@code Kibana}
 * (kibana.k8s.elastic.co/v1). ECK turns Elasticsearch security on, but a user's nodeSet config or env can
 * turn it off (ECK only warns) and anonymous access is accepted silently. ECK names the HTTP Services
 * {@code <name>-es-http} / {@code <name>-kb-http} and labels the pods it runs.
 */
final class EckReader {

    static final String TYPE_LABEL = "common.k8s.elastic.co/type";
    static final String ES_CLUSTER_LABEL = "elasticsearch.k8s.elastic.co/cluster-name";
    static final String KB_NAME_LABEL = "kibana.k8s.elastic.co/name";
    private static final int ES_HTTP_PORT = 9200;
    private static final int ES_TRANSPORT_PORT = 9300;
    private static final int KB_PORT = 5601;

    private EckReader() {
    }

    static CustomResourceReading elasticsearch(ObjectRef ref, Tree root) {
        Tree spec = root.map("spec");
        Tree http = spec.map("http");
        Optional<String> plaintext = plaintext(http);
        String portName = plaintext.isPresent() ? "http" : "https";
        AuthVerdict auth = elasticsearchAuth(ref, spec);
        Map<String, String> selector = Map.of(TYPE_LABEL, "elasticsearch", ES_CLUSTER_LABEL, ref.name());
        List<Datastore> datastores = new ArrayList<>();
        for (Tree nodeSet : spec.maps("nodeSets")) {
            Map<String, String> labels = new LinkedHashMap<>(nodeSet.path("podTemplate", "metadata").stringMap("labels"));
            labels.putAll(selector);
            String setName = nodeSet.string("name").orElse("default");
            labels.put("elasticsearch.k8s.elastic.co/statefulset-name", ref.name() + "-es-" + setName);
            datastores.add(new Datastore(ref, DatastoreKind.ELASTICSEARCH, "nodeSet " + setName + " of " + ref.display(),
                    labels, List.of(DataPort.of(ES_HTTP_PORT, portName), DataPort.of(ES_TRANSPORT_PORT, "transport")),
                    auth, plaintext, hostNetwork(nodeSet.path("podTemplate", "spec"))));
        }
        ServiceView service = GeneratedServices.fromTemplate(ref.namespace(), ref.name() + "-es-http",
                http.map("service"), selector, ES_HTTP_PORT, portName, ref, "spec.http.service.spec");
        return new CustomResourceReading(datastores, List.of(service));
    }

    static CustomResourceReading kibana(ObjectRef ref, Tree root, Map<String, AuthVerdict> elasticsearchAuth) {
        Tree spec = root.map("spec");
        Tree http = spec.map("http");
        Optional<String> plaintext = plaintext(http);
        String portName = plaintext.isPresent() ? "http" : "https";
        Map<String, String> selector = Map.of(TYPE_LABEL, "kibana", KB_NAME_LABEL, ref.name());
        Map<String, String> labels = new LinkedHashMap<>(spec.path("podTemplate", "metadata").stringMap("labels"));
        labels.putAll(selector);
        Datastore kibana = new Datastore(ref, DatastoreKind.KIBANA, ref.display(), labels,
                List.of(DataPort.of(KB_PORT, portName)), kibanaAuth(ref, spec, elasticsearchAuth), plaintext,
                hostNetwork(spec.path("podTemplate", "spec")));
        ServiceView service = GeneratedServices.fromTemplate(ref.namespace(), ref.name() + "-kb-http",
                http.map("service"), selector, KB_PORT, portName, ref, "spec.http.service.spec");
        return new CustomResourceReading(List.of(kibana), List.of(service));
    }

    /** Key for {@link #kibana}'s lookup of the Elasticsearch it connects to. */
    static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    private static AuthVerdict elasticsearchAuth(ObjectRef ref, Tree spec) {
        String fixOff = "remove xpack.security.enabled: false from the nodeSet config and podTemplate env of " + ref.display()
                + " (ECK then enables security with a generated elastic user)";
        List<AuthVerdict> anonymous = new ArrayList<>();
        for (Tree nodeSet : spec.maps("nodeSets")) {
            String setName = nodeSet.string("name").orElse("?");
            Map<String, String> config = Settings.flatten(nodeSet.map("config").raw());
            String where = "nodeSet " + setName + " config";
            Optional<AuthVerdict> off = ElasticsearchSecurity.disabled(config, where, fixOff)
                    .or(() -> ElasticsearchSecurity.disabled(containerEnvSettings(nodeSet, "elasticsearch"),
                            "nodeSet " + setName + " podTemplate env", fixOff));
            if (off.isPresent()) {
                return off.get();
            }
            ElasticsearchSecurity.anonymous(config, where,
                    ElasticsearchSecurity.anonymousFix(where + " of " + ref.display())).ifPresent(anonymous::add);
        }
        return anonymous.stream().max(Comparator.comparing(AuthVerdict::weakness))
                .orElse(AuthVerdict.on(ref.display() + ": ECK enables Elasticsearch security"));
    }

    private static AuthVerdict kibanaAuth(ObjectRef ref, Tree spec, Map<String, AuthVerdict> elasticsearchAuth) {
        Map<String, String> config = Settings.flatten(spec.map("config").raw());
        boolean anonymousProvider = config.keySet().stream()
                .anyMatch(k -> k.startsWith("xpack.security.authc.providers.anonymous"));
        if (anonymousProvider) {
            return AuthVerdict.anonymous(Severity.HIGH, ref.display()
                            + " config enables the anonymous login provider (xpack.security.authc.providers.anonymous)",
                    "remove xpack.security.authc.providers.anonymous from spec.config of " + ref.display());
        }
        Tree esRef = spec.map("elasticsearchRef");
        Optional<String> esName = esRef.string("name");
        if (esName.isEmpty()) {
            return AuthVerdict.unknown(ref.display() + " has no elasticsearchRef; its login depends on an"
                    + " Elasticsearch outside the input", "point Kibana at an Elasticsearch with security enabled");
        }
        String esNamespace = esRef.string("namespace").orElse(ref.namespace());
        AuthVerdict es = elasticsearchAuth.get(key(esNamespace, esName.get()));
        if (es != null && es.state() == AuthState.OFF) {
            return AuthVerdict.off(ref.display() + " uses Elasticsearch " + esNamespace + "/" + esName.get()
                    + ", whose security is disabled, so Kibana serves without a login", es.fix());
        }
        return AuthVerdict.on(ref.display() + " requires a login (ECK connects it to Elasticsearch "
                + esNamespace + "/" + esName.get() + ")");
    }

    private static Optional<String> plaintext(Tree http) {
        boolean disabled = http.path("tls", "selfSignedCertificate").bool("disabled").orElse(false);
        boolean ownCertificate = http.path("tls", "certificate").has("secretName");
        if (disabled && !ownCertificate) {
            return Optional.of("spec.http.tls.selfSignedCertificate.disabled: true: HTTP is served without TLS,"
                    + " so credentials and data cross the network in plaintext");
        }
        return Optional.empty();
    }

    private static Map<String, String> containerEnvSettings(Tree nodeSet, String containerName) {
        Map<String, EnvValue> env = new HashMap<>();
        for (Tree container : nodeSet.path("podTemplate", "spec").maps("containers")) {
            if (containerName.equals(container.string("name").orElse(""))) {
                for (Tree var : container.maps("env")) {
                    var.string("name").ifPresent(n -> env.put(n, EnvValue.literal(var.string("value").orElse(""))));
                }
            }
        }
        return Settings.fromEnv(env);
    }

    static boolean hostNetwork(Tree podSpec) {
        return podSpec.bool("hostNetwork").orElse(false);
    }
}
