package io.exposureguard.core.datastore;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * A container image reference split into what recognition needs: the repository path without registry
 * ({@code bitnami/redis}), its last segment ({@code redis}) and the tag ({@code 7.2}, empty when absent).
 */
public record ImageName(String reference, String repository, String lastSegment, String tag) {

    public static ImageName parse(String reference) {
        String ref = reference == null ? "" : reference.trim().toLowerCase(Locale.ROOT);
        int at = ref.indexOf('@');
        String noDigest = at >= 0 ? ref.substring(0, at) : ref;
        int slash = noDigest.lastIndexOf('/');
        int colon = noDigest.lastIndexOf(':');
        String tag = colon > slash ? noDigest.substring(colon + 1) : "";
        String repo = colon > slash ? noDigest.substring(0, colon) : noDigest;
        int first = repo.indexOf('/');
        if (first > 0) {
            String head = repo.substring(0, first);
            if (head.contains(".") || head.contains(":") || head.equals("localhost")) {
                repo = repo.substring(first + 1);
            }
        }
        String last = repo.substring(repo.lastIndexOf('/') + 1);
        return new ImageName(reference == null ? "" : reference, repo, last, tag);
    }

    /** Bitnami's images (and their archived copies) share env conventions such as ALLOW_EMPTY_PASSWORD. */
    public boolean bitnami() {
        return repository.startsWith("bitnami/") || repository.startsWith("bitnamilegacy/")
                || repository.contains("/bitnami/") || repository.contains("/bitnamilegacy/");
    }

    /** The leading number of the tag ("7" for "7.17.3", "v3" for etcd style "v3.5"), when there is one. */
    public OptionalInt majorVersion() {
        String t = tag.startsWith("v") ? tag.substring(1) : tag;
        int end = 0;
        while (end < t.length() && Character.isDigit(t.charAt(end))) {
            end++;
        }
        if (end == 0 || end > 6) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(t.substring(0, end)));
    }
}
