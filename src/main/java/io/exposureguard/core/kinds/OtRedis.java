package io.exposureguard.core.kinds;

import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.inventory.ServicePortView;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the OT-Container-Kit redis-operator's kinds (Redis, RedisCluster, RedisReplication, RedisSentinel of
 * redis.redis.opstreelabs.in, v1beta2 and v1beta1 alike) share. Redis gets a password only from
 * {@code spec.kubernetesConfig.redisSecret} (optional: without it there is none), or users from {@code spec.acl}.
 * Each group of pods carries {@code app: <group>}, {@code redis_setup_type}, {@code role} and the resource's own
 * labels, which the operator's Services select. Of its Services only {@code <group>-additional} takes its type from
 * the resource ({@code kubernetesConfig.service.serviceType}; absent when {@code service.additional.enabled: false});
 * {@code <group>} and {@code <group>-headless} are always ClusterIP, open nothing and are left to the real ones (a
 * hand-written Service of that name is read as it is).
 */
final class OtRedis {

    static final String GROUP = "redis.redis.opstreelabs.in";
    static final List<String> VERSIONS = List.of("v1beta2", "v1beta1");
    static final int REDIS_PORT = 6379;
    static final String REDIS_PORT_NAME = "redis-client";
    private static final String SERVICE_SETTINGS = "spec.kubernetesConfig.service";

    private OtRedis() {
    }

    /** A group of the resource's pods (its leaders, say, or all of them): its app label, port and description. */
    record Group(String app, String setupType, String role, int port, String portName, String what) {
    }

    /** The group as a datastore, with its additional Service. */
    static void read(ObjectRef ref, Tree root, Group group, List<Datastore> datastores, List<ServiceView> services) {
        Tree spec = root.map("spec");
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app", group.app());
        labels.put("redis_setup_type", group.setupType());
        labels.put("role", group.role());
        labels.putAll(root.map("metadata").stringMap("labels"));
        int hostPort = spec.integer("hostPort").orElse(0);
        datastores.add(new Datastore(ref, DatastoreKind.REDIS, group.what(), labels,
                List.of(new DataPort(group.port(), group.portName(), hostPort)), auth(ref, spec), Optional.empty(), false));
        Tree service = spec.path("kubernetesConfig", "service");
        if (service.map("additional").bool("enabled").orElse(true)) {
            String type = service.string("serviceType").orElse("ClusterIP");
            services.add(new ServiceView(ref.namespace(), group.app() + "-additional", type,
                    service.stringMap("annotations"), labels,
                    List.of(new ServicePortView(group.portName(), group.port(), group.port(), null, 0)),
                    List.of(), List.of(), null, ref, SERVICE_SETTINGS)
                    .withCloseFix("set " + SERVICE_SETTINGS + ".serviceType: ClusterIP on " + ref.display() + " (not " + type + ")"
                            + (type.equals("LoadBalancer") ? ", or make it internal with a load-balancer annotation in " + SERVICE_SETTINGS
                            + ".annotations" : "")));
        }
    }

    static AuthVerdict auth(ObjectRef ref, Tree spec) {
        Tree kubernetesConfig = spec.map("kubernetesConfig");
        if (kubernetesConfig.has("redisSecret")) {
            String secret = kubernetesConfig.map("redisSecret").string("name").orElse("?");
            return AuthVerdict.on(ref.display() + " sets kubernetesConfig.redisSecret (Secret " + secret + "): Redis requires its password");
        }
        String fix = "set spec.kubernetesConfig.redisSecret {name, key} on " + ref.display() + " to a Secret holding the password";
        if (spec.has("acl")) {
            return AuthVerdict.unknown(ref.display() + " takes its ACL users from spec.acl, which exposure-guard cannot read;"
                    + " the default user may still need no password", fix);
        }
        Optional<String> extraConfig = spec.map("redisConfig").string("additionalRedisConfig");
        if (extraConfig.isPresent()) {
            return AuthVerdict.unknown(ref.display() + " has no kubernetesConfig.redisSecret; its redis.conf additions come from"
                    + " ConfigMap " + extraConfig.get() + ", which may set requirepass", fix);
        }
        return AuthVerdict.off(ref.display() + " has no kubernetesConfig.redisSecret, so the operator starts Redis without a password", fix);
    }
}
