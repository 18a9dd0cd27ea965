package io.exposureguard.core.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.datastore.EnvValue;
import io.exposureguard.core.datastore.Settings;
import io.exposureguard.core.datastore.auth.ElasticsearchSecurity;
import io.exposureguard.core.inventory.CustomResourceReading;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ECK's {@code Elasticsearch} (elasticsearch.k8s.elastic.co/v1). ECK turns security on, but a nodeSet's config or
 * its podTemplate env can turn it off (ECK only warns), and anonymous access is accepted silently. Each nodeSet is a
 * datastore on the pods ECK labels; ECK generates the {@code <name>-es-http} Service from {@code spec.http.service}.
 * The fix removes the settings that turn security off or grant anonymous access, and the TLS opt-out.
 */
public final class EckElasticsearch implements DatastoreResourceKind {

    public static final String GROUP = "elasticsearch.k8s.elastic.co";
    static final String CLUSTER_LABEL = "elasticsearch.k8s.elastic.co/cluster-name";
    private static final int HTTP_PORT = 9200;
    private static final int TRANSPORT_PORT = 9300;
    private static final String CONTAINER = "elasticsearch";

    @Override
    public String kind() {
        return "Elasticsearch";
    }

    @Override
    public List<String> groups() {
        return List.of(GROUP);
    }

    @Override
    public List<String> versions() {
        return List.of("v1");
    }

    @Override
    public String plural() {
        return "elasticsearches";
    }

    @Override
    public String generatedServices() {
        return "`<name>-es-http` (from spec.http.service)";
    }

    @Override
    public String ownSettingsFix() {
        return "removes " + ElasticsearchSecurity.ENABLED + ": false (nodeSet config and podTemplate env), "
                + ElasticsearchSecurity.ANONYMOUS + ".* and spec.http.tls.selfSignedCertificate.disabled;"
                + " closes spec.http.service";
    }

    @Override
    public boolean fixesOwnSettings() {
        return true;
    }

    /** A reference to the Elasticsearch of that name (how Kibana names the one it connects to). */
    public static ObjectRef ref(String namespace, String name) {
        return ObjectRef.of(GROUP + "/v1", "Elasticsearch", namespace, name);
    }

    @Override
    public CustomResourceReading read(ObjectRef ref, Tree root, ReadContext context) {
        Tree spec = root.map("spec");
        Tree http = spec.map("http");
        Optional<String> plaintext = EckHttp.plaintext(http);
        String portName = EckHttp.portName(plaintext);
        AuthVerdict auth = auth(ref, spec);
        Map<String, String> selector = Map.of(EckHttp.TYPE_LABEL, "elasticsearch", CLUSTER_LABEL, ref.name());
        List<Datastore> datastores = new ArrayList<>();
        for (Tree nodeSet : spec.maps("nodeSets")) {
            Map<String, String> labels = new LinkedHashMap<>(nodeSet.path("podTemplate", "metadata").stringMap("labels"));
            labels.putAll(selector);
            String setName = nodeSet.string("name").orElse("default");
            labels.put("elasticsearch.k8s.elastic.co/statefulset-name", ref.name() + "-es-" + setName);
            datastores.add(new Datastore(ref, DatastoreKind.ELASTICSEARCH, "nodeSet " + setName + " of " + ref.display(),
                    labels, List.of(DataPort.of(HTTP_PORT, portName), DataPort.of(TRANSPORT_PORT, "transport")),
                    auth, plaintext, EckHttp.hostNetwork(nodeSet.path("podTemplate", "spec"))));
        }
        ServiceView service = EckHttp.service(ref, http, "es", selector, HTTP_PORT, portName);
        return new CustomResourceReading(datastores, List.of(service));
    }

    private static AuthVerdict auth(ObjectRef ref, Tree spec) {
        String fixOff = "remove " + ElasticsearchSecurity.ENABLED + ": false from the nodeSet config and podTemplate env of "
                + ref.display() + " (ECK then enables security with a generated elastic user)";
        List<AuthVerdict> anonymous = new ArrayList<>();
        for (Tree nodeSet : spec.maps("nodeSets")) {
            String setName = nodeSet.string("name").orElse("?");
            Map<String, String> config = Settings.flatten(nodeSet.map("config").raw());
            String where = "nodeSet " + setName + " config";
            Optional<AuthVerdict> off = ElasticsearchSecurity.disabled(config, where, fixOff)
                    .or(() -> ElasticsearchSecurity.disabled(envSettings(nodeSet),
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

    /** The settings the elasticsearch container's env passes. */
    private static Map<String, String> envSettings(Tree nodeSet) {
        Map<String, EnvValue> env = new HashMap<>();
        for (Tree container : nodeSet.path("podTemplate", "spec").maps("containers")) {
            if (CONTAINER.equals(container.string("name").orElse(""))) {
                for (Tree var : container.maps("env")) {
                    var.string("name").ifPresent(n -> env.put(n, EnvValue.literal(var.string("value").orElse(""))));
                }
            }
        }
        return Settings.fromEnv(env);
    }

    @Override
    public boolean enableAuthentication(ObjectNode object) {
        if (!(object.path("spec") instanceof ObjectNode spec)) {
            return false;
        }
        boolean changed = EckHttp.enableTls(spec);
        for (JsonNode nodeSet : spec.path("nodeSets")) {
            if (nodeSet.path("config") instanceof ObjectNode config) {
                changed |= SettingsEdits.removeSettings(config, (key, value) ->
                        (key.equals(ElasticsearchSecurity.ENABLED) && Settings.isFalse(value.asText()))
                                || key.startsWith(ElasticsearchSecurity.ANONYMOUS));
            }
            for (JsonNode container : nodeSet.path("podTemplate").path("spec").path("containers")) {
                if (container.path("env") instanceof ArrayNode env) {
                    changed |= SettingsEdits.removeIf(env, EckElasticsearch::turnsSecurityOff);
                }
            }
        }
        return changed;
    }

    /** An env entry the reader takes as {@code xpack.security.enabled: false} (read the same way, so fixed the same way). */
    private static boolean turnsSecurityOff(JsonNode var) {
        Map<String, String> settings = Settings.fromEnv(Map.of(var.path("name").asText(), EnvValue.literal(var.path("value").asText())));
        return Settings.isFalse(settings.get(ElasticsearchSecurity.ENABLED));
    }

    @Override
    public Optional<ObjectNode> generatedServiceSettings(ObjectNode object) {
        return EckHttp.serviceSettings(object);
    }
}
