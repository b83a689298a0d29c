package io.mirrormaestro.worker.gitlab;

/**
 * A GitLab project named by its numeric id or its full path ({@code group/sub/project}); GitLab accepts either
 * wherever {@code :id} appears.
 */
public record ProjectRef(Long id, String path) {

    public ProjectRef {
        if ((id == null) == (path == null || path.isBlank())) {
            throw new IllegalArgumentException("a project is named by exactly one of id and path");
        }
    }

    public static ProjectRef of(long id) {
        return new ProjectRef(id, null);
    }

    public static ProjectRef of(String fullPath) {
        return new ProjectRef(null, fullPath.trim());
    }

    /** What gitlab4j takes as a project id: a Long, or a path it URL-encodes. */
    Object idOrPath() {
        return id != null ? id : path;
    }

    @Override
    public String toString() {
        return id != null ? String.valueOf(id) : path;
    }
}
