package io.mirrormaestro.common.settings;

import java.net.URI;
import java.util.Locale;

/**
 * The Git-over-HTTP(S) address of a project, and whether a mirror URL as GitLab shows it (credentials masked) points
 * at one. GitLab masks the userinfo, so host, port and path are all there is to compare.
 */
public final class RepositoryUrls {

    private RepositoryUrls() {}

    /** {@code https://gitlab.example.com/gitlab} and {@code group/project} → {@code …/gitlab/group/project.git}. */
    public static String of(String instanceUrl, String projectPath) {
        String base = instanceUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/" + projectPath + ".git";
    }

    public static boolean pointsAt(String mirrorUrl, String repositoryUrl) {
        if (mirrorUrl == null || repositoryUrl == null) {
            return false;
        }
        try {
            URI a = URI.create(mirrorUrl.strip());
            URI b = URI.create(repositoryUrl.strip());
            return a.getHost() != null
                    && a.getHost().equalsIgnoreCase(b.getHost())
                    && port(a) == port(b)
                    && repositoryPath(a).equals(repositoryPath(b));
        } catch (IllegalArgumentException e) {
            return false; // not a URL we could have written
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    /** GitLab routes paths case-insensitively, with or without {@code .git}. */
    private static String repositoryPath(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath().toLowerCase(Locale.ROOT);
        path = path.replaceAll("/+$", "");
        return path.endsWith(".git") ? path.substring(0, path.length() - 4) : path;
    }
}
