package io.exposureguard.core.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one place that turns findings and their hops into text: each hop, the path line, the "message. Path: ...
 * Fix: ..." text that events, denials and SARIF carry, and the same for a viewer in one namespace, with objects of
 * other namespaces not named. The CLI, events, denials and PolicyReports all use it, so they word a finding alike.
 * (It lives next to {@link Finding} because rules word their messages with it, and everything that reports
 * findings depends on the rules.)
 */
public final class FindingText {

    /** What a denial says instead of an object of another namespace. */
    public static final String OTHER_NAMESPACE = "an object in another namespace";

    private FindingText() {
    }

    /** "internet", "LoadBalancer Service shop/es-http port 9200 (http)", "Elasticsearch shop/es port 9200 (https)". */
    public static String hop(Hop hop) {
        return hop(hop, null);
    }

    /** One string per hop, outside first (the JSON and SARIF {@code path}). */
    public static List<String> hops(List<Hop> hops) {
        return hops.stream().map(FindingText::hop).toList();
    }

    /** "internet -> LoadBalancer Service shop/es-http port 9200 -> Elasticsearch shop/es port 9200 (https)" */
    public static String path(List<Hop> hops) {
        return path(hops, null);
    }

    public static String path(Finding f) {
        return path(f.path());
    }

    /** "message. Path: ... . Fix: ..." (no path part when the finding has no path). */
    public static String explained(Finding f) {
        return f.message() + (f.path().isEmpty() ? "" : ". Path: " + path(f.path())) + ". Fix: " + f.remediation();
    }

    /** "message. Fix: ..." (for reports that carry the path in a field of its own). */
    public static String withFix(Finding f) {
        return f.message() + ". Fix: " + f.remediation();
    }

    /**
     * {@link #explained(Finding)} as told to whoever acts in {@code namespace}: every object of another namespace on
     * the finding (on its path, reported, or the datastore) reads "an object in another namespace", so an answer about
     * one namespace does not tell what exists in others.
     */
    public static String explained(Finding f, String namespace) {
        List<ObjectRef> others = othersOf(f, namespace);
        return redact(f.message(), others) + (f.path().isEmpty() ? "" : ". Path: " + path(f.path(), namespace))
                + ". Fix: " + redact(f.remediation(), others);
    }

    /** The finding's message as told to whoever acts in {@code namespace} (see {@link #explained(Finding, String)}). */
    public static String message(Finding f, String namespace) {
        return redact(f.message(), othersOf(f, namespace));
    }

    /** The finding's fix as told to whoever acts in {@code namespace} (see {@link #explained(Finding, String)}). */
    public static String remediation(Finding f, String namespace) {
        return redact(f.remediation(), othersOf(f, namespace));
    }

    /** The hop as seen from {@code namespace} (null: by everyone, names shown). */
    static String hop(Hop hop, String namespace) {
        return switch (hop.kind()) {
            case INTERNET -> "internet";
            case RESTRICTED_NETWORKS -> "restricted networks";
            case CLUSTER -> "cluster";
            case ENTRY_SERVICE, BACKEND_SERVICE -> (hop.label() == null ? "" : hop.label() + " ") + name(hop.ref(), namespace)
                    + (hop.owner() == null ? "" : " (generated from " + name(hop.owner(), namespace) + ")") + port(hop.port());
            case ENTRY_ROUTE -> name(hop.ref(), namespace) + (hop.route() == null ? "" : " " + hop.route());
            case ENTRY_HOST -> "node address (" + hop.label() + ") of " + name(hop.ref(), namespace);
            case DATASTORE -> (hop.label() == null ? "" : hop.label() + " in ") + name(hop.ref(), namespace) + port(hop.port());
        };
    }

    private static String path(List<Hop> hops, String namespace) {
        return hops.stream().map(h -> hop(h, namespace)).collect(Collectors.joining(" -> "));
    }

    /** " port 9200 (http)", " port 9200 (nodePort 30920)", or nothing. */
    private static String port(Hop.Port port) {
        return port == null ? "" : " " + portText(port);
    }

    /** "port 9200 (http)", "port 9200 (nodePort 30920)": a hop's port as every report words it. */
    public static String portText(Hop.Port port) {
        return "port " + port.number() + (port.name() == null || port.name().isEmpty() ? "" : " (" + port.name() + ")")
                + (port.nodePort() > 0 ? " (nodePort " + port.nodePort() + ")" : "");
    }

    private static String name(ObjectRef ref, String namespace) {
        return hidden(ref, namespace) ? OTHER_NAMESPACE : ref.display();
    }

    private static boolean hidden(ObjectRef ref, String namespace) {
        return namespace != null && ref.namespace() != null && !ref.namespace().equals(namespace);
    }

    private static List<ObjectRef> othersOf(Finding f, String namespace) {
        List<ObjectRef> mentioned = new ArrayList<>(f.through());
        for (Hop h : f.path()) {
            if (h.ref() != null) {
                mentioned.add(h.ref());
            }
            if (h.owner() != null) {
                mentioned.add(h.owner());
            }
        }
        mentioned.add(f.resource());
        mentioned.add(f.datastore());
        return mentioned.stream().filter(r -> hidden(r, namespace)).distinct().toList();
    }

    /**
     * Free text (a message, a fix) with the objects of {@code others} replaced: first where named with their kind
     * ("Service infra/es-http"), then by namespace and name alone ("infra/es-http"); longest first in each pass, so
     * that "infra/es" never cuts into "infra/es-http" and leaves part of a name behind.
     */
    private static String redact(String text, List<ObjectRef> others) {
        for (String name : longestFirst(others.stream().map(ObjectRef::display).toList())) {
            text = text.replace(name, OTHER_NAMESPACE);
        }
        for (String name : longestFirst(others.stream().map(r -> r.namespace() + "/" + r.name()).toList())) {
            text = text.replace(name, OTHER_NAMESPACE);
        }
        return text;
    }

    private static List<String> longestFirst(List<String> names) {
        return names.stream().distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }
}
