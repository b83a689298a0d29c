package io.mirrormaestro.api.problem;

/**
 * A read from GitLab (the pickers, the migration plan) that failed; answered as 502 with GitLab's reason and its
 * status. Here rather than beside the GitLab reads so that the problem mapping does not depend on them.
 */
public class GitLabReadException extends RuntimeException {

    private final int status;

    public GitLabReadException(String message, int status) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
