package io.exposureguard.kube;

import io.exposureguard.core.kinds.ResourceKinds;
import io.exposureguard.core.inventory.WatchedKind;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.List;

/**
 * The third-party custom resources the engine reads, as the kind registry ({@link ResourceKinds}) lists them. Their
 * CRDs may be absent; the cache starts an informer for each once its CRD exists, and checks again at every audit,
 * so installing ECK later needs no restart.
 */
public final class CustomResourceKinds {

    private CustomResourceKinds() {
    }

    static final List<ResourceDefinitionContext> ALL = ResourceKinds.watched().stream().map(CustomResourceKinds::ctx).toList();

    /** The namespaced report kind of a report API. */
    public static ResourceDefinitionContext report(io.exposureguard.core.report.ReportApi api) {
        return ctx(api.group(), api.version(), api.kind(), api.plural());
    }

    static ResourceDefinitionContext ctx(WatchedKind k) {
        return ctx(k, k.version());
    }

    /** The kind in one of its versions (the one its CRD serves). */
    static ResourceDefinitionContext ctx(WatchedKind k, String version) {
        return ctx(k.group(), version, k.kind(), k.plural());
    }

    static ResourceDefinitionContext ctx(String group, String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }

    static String crdName(ResourceDefinitionContext c) {
        return c.getPlural() + "." + c.getGroup();
    }
}
