package io.exposureguard.core.model;

import java.util.List;

/**
 * One problem the engine found. {@code resource} is the object a user should look at (and where events,
 * SARIF locations and admission denials attach); {@code path} is the exposure path from outside to the
 * datastore, one typed hop per element ({@link FindingText} words it); {@code facts} are the observations the verdict rests on. {@code through}
 * lists the objects the reported paths go through (entry Service or Ingress, the Service behind an Ingress,
 * the datastore's object): admission judges an object that completes a path even when the finding is reported
 * on another one.
 */
public record Finding(
        RuleInfo rule,
        Severity severity,
        ObjectRef resource,
        ObjectRef datastore,
        String message,
        List<Hop> path,
        List<String> facts,
        String remediation,
        List<ObjectRef> through) {

    public Finding {
        path = List.copyOf(path);
        facts = List.copyOf(facts);
        through = List.copyOf(through);
    }

    /** A finding whose path goes through no object other than {@code resource} and {@code datastore}. */
    public Finding(RuleInfo rule, Severity severity, ObjectRef resource, ObjectRef datastore, String message,
                   List<Hop> path, List<String> facts, String remediation) {
        this(rule, severity, resource, datastore, message, path, facts, remediation, List.of());
    }

    /** True when {@code ref} is the object reported, the datastore, or an object on the reported paths. */
    public boolean involves(ObjectRef ref) {
        return resource.equals(ref) || datastore.equals(ref) || through.contains(ref);
    }

    /** The same finding, also going through {@code more} (findings merged from several paths). */
    public Finding throughAlso(List<ObjectRef> more) {
        java.util.LinkedHashSet<ObjectRef> all = new java.util.LinkedHashSet<>(through);
        all.addAll(more);
        return new Finding(rule, severity, resource, datastore, message, path, facts, remediation, List.copyOf(all));
    }
}
