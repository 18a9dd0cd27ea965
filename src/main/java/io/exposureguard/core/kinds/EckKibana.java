package io.exposureguard.core.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exposureguard.core.datastore.AuthState;
import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.datastore.Settings;
import io.exposureguard.core.inventory.CustomResourceReading;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.model.Severity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ECK's {@code Kibana} (kibana.k8s.elastic.co/v1). Kibana asks for the login of the Elasticsearch it connects to
 * ({@code spec.elasticsearchRef}), so its auth is that Elasticsearch's (asked through the read context), unless its
 * config enables the anonymous login provider. ECK generates the {@code <name>-kb-http} Service. The fix removes
 * the anonymous provider and the TLS opt-out.
 */
public final class EckKibana implements DatastoreResourceKind {

    static final String NAME_LABEL = "kibana.k8s.elastic.co/name";
    static final String ANONYMOUS_PROVIDER = "xpack.security.authc.providers.anonymous";
    private static final int PORT = 5601;

    @Override
    public String kind() {
        return "Kibana";
    }

    @Override
    public List<String> groups() {
        return List.of("kibana.k8s.elastic.co");
    }

    @Override
    public List<String> versions() {
        return List.of("v1");
    }

    @Override
    public String plural() {
        return "kibanas";
    }

    @Override
    public String generatedServices() {
        return "`<name>-kb-http` (from spec.http.service)";
    }

    @Override
    public String ownSettingsFix() {
        return "removes " + ANONYMOUS_PROVIDER + ".* and spec.http.tls.selfSignedCertificate.disabled; closes spec.http.service";
    }

    @Override
    public boolean fixesOwnSettings() {
        return true;
    }

    @Override
    public CustomResourceReading read(ObjectRef ref, Tree root, ReadContext context) {
        Tree spec = root.map("spec");
        Tree http = spec.map("http");
        Optional<String> plaintext = EckHttp.plaintext(http);
        String portName = EckHttp.portName(plaintext);
        Map<String, String> selector = Map.of(EckHttp.TYPE_LABEL, "kibana", NAME_LABEL, ref.name());
        Map<String, String> labels = new LinkedHashMap<>(spec.path("podTemplate", "metadata").stringMap("labels"));
        labels.putAll(selector);
        Datastore kibana = new Datastore(ref, DatastoreKind.KIBANA, ref.display(), labels,
                List.of(DataPort.of(PORT, portName)), auth(ref, spec, context), plaintext,
                EckHttp.hostNetwork(spec.path("podTemplate", "spec")));
        ServiceView service = EckHttp.service(ref, http, "kb", selector, PORT, portName);
        return new CustomResourceReading(List.of(kibana), List.of(service));
    }

    private static AuthVerdict auth(ObjectRef ref, Tree spec, ReadContext context) {
        Map<String, String> config = Settings.flatten(spec.map("config").raw());
        if (config.keySet().stream().anyMatch(k -> k.startsWith(ANONYMOUS_PROVIDER))) {
            return AuthVerdict.anonymous(Severity.HIGH, ref.display()
                            + " config enables the anonymous login provider (" + ANONYMOUS_PROVIDER + ")",
                    "remove " + ANONYMOUS_PROVIDER + " from spec.config of " + ref.display());
        }
        Tree esRef = spec.map("elasticsearchRef");
        Optional<String> esName = esRef.string("name");
        if (esName.isEmpty()) {
            return AuthVerdict.unknown(ref.display() + " has no elasticsearchRef; its login depends on an"
                    + " Elasticsearch outside the input", "point Kibana at an Elasticsearch with security enabled");
        }
        String esNamespace = esRef.string("namespace").orElse(ref.namespace());
        Optional<AuthVerdict> es = context.reading(EckElasticsearch.ref(esNamespace, esName.get()))
                .flatMap(r -> r.datastores().stream().findFirst()).map(Datastore::auth);
        if (es.isPresent() && es.get().state() == AuthState.OFF) {
            return AuthVerdict.off(ref.display() + " uses Elasticsearch " + esNamespace + "/" + esName.get()
                    + ", whose security is disabled, so Kibana serves without a login", es.get().fix());
        }
        return AuthVerdict.on(ref.display() + " requires a login (ECK connects it to Elasticsearch "
                + esNamespace + "/" + esName.get() + ")");
    }

    @Override
    public boolean enableAuthentication(ObjectNode object) {
        if (!(object.path("spec") instanceof ObjectNode spec)) {
            return false;
        }
        boolean changed = EckHttp.enableTls(spec);
        if (spec.path("config") instanceof ObjectNode config) {
            changed |= SettingsEdits.removeSettings(config, (key, value) -> key.startsWith(ANONYMOUS_PROVIDER));
        }
        return changed;
    }

    @Override
    public Optional<ObjectNode> generatedServiceSettings(ObjectNode object) {
        return EckHttp.serviceSettings(object);
    }
}
