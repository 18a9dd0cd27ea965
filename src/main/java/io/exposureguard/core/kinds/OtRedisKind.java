package io.exposureguard.core.kinds;

import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.inventory.CustomResourceReading;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.List;

/**
 * A kind of the OT-Container-Kit redis-operator: its groups of pods ({@link #pods}) read as {@link OtRedis} reads
 * them. Its own settings are not fixed here (a password needs a Secret); findings are closed at the entry in front.
 */
abstract class OtRedisKind implements DatastoreResourceKind {

    /** The resource's groups of pods, with how each is described. */
    abstract List<OtRedis.Group> pods(ObjectRef ref, Tree spec);

    @Override
    public final List<String> groups() {
        return List.of(OtRedis.GROUP);
    }

    @Override
    public final List<String> versions() {
        return OtRedis.VERSIONS;
    }

    @Override
    public final String ownSettingsFix() {
        return "none (a password needs a Secret; the entry in front is closed instead)";
    }

    @Override
    public final boolean fixesOwnSettings() {
        return false;
    }

    @Override
    public String generatedServices() {
        return "`<name>-additional` (type from spec.kubernetesConfig.service.serviceType)";
    }

    @Override
    public final CustomResourceReading read(ObjectRef ref, Tree root, ReadContext context) {
        ServedVersions.require(this, ref);
        List<Datastore> datastores = new ArrayList<>();
        List<ServiceView> services = new ArrayList<>();
        for (OtRedis.Group group : pods(ref, root.map("spec"))) {
            OtRedis.read(ref, root, group, datastores, services);
        }
        return new CustomResourceReading(datastores, services);
    }
}
