package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Everything the engine knows about one datastore recognised from a workload (a container image such as
 * {@code redis}): its name users see, whether it is a UI in front of another datastore, the image names that
 * identify it, its default ports, how its authentication is read from a container, and how the active probe
 * checks it. One subclass per datastore, listed once in {@link DatastoreKind}. Pure and stateless.
 */
public abstract class DatastoreModule implements AuthInspector {

    private final String displayName;
    private final Set<String> imageNames;
    private final List<Integer> defaultPorts;

    /**
     * @param imageNames   matched against the last path segment of an image repository (registry, tag and
     *                     digest removed)
     * @param defaultPorts the ports it listens on when a container declares none
     */
    protected DatastoreModule(String displayName, Set<String> imageNames, List<Integer> defaultPorts) {
        this.displayName = displayName;
        this.imageNames = Set.copyOf(imageNames);
        this.defaultPorts = List.copyOf(defaultPorts);
    }

    public final String displayName() {
        return displayName;
    }

    public final Set<String> imageNames() {
        return imageNames;
    }

    public final List<Integer> defaultPorts() {
        return defaultPorts;
    }

    /**
     * A front end in front of other datastores (Kibana, OpenSearch Dashboards, a TCP proxy): its own verdict is not
     * a finding when unknown; what counts is the datastore it forwards to ({@link #upstreams}).
     */
    public boolean ui() {
        return false;
    }

    /**
     * The datastore addresses the container forwards its clients to (Kibana's {@code elasticsearch.hosts}); empty
     * for a datastore that serves its own data. A path that reaches this container continues to them.
     */
    public List<Upstream> upstreams(ContainerView container) {
        return List.of();
    }

    /**
     * What keeps the forwarding configuration from being read (a file too large, a block never closed), each a
     * sentence naming the file and what is wrong; empty when it reads. The inventory reports them as input problems of
     * the workload; the addresses that could be read still count.
     */
    public List<String> upstreamProblems(ContainerView container) {
        return List.of();
    }

    /**
     * Whether a login it asks for is its own (an admin UI's basic auth), so that it protects the data behind it even
     * when the datastore is open; false for a front end whose login is the datastore's (Kibana's comes from
     * Elasticsearch security, phpMyAdmin's form takes MySQL's credentials) and for a plain proxy.
     */
    public boolean ownLogin() {
        return false;
    }

    /** How the active probe checks it; {@link ProbeProtocol#NONE} sends nothing. */
    public ProbeProtocol probe() {
        return ProbeProtocol.NONE;
    }

    /**
     * Recognition beyond the image name, for an image that runs several roles ({@code apache/hadoop} running
     * {@code hdfs namenode}): the evidence, or empty. Tried after every module's image names.
     */
    public Optional<String> recognisesOther(ContainerView container) {
        return Optional.empty();
    }

    /**
     * Settings only this datastore reads ({@code discovery.type} for Elasticsearch): with its name in the path of an
     * image of another name, they recognise it (at lower confidence) as well as one of its default ports does.
     */
    public boolean identifiedByEnv(ContainerView container) {
        return false;
    }

    /**
     * The image's major version, or empty when the tag names none ({@code latest}, no tag, a digest only): the
     * caller then uses the datastore's current default and says so ({@link #assumingCurrent}).
     */
    protected static OptionalInt major(ContainerView c) {
        return c.image().majorVersion();
    }

    /** "image x:latest names no version, so the current default is assumed: &lt;current&gt;". */
    protected static String assumingCurrent(ContainerView c, String current) {
        return c.imageLabel() + " names no version, so the current default is assumed: " + current;
    }

    /** UNKNOWN: the named config file may come from ConfigMaps/Secrets the input does not show. */
    protected static AuthVerdict configNotRead(ContainerView c, String file, String fix) {
        return AuthVerdict.unknown(file + " may come from " + String.join(", ", c.unseenConfig())
                + ", which exposure-guard cannot read", fix);
    }

    /**
     * Reads the container's arguments, environment and mounted configuration: on, off, anonymous or unknown with
     * the facts. "No setting" is the datastore's default for the version in the image, not "unknown".
     */
    @Override
    public abstract AuthVerdict inspect(ContainerView container);
}
