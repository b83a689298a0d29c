package io.mirrormaestro.worker.gitlab;

import java.time.Duration;
import java.util.Optional;
import org.gitlab4j.api.GitLabApiException;

/**
 * A request that was never sent: the instance's own limits, or a wait GitLab asked for, would have held it longer
 * than the read timeout. Always retryable. It extends gitlab4j's exception so that callers of the gateway handle one
 * exception type.
 */
final class GitLabLimitException extends GitLabApiException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    GitLabLimitException(String message, Duration retryAfter) {
        super(message, 0);
        this.retryAfter = retryAfter;
    }

    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
