package io.exposureguard.core.inventory;

import io.exposureguard.core.datastore.ContainerView;
import io.exposureguard.core.datastore.EnvValue;
import io.exposureguard.core.datastore.ImageName;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Builds {@link ContainerView}s: resolves env/envFrom and mounted ConfigMaps/Secrets against the input. */
final class ContainerViews {

    private final ConfigLookup config;

    ContainerViews(ConfigLookup config) {
        this.config = config;
    }

    ContainerView view(String namespace, PodSpec pod, Container c) {
        List<String> unseen = new ArrayList<>();
        Map<String, EnvValue> env = new LinkedHashMap<>();
        for (EnvFromSource from : nz(c.getEnvFrom())) {
            envFrom(namespace, from, env, unseen);
        }
        for (EnvVar var : nz(c.getEnv())) {
            if (var.getName() != null) {
                env.put(var.getName(), envValue(namespace, var));
            }
        }
        List<String> args = tokens(c);
        String mounted = mountedConfig(namespace, pod, c, unseen);
        List<Integer> ports = nz(c.getPorts()).stream().map(p -> p.getContainerPort()).filter(java.util.Objects::nonNull).toList();
        return new ContainerView(c.getName() == null ? "" : c.getName(), ImageName.parse(c.getImage()), env, args, mounted, unseen, ports);
    }

    /** The command and arguments of a container, split into tokens. */
    private static List<String> tokens(Container c) {
        List<String> args = new ArrayList<>();
        for (String token : concat(c.getCommand(), c.getArgs())) {
            if (token != null) {
                for (String part : token.trim().split("\\s+")) {
                    if (!part.isEmpty()) {
                        args.add(part);
                    }
                }
            }
        }
        return args;
    }

    /** The arguments of each container of a pod template that has any, with the template's pod labels. */
    static List<Inventory.ContainerArgs> args(PodTemplate template) {
        List<Inventory.ContainerArgs> out = new ArrayList<>();
        for (Container c : nz(template.spec().getContainers())) {
            List<String> args = tokens(c);
            if (!args.isEmpty()) {
                out.add(new Inventory.ContainerArgs(template.owner(), template.labels(), args));
            }
        }
        return out;
    }

    private void envFrom(String namespace, EnvFromSource from, Map<String, EnvValue> env, List<String> unseen) {
        String prefix = from.getPrefix() == null ? "" : from.getPrefix();
        if (from.getConfigMapRef() != null) {
            String name = from.getConfigMapRef().getName();
            copy(config.configMap(namespace, name), prefix, env, why -> unseen.add("ConfigMap " + name + why));
        }
        if (from.getSecretRef() != null) {
            String name = from.getSecretRef().getName();
            copy(config.secret(namespace, name), prefix, env, why -> unseen.add("Secret " + name + why));
        }
    }

    private static void copy(Optional<ConfigLookup.Source> source, String prefix, Map<String, EnvValue> env, Consumer<String> missing) {
        if (source.isEmpty()) {
            missing.accept("");
            return;
        }
        ConfigLookup.Source s = source.get();
        s.data().keySet().forEach(k -> env.put(prefix + k, new EnvValue(value(s, k), s.label(), s.secret())));
        s.omissions().tooLarge().forEach(k -> env.put(prefix + k, new EnvValue(EnvValue.TOO_LARGE, s.label(), s.secret())));
        if (s.omissions().keysDropped()) {
            // which other variables it sets is unknown, as for a ConfigMap/Secret not in the input
            missing.accept(ContainerView.TRIMMED);
        }
    }

    /**
     * The value of a key as an env variable sees it: a value the cache did not keep in full reads as
     * {@link EnvValue#TOO_LARGE} (set, content unknown), never as empty.
     */
    private static String value(ConfigLookup.Source s, String key) {
        LeanObjects.Omissions o = s.omissions();
        if (o.tooLarge().contains(key) || o.withoutComments().contains(key)) {
            return EnvValue.TOO_LARGE;
        }
        String v = s.data().get(key);
        if (v == null) {
            return o.keysDropped() ? EnvValue.TOO_LARGE : "";
        }
        return v;
    }

    private EnvValue envValue(String namespace, EnvVar var) {
        if (var.getValueFrom() == null) {
            return EnvValue.literal(var.getValue());
        }
        var cm = var.getValueFrom().getConfigMapKeyRef();
        if (cm != null) {
            return config.configMap(namespace, cm.getName())
                    .map(s -> new EnvValue(value(s, cm.getKey()), s.label(), false))
                    .orElse(new EnvValue("", "ConfigMap " + cm.getName() + ", not in the input", false));
        }
        var secret = var.getValueFrom().getSecretKeyRef();
        if (secret != null) {
            return config.secret(namespace, secret.getName())
                    .map(s -> new EnvValue(value(s, secret.getKey()), s.label(), true))
                    .orElse(new EnvValue("", "Secret " + secret.getName() + ", not in the input", true));
        }
        return new EnvValue("", "the pod's own fields", false);
    }

    private String mountedConfig(String namespace, PodSpec pod, Container c, List<String> unseen) {
        StringBuilder text = new StringBuilder();
        for (VolumeMount mount : nz(c.getVolumeMounts())) {
            for (Volume volume : nz(pod.getVolumes())) {
                if (volume.getName() != null && volume.getName().equals(mount.getName())) {
                    appendVolume(namespace, volume, text, unseen);
                }
            }
        }
        return text.toString();
    }

    private void appendVolume(String namespace, Volume volume, StringBuilder text, List<String> unseen) {
        if (volume.getConfigMap() != null) {
            append(config.configMap(namespace, volume.getConfigMap().getName()), text,
                    why -> unseen.add("ConfigMap " + volume.getConfigMap().getName() + why));
        }
        if (volume.getSecret() != null) {
            append(config.secret(namespace, volume.getSecret().getSecretName()), text,
                    why -> unseen.add("Secret " + volume.getSecret().getSecretName() + why));
        }
        if (volume.getProjected() != null) {
            for (VolumeProjection p : nz(volume.getProjected().getSources())) {
                if (p.getConfigMap() != null) {
                    append(config.configMap(namespace, p.getConfigMap().getName()), text,
                            why -> unseen.add("ConfigMap " + p.getConfigMap().getName() + why));
                }
                if (p.getSecret() != null) {
                    append(config.secret(namespace, p.getSecret().getName()), text,
                            why -> unseen.add("Secret " + p.getSecret().getName() + why));
                }
            }
        }
    }

    private static void append(Optional<ConfigLookup.Source> source, StringBuilder text, Consumer<String> missing) {
        if (source.isEmpty()) {
            missing.accept("");
            return;
        }
        source.get().data().values().forEach(v -> text.append(v).append('\n'));
        if (source.get().omissions().partial()) {
            // part of the mounted files was too large to keep: what they say is unknown
            missing.accept(ContainerView.TRIMMED);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(nz(a));
        out.addAll(nz(b));
        return out;
    }

    static <T> List<T> nz(List<T> list) {
        return list == null ? List.of() : list;
    }
}
