package io.mirrormaestro.worker.command;

import io.mirrormaestro.worker.gitlab.GitLabFailure;
import java.time.Duration;
import java.util.Optional;

/**
 * The command cannot run right now for a reason that passes by itself, and GitLab was not asked: another command holds
 * the subject, say. The executor schedules another attempt exactly as for a retryable GitLab failure.
 */
public class RetryLaterException extends RuntimeException {

    private final Duration retryAfter;

    /** @param retryAfter when to try again; null for the executor's own backoff */
    public RetryLaterException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public GitLabFailure asFailure() {
        return new GitLabFailure(true, null, getMessage(), Optional.ofNullable(retryAfter));
    }
}
