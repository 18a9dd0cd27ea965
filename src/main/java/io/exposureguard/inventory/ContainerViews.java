package io.exposureguard.inventory;

import io.exposureguard.datastore.ContainerView;
import io.exposureguard.datastore.EnvValue;
import io.exposureguard.datastore.ImageName;
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
        String mounted = mountedConfig(namespace, pod, c, unseen);
        return new ContainerView(c.getName() == null ? "" : c.getName(), ImageName.parse(c.getImage()), env, args, mounted, unseen);
    }

    private void envFrom(String namespace, EnvFromSource from, Map<String, EnvValue> env, List<String> unseen) {
        String prefix = from.getPrefix() == null ? "" : from.getPrefix();
        if (from.getConfigMapRef() != null) {
            String name = from.getConfigMapRef().getName();
            copy(config.configMap(namespace, name), prefix, env, () -> unseen.add("ConfigMap " + name));
        }
        if (from.getSecretRef() != null) {
            String name = from.getSecretRef().getName();
            copy(config.secret(namespace, name), prefix, env, () -> unseen.add("Secret " + name));
        }
    }

    private static void copy(Optional<ConfigLookup.Source> source, String prefix, Map<String, EnvValue> env, Runnable missing) {
        if (source.isEmpty()) {
            missing.run();
            return;
        }
        ConfigLookup.Source s = source.get();
        s.data().forEach((k, v) -> env.put(prefix + k, new EnvValue(v, s.label(), s.secret())));
    }

    private EnvValue envValue(String namespace, EnvVar var) {
        if (var.getValueFrom() == null) {
            return EnvValue.literal(var.getValue());
        }
        var cm = var.getValueFrom().getConfigMapKeyRef();
        if (cm != null) {
            return config.configMap(namespace, cm.getName())
                    .map(s -> new EnvValue(s.data().getOrDefault(cm.getKey(), ""), s.label(), false))
                    .orElse(new EnvValue("", "ConfigMap " + cm.getName() + ", not in the input", false));
        }
        var secret = var.getValueFrom().getSecretKeyRef();
        if (secret != null) {
            return config.secret(namespace, secret.getName())
                    .map(s -> new EnvValue(s.data().getOrDefault(secret.getKey(), ""), s.label(), true))
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
                    () -> unseen.add("ConfigMap " + volume.getConfigMap().getName()));
        }
        if (volume.getSecret() != null) {
            append(config.secret(namespace, volume.getSecret().getSecretName()), text,
                    () -> unseen.add("Secret " + volume.getSecret().getSecretName()));
        }
        if (volume.getProjected() != null) {
            for (VolumeProjection p : nz(volume.getProjected().getSources())) {
                if (p.getConfigMap() != null) {
                    append(config.configMap(namespace, p.getConfigMap().getName()), text,
                            () -> unseen.add("ConfigMap " + p.getConfigMap().getName()));
                }
                if (p.getSecret() != null) {
                    append(config.secret(namespace, p.getSecret().getName()), text,
                            () -> unseen.add("Secret " + p.getSecret().getName()));
                }
            }
        }
    }

    private static void append(Optional<ConfigLookup.Source> source, StringBuilder text, Runnable missing) {
        if (source.isEmpty()) {
            missing.run();
            return;
        }
        source.get().data().values().forEach(v -> text.append(v).append('\n'));
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
