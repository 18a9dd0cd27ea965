package io.exposureguard.core.datastore.catalog;

import io.exposureguard.core.datastore.AuthState;
import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.ContainerView;
import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.datastore.DatastoreType;

import io.exposureguard.core.model.Severity;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises datastore containers and reads each one's authentication settings through its module
 * ({@link DatastoreKind}), or a policy-defined datastore's definition.
 * A container is a datastore when its image's last path segment is a known name, or when both its
 * container name and its pod's {@code app.kubernetes.io/name} (or {@code app}) label are (images from a
 * renamed mirror). A port number alone is not enough: too many ordinary apps use 9000 or 8123. Last, an image of
 * another name whose path names a datastore and whose ports or settings are that datastore's is recognised at lower
 * confidence ({@link CustomImages}), and its evidence says so.
 */
public final class DatastoreCatalog {

    private static final String[] NAME_LABELS = {"app.kubernetes.io/name", "app"};

    private final List<CustomDatastoreType> custom;

    public DatastoreCatalog() {
        this(List.of());
    }

    /** The built-in catalog extended by policy-defined datastores (checked after the built-in kinds). */
    public DatastoreCatalog(List<CustomDatastoreType> custom) {
        this.custom = List.copyOf(custom);
    }

    /** The datastore kind a container runs, with how it was recognised. */
    public Optional<Recognition> recognize(ContainerView container, Map<String, String> podLabels) {
        for (DatastoreKind kind : DatastoreKind.values()) {
            if (kind.imageNames().contains(container.image().lastSegment())) {
                return Optional.of(new Recognition(kind, container.imageLabel()));
            }
        }
        for (CustomDatastoreType type : custom) {
            Optional<String> pattern = type.matches(container.image());
            if (pattern.isPresent()) {
                return Optional.of(new Recognition(type, container.imageLabel() + " matching " + pattern.get()));
            }
        }
        for (DatastoreKind kind : DatastoreKind.values()) {
            Optional<String> other = kind.recognisesOther(container);
            if (other.isPresent()) {
                return Optional.of(new Recognition(kind, other.get()));
            }
        }
        for (DatastoreKind kind : DatastoreKind.values()) {
            if (!kind.imageNames().contains(container.lowerName())) {
                continue;
            }
            for (String label : NAME_LABELS) {
                String value = podLabels.get(label);
                if (value != null && kind.imageNames().contains(value.toLowerCase(java.util.Locale.ROOT))) {
                    return Optional.of(new Recognition(kind, "container " + container.containerName()
                            + " with pod label " + label + "=" + value));
                }
            }
        }
        return CustomImages.recognize(container);
    }

    /**
     * The container's authentication verdict. When the operator's cache could not keep all of a ConfigMap or
     * Secret the container reads ({@link ContainerView#trimmedConfig()}), "on" becomes "unknown": the part not
     * read may turn authentication off, and a large object must never make a datastore look protected.
     */
    /** The datastore addresses the container forwards to (a UI's backing cluster); empty for a custom image. */
    public List<io.exposureguard.core.datastore.Upstream> upstreams(DatastoreType kind, ContainerView container) {
        return kind instanceof DatastoreKind k ? k.upstreams(container) : List.of();
    }

    /** What keeps a container's forwarding configuration from being read (see {@code DatastoreModule#upstreamProblems}). */
    public List<String> upstreamProblems(DatastoreType kind, ContainerView container) {
        return kind instanceof DatastoreKind k ? k.upstreamProblems(container) : List.of();
    }

    public AuthVerdict inspect(DatastoreType kind, ContainerView container) {
        AuthVerdict verdict = kind instanceof CustomDatastoreType c ? c.inspect(container)
                : ((DatastoreKind) kind).inspect(container);
        List<String> trimmed = container.trimmedConfig();
        if (verdict.state() != AuthState.ON || trimmed.isEmpty()) {
            return verdict;
        }
        List<String> facts = new java.util.ArrayList<>(verdict.facts());
        facts.add("container " + container.containerName() + " reads " + String.join(", ", trimmed)
                + ", so what it says about authentication is unknown");
        return new AuthVerdict(AuthState.UNKNOWN, Severity.MEDIUM, facts,
                "keep the datastore's settings in ConfigMaps/Secrets exposure-guard reads in full (per object at most "
                        + "256 keys and 16 KiB of values, each value under 8 KiB once comment lines are left out), "
                        + "or set authentication in env or args");
    }

    public List<CustomDatastoreType> custom() {
        return custom;
    }

    /** A recognised kind and the evidence ("image redis:7.2"). */
    public record Recognition(DatastoreType kind, String evidence) {
    }
}
