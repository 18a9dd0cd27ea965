package io.exposureguard.core.inventory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the operator's informers keep of an object: only what decides a verdict, so that a tenant's large
 * objects cannot make the cache (and the operator) run out of memory. Pure: an object in, its lean copy out.
 * <ul>
 *   <li>Every kind loses {@code metadata.managedFields}; Pods and workloads lose {@code status} (the engine
 *       reads their spec only; Service status is kept, the probe reads load balancer addresses).</li>
 *   <li>ConfigMaps and Secrets keep name, namespace, uid, resourceVersion, labels and owner references, and
 *       their {@code data} within {@link Limits}: a value over {@code valueChars} is kept without its comment
 *       and blank lines if that fits (a config file), else as its lines that can switch authentication if those
 *       fit (a file padded with settings to hide one), else not at all but remembered as present and too
 *       large; at most {@code keys} keys and {@code keyChars} of key names, and {@code objectChars} of values,
 *       per object. {@code binaryData} and annotations are dropped. What was not kept is recorded on a
 *       {@link TrimmedConfigMap}/{@link TrimmedSecret}, which the engine reads as "unknown", never as empty.</li>
 * </ul>
 * EndpointSlices keep their metadata (as ConfigMaps do), ports and the Pods their endpoints name, nothing else.
 * Objects from files and admission requests are never trimmed: only this class makes the trimmed types, so a
 * tenant cannot claim that something was left out.
 */
public final class LeanObjects {

    /** Bounds per ConfigMap/Secret. Chars of the value as stored (base64 for a Secret's data). */
    public record Limits(int valueChars, int objectChars, int keys, int keyChars) {
        /** A 1 MB ConfigMap costs at most about 25 KiB of kept text, usually a few hundred bytes. */
        public static final Limits DEFAULT = new Limits(8 * 1024, 16 * 1024, 256, 8 * 1024);
    }

    /** What the cache left out of a ConfigMap or Secret. */
    public record Omissions(Set<String> tooLarge, Set<String> withoutComments, boolean keysDropped) {
        public static final Omissions NONE = new Omissions(Set.of(), Set.of(), false);

        public Omissions {
            tooLarge = Set.copyOf(tooLarge);
            withoutComments = Set.copyOf(withoutComments);
        }

        public boolean partial() {
            return !tooLarge.isEmpty() || keysDropped;
        }
    }

    /** A ConfigMap as the cache keeps it. */
    public static final class TrimmedConfigMap extends ConfigMap {
        private final transient Omissions omissions;

        TrimmedConfigMap(Omissions omissions) {
            this.omissions = omissions;
        }

        public Omissions omissions() {
            return omissions;
        }
    }

    /** A Secret as the cache keeps it. */
    public static final class TrimmedSecret extends Secret {
        private final transient Omissions omissions;

        TrimmedSecret(Omissions omissions) {
            this.omissions = omissions;
        }

        public Omissions omissions() {
            return omissions;
        }
    }

    private final Limits limits;

    public LeanObjects(Limits limits) {
        this.limits = limits;
    }

    /** The lean copy (a ConfigMap/Secret/EndpointSlice is a new object; other kinds are trimmed in place and returned). */
    public HasMetadata lean(HasMetadata o) {
        if (o instanceof ConfigMap cm) {
            return configMap(cm);
        }
        if (o instanceof EndpointSlice slice) {
            return endpointSlice(slice);
        }
        if (o instanceof Secret s) {
            return secret(s);
        }
        if (o.getMetadata() != null) {
            o.getMetadata().setManagedFields(null);
        }
        if (o instanceof Pod p) {
            p.setStatus(null);
        } else if (o instanceof Deployment d) {
            d.setStatus(null);
        } else if (o instanceof StatefulSet s) {
            s.setStatus(null);
        } else if (o instanceof DaemonSet d) {
            d.setStatus(null);
        } else if (o instanceof ReplicaSet r) {
            r.setStatus(null);
        } else if (o instanceof ReplicationController r) {
            r.setStatus(null);
        } else if (o instanceof Job j) {
            j.setStatus(null);
        } else if (o instanceof CronJob c) {
            c.setStatus(null);
        }
        return o;
    }

    /**
     * What an EndpointSlice decides: which Service it is for (its labels), its ports, and the pods its endpoints
     * name. Addresses, conditions, topology and hints are dropped (a slice holds up to 1,000 endpoints).
     */
    private EndpointSlice endpointSlice(EndpointSlice slice) {
        EndpointSlice out = new EndpointSlice();
        out.setApiVersion(slice.getApiVersion());
        out.setKind(slice.getKind());
        out.setMetadata(meta(slice.getMetadata()));
        out.setAddressType(slice.getAddressType());
        out.setPorts(slice.getPorts());
        List<Endpoint> endpoints = new ArrayList<>();
        for (Endpoint e : slice.getEndpoints() == null ? List.<Endpoint>of() : slice.getEndpoints()) {
            ObjectReference t = e.getTargetRef();
            if (t != null && "Pod".equals(t.getKind())) {
                Endpoint kept = new Endpoint();
                kept.setTargetRef(new ObjectReferenceBuilder().withKind(t.getKind()).withName(t.getName()).withNamespace(t.getNamespace()).build());
                endpoints.add(kept);
            }
        }
        out.setEndpoints(endpoints);
        return out;
    }

    private TrimmedConfigMap configMap(ConfigMap cm) {
        Kept kept = keep(cm.getData(), false);
        TrimmedConfigMap out = new TrimmedConfigMap(kept.omissions);
        out.setApiVersion(cm.getApiVersion());
        out.setKind(cm.getKind());
        out.setMetadata(meta(cm.getMetadata()));
        out.setData(kept.data);
        out.setImmutable(cm.getImmutable());
        return out;
    }

    private TrimmedSecret secret(Secret s) {
        Kept kept = keep(s.getData(), true);
        TrimmedSecret out = new TrimmedSecret(kept.omissions);
        out.setApiVersion(s.getApiVersion());
        out.setKind(s.getKind());
        out.setMetadata(meta(s.getMetadata()));
        out.setType(s.getType());
        out.setData(kept.data);
        out.setImmutable(s.getImmutable());
        return out;
    }

    private record Kept(Map<String, String> data, Omissions omissions) {
    }

    private Kept keep(Map<String, String> data, boolean base64) {
        if (data == null || data.isEmpty()) {
            return new Kept(data, Omissions.NONE);
        }
        Map<String, String> kept = new LinkedHashMap<>();
        Set<String> tooLarge = new TreeSet<>();
        Set<String> withoutComments = new TreeSet<>();
        boolean keysDropped = false;
        int keyChars = 0;
        int valueChars = 0;
        for (Map.Entry<String, String> e : new TreeMap<>(nullsAsEmpty(data)).entrySet()) {
            String key = e.getKey();
            if (kept.size() + tooLarge.size() >= limits.keys() || keyChars + key.length() > limits.keyChars()) {
                keysDropped = true;
                break;
            }
            keyChars += key.length();
            String value = e.getValue() == null ? "" : e.getValue();
            if (value.length() > limits.valueChars()) {
                value = withoutComments(value, base64);
                if (value != null) {
                    withoutComments.add(key);
                }
            }
            if (value == null) {
                String auth = authLines(e.getValue(), base64);
                tooLarge.add(key);
                if (auth != null && valueChars + auth.length() <= limits.objectChars()) {
                    valueChars += auth.length();
                    kept.put(key, auth); // read, but still too large: an "on" stays unknown, an "off" is seen
                }
                continue;
            }
            if (valueChars + value.length() > limits.objectChars()) {
                tooLarge.add(key);
                withoutComments.remove(key);
                continue;
            }
            valueChars += value.length();
            kept.put(key, value);
        }
        return new Kept(kept, new Omissions(tooLarge, withoutComments, keysDropped));
    }

    /**
     * Lines of a setting that can switch authentication, TLS or the listening address on or off, in the
     * configuration files of the datastores the catalog knows (elasticsearch.yml's xpack.security.*, redis.conf's
     * requirepass and protected-mode, pg_hba.conf's trust, mongod.conf's authorization, ...).
     */
    private static final java.util.regex.Pattern AUTH_SETTING = java.util.regex.Pattern.compile(
            "(?i)(secur|auth|pass|protected|trust|anonym|acl|user|ssl|tls|bind|listen|api[-_.]?key|token|skip|hba|plugins?\\.security)");

    /**
     * The value's lines that are neither blank nor comments, or null if that is still too large. (A tenant can pad
     * a file with real settings past that to hide a {@code xpack.security.enabled: false} in it: {@link #authLines}.)
     */
    private String withoutComments(String value, boolean base64) {
        String text = value;
        if (base64) {
            try {
                text = new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        String lines = text.lines()
                .filter(l -> !l.isBlank() && !l.stripLeading().startsWith("#"))
                .collect(Collectors.joining("\n"));
        String out = encoded(lines, base64);
        return out.length() > limits.valueChars() ? null : out;
    }

    /**
     * Of a value too large even without comments, the lines that can switch authentication, or null when there are
     * none or they are still too large. The key stays marked too large (so an "on" reads as unknown), but an "off"
     * among them is seen.
     */
    private String authLines(String value, boolean base64) {
        String text = value;
        if (base64) {
            try {
                text = new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        String lines = text.lines().filter(l -> !l.stripLeading().startsWith("#") && AUTH_SETTING.matcher(l).find())
                .collect(Collectors.joining("\n"));
        String out = encoded(lines, base64);
        return lines.isEmpty() || out.length() > limits.valueChars() ? null : out;
    }

    private static String encoded(String text, boolean base64) {
        return base64 ? Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) : text;
    }

    private static Map<String, String> nullsAsEmpty(Map<String, String> data) {
        Map<String, String> out = new LinkedHashMap<>();
        data.forEach((k, v) -> out.put(k == null ? "" : k, v));
        return out;
    }

    private static ObjectMeta meta(ObjectMeta m) {
        if (m == null) {
            return null;
        }
        ObjectMeta out = new ObjectMeta();
        out.setName(m.getName());
        out.setNamespace(m.getNamespace());
        out.setUid(m.getUid());
        out.setResourceVersion(m.getResourceVersion());
        out.setLabels(m.getLabels());
        out.setOwnerReferences(m.getOwnerReferences());
        return out;
    }
}
