package io.mirrormaestro.api.mirror;

import java.net.URI;
import java.util.Locale;

/** Whether a mirror URL as GitLab shows it (credentials masked) points at a given project's repository. */
final class MirrorUrls {

    private MirrorUrls() {}

    static boolean pointsAt(String mirrorUrl, String projectHttpUrl) {
        if (mirrorUrl == null || projectHttpUrl == null) {
            return false;
        }
        try {
            URI a = URI.create(mirrorUrl.trim());
            URI b = URI.create(projectHttpUrl.trim());
            return a.getHost() != null
                    && a.getHost().equalsIgnoreCase(b.getHost())
                    && port(a) == port(b)
                    && repoPath(a).equals(repoPath(b));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    private static String repoPath(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath().toLowerCase(Locale.ROOT);
        path = path.replaceAll("/+$", "");
        return path.endsWith(".git") ? path.substring(0, path.length() - 4) : path;
    }
}
