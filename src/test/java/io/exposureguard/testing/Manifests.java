package io.exposureguard.testing;

import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.cli.manifest.LoadResult;
import io.exposureguard.cli.manifest.LoadedObject;
import io.exposureguard.cli.manifest.ManifestReader;
import io.exposureguard.core.model.EvaluationResult;
import io.exposureguard.core.model.Finding;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helper: YAML text in, engine result out, the way the scan CLI does it. */
public final class Manifests {

    private Manifests() {
    }

    public static List<HasMetadata> objects(String yaml) {
        LoadResult loaded = new ManifestReader().read("test.yaml", yaml);
        assertThat(loaded.errors()).as("test manifests must load").isEmpty();
        return loaded.objects().stream().map(LoadedObject::object).toList();
    }

    /**
     * The objects as the operator's informers deliver them: entry-side and other custom kinds as generic resources
     * (whatever their fields hold, as the API server stored them), the built-in kinds typed.
     */
    public static List<HasMetadata> asInformed(String yaml) {
        List<HasMetadata> out = new java.util.ArrayList<>();
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            if (doc.isBlank()) {
                continue;
            }
            io.fabric8.kubernetes.api.model.GenericKubernetesResource g = JSON.unmarshal(doc, io.fabric8.kubernetes.api.model.GenericKubernetesResource.class);
            boolean custom = g.getApiVersion().contains(".") && !g.getApiVersion().startsWith("apps/")
                    && !g.getApiVersion().startsWith("networking.k8s.io/");
            out.add(custom ? g : objects(doc).get(0));
        }
        return out;
    }

    /** A typed object as a generic resource of the same fields. */
    public static io.fabric8.kubernetes.api.model.GenericKubernetesResource generic(HasMetadata o) {
        return JSON.convertValue(o, io.fabric8.kubernetes.api.model.GenericKubernetesResource.class);
    }

    private static final io.fabric8.kubernetes.client.utils.KubernetesSerialization JSON =
            new io.fabric8.kubernetes.client.utils.KubernetesSerialization();

    public static EvaluationResult evaluate(String yaml) {
        return ExposureEngine.standard().evaluate(objects(yaml));
    }

    /** "EG-EXP-001 critical" for each finding, most severe first. */
    public static List<String> verdicts(String yaml) {
        return evaluate(yaml).findings().stream().map(Manifests::verdict).toList();
    }

    public static String verdict(Finding f) {
        return f.rule().id() + " " + f.severity().label();
    }
}
