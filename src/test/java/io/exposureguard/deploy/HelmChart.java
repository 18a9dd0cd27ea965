package io.exposureguard.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Test helper: the chart in deploy/helm/exposure-guard rendered by real Helm (helm-java's native library), as
 * Fabric8 objects. Values are given as dotted keys ({@code "webhook.tls.mode" -> "cert-manager"}) and passed in
 * a values file, so lists and booleans keep their YAML types.
 */
public final class HelmChart {

    public static final Path DIR = Path.of("deploy", "helm", "exposure-guard");
    public static final String RELEASE = "exposure-guard";
    /** The Kubernetes the chart is rendered for: the oldest it supports (Chart.yaml kubeVersion). */
    public static final String KUBE_VERSION = "1.28.0";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private HelmChart() {
    }

    public static LintResult lint() {
        return new Helm(DIR).lint().strict().call();
    }

    /** {@code helm template exposure-guard deploy/helm/exposure-guard -n <namespace> -f <values> --kube-version 1.28.0}. */
    public static Rendered render(String namespace, Map<String, ?> values) {
        return render(namespace, values, KUBE_VERSION);
    }

    /** As {@link #render(String, Map)}, for a cluster of the given Kubernetes version. */
    public static Rendered render(String namespace, Map<String, ?> values, String kubeVersion) {
        Path file = valuesFile(values);
        try {
            String text = new Helm(DIR).template().withName(RELEASE).withNamespace(namespace).withValuesFile(file)
                    .withKubeVersion(kubeVersion).call();
            return new Rendered(namespace, text, parse(text));
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temp file left behind is harmless
            }
        }
    }

    public static Rendered render(String namespace) {
        return render(namespace, Map.of());
    }

    private static List<HasMetadata> parse(String text) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : text.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"))) {
                continue;
            }
            Object parsed = SERIALIZATION.unmarshal(document);
            objects.add((HasMetadata) parsed);
        }
        return objects;
    }

    /** Dotted keys to a nested map, written as YAML to a temporary values file. */
    @SuppressWarnings("unchecked")
    private static Path valuesFile(Map<String, ?> values) {
        Map<String, Object> tree = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            String[] parts = key.split("\\.");
            Map<String, Object> node = tree;
            for (int i = 0; i < parts.length - 1; i++) {
                node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
            }
            node.put(parts[parts.length - 1], value);
        });
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        try {
            Path file = Files.createTempFile("exposure-guard-values", ".yaml");
            Files.writeString(file, new Yaml(options).dump(tree));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rendered manifests of one release. */
    public record Rendered(String namespace, String text, List<HasMetadata> objects) {

        public <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        /** The single object of a type; fails when there is none or more than one. */
        public <T extends HasMetadata> T one(Class<T> type) {
            List<T> found = all(type);
            if (found.size() != 1) {
                throw new AssertionError("expected one " + type.getSimpleName() + ", rendered " + found.size() + ": " + kinds());
            }
            return found.get(0);
        }

        /** Objects whose Java model Fabric8 does not have (cert-manager, Prometheus Operator, our own CRDs). */
        public List<GenericKubernetesResource> ofKind(String kind) {
            return all(GenericKubernetesResource.class).stream().filter(o -> Objects.equals(kind, o.getKind())).toList();
        }

        public List<String> kinds() {
            return objects.stream().map(HasMetadata::getKind).toList();
        }
    }
}
