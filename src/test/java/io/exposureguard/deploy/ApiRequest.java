package io.exposureguard.deploy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One API server request as RBAC sees it: verb, API group, resource (with "/subresource"), namespace and name,
 * derived from the HTTP method and path the way the API server's request-info resolver does. Paths that name no
 * resource (/version, /api, /apis/...) are {@link #nonResource() non-resource} requests, which RBAC authorizes by
 * URL (every authenticated user may read the discovery paths).
 *
 * @param namespace null for cluster-scoped resources and for requests across all namespaces
 * @param name null for collections (list, watch, create, deletecollection)
 */
public record ApiRequest(String verb, String group, String resource, String namespace, String name, String path) {

    /** Subresources of a Namespace object itself ({@code /api/v1/namespaces/<name>/status}). */
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    public static ApiRequest parse(String method, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        String group;
        List<String> rest;
        if (parts.size() >= 2 && parts.get(0).equals("api")) {
            group = "";
            rest = parts.subList(2, parts.size());
        } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            rest = parts.subList(3, parts.size());
        } else {
            return new ApiRequest(method.toLowerCase(Locale.ROOT), null, null, null, null, path);
        }
        if (rest.isEmpty()) {
            return new ApiRequest(method.toLowerCase(Locale.ROOT), null, null, null, null, path);
        }
        String namespace = null;
        if (rest.get(0).equals("namespaces") && rest.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.get(0);
        String name = rest.size() > 1 ? rest.get(1) : fieldSelectorName(query).orElse(null);
        if (rest.size() > 2) {
            resource = resource + "/" + String.join("/", rest.subList(2, rest.size()));
        }
        if ((resource.equals("namespaces") || resource.startsWith("namespaces/")) && name != null && namespace == null) {
            namespace = name;
        }
        return new ApiRequest(verb(method, name, rest.size() > 1, query), group, resource, namespace, name, path);
    }

    private static String verb(String method, String name, boolean namedInPath, String query) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD" -> hasParameter(query, "watch", "true") || hasParameter(query, "watch", "1") ? "watch"
                    : namedInPath ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> namedInPath ? "delete" : "deletecollection";
            default -> method.toLowerCase(Locale.ROOT);
        };
    }

    /** A list or watch of one object by {@code fieldSelector=metadata.name=<name>} is authorized for that name. */
    private static Optional<String> fieldSelectorName(String query) {
        for (String parameter : query.split("&")) {
            String decoded = URLDecoder.decode(parameter, StandardCharsets.UTF_8);
            if (decoded.startsWith("fieldSelector=metadata.name=") && !decoded.contains(",")) {
                return Optional.of(decoded.substring("fieldSelector=metadata.name=".length()));
            }
        }
        return Optional.empty();
    }

    private static boolean hasParameter(String query, String key, String value) {
        return Arrays.asList(query.split("&")).contains(key + "=" + value);
    }

    public boolean nonResource() {
        return resource == null;
    }

    /** "verb group/resource", e.g. "watch apps/deployments", "get /secrets" for the core group. */
    public String grant() {
        return verb + " " + group + "/" + resource;
    }

    @Override
    public String toString() {
        return nonResource() ? verb + " " + path
                : grant() + (namespace != null ? " in " + namespace : "") + (name != null ? " named " + name : "");
    }
}
