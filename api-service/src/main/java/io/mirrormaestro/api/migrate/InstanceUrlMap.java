package io.mirrormaestro.api.migrate;

import io.mirrormaestro.api.problem.UnprocessableException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the backup's GitLab instances are now, when they moved: {@code instance_url=OLD=NEW}, once per moved
 * instance. The old URL must be one the backup holds, the new one an http(s) URL without credentials.
 */
final class InstanceUrlMap {

    private InstanceUrlMap() {}

    static Map<String, String> parse(List<String> entries, Set<String> backupUrls) {
        Map<String, String> map = new LinkedHashMap<>();
        if (entries == null) {
            return map;
        }
        for (String entry : entries) {
            int split = entry.indexOf('=');
            if (split <= 0 || split == entry.length() - 1) {
                throw new UnprocessableException("instance_url", "'" + entry + "' is not OLD=NEW");
            }
            String from = normalize(entry.substring(0, split));
            String to = normalize(entry.substring(split + 1));
            if (!backupUrls.contains(from)) {
                throw new UnprocessableException(
                        "instance_url",
                        from + " is not an instance URL of the backup (it holds " + String.join(", ", backupUrls)
                                + ")");
            }
            URI uri;
            try {
                uri = URI.create(to);
            } catch (IllegalArgumentException e) {
                throw new UnprocessableException("instance_url", to + " is not a valid URL");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new UnprocessableException("instance_url", to + " must be an http or https URL with a host");
            }
            if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new UnprocessableException(
                        "instance_url", to + " must not hold credentials, a query or a fragment");
            }
            map.put(from, to);
        }
        return map;
    }

    /** As instances are written down here: no slash at the end. */
    static String normalize(String url) {
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
