package io.mirrormaestro.worker.command;

import io.mirrormaestro.worker.WorkerSettings;
import io.mirrormaestro.worker.gitlab.GitLabFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one rule for what a failed attempt leads to: another attempt, when the failure may pass (see
 * {@link GitLabFailure#retryable()}) and attempts are left ({@code MM_RETRY_MAX_ATTEMPTS}), after the wait GitLab
 * asked for or exponential backoff from {@code MM_RETRY_INITIAL_BACKOFF} up to {@code MM_RETRY_MAX_BACKOFF}; else
 * failure for good, with GitLab's words. A rejection ({@link CommandRejectedException}) always fails; anything the
 * rule cannot classify is an internal error. {@link CommandExecutor} acts on it; a create's handler asks it whether
 * the attempt is the last, to mark the mirror failed.
 */
@Component
public class RetryPolicy {

    private final WorkerSettings.Retry settings;

    @Autowired
    public RetryPolicy(WorkerSettings settings) {
        this(settings.retry());
    }

    RetryPolicy(WorkerSettings.Retry settings) {
        this.settings = settings;
    }

    /**
     * What follows a failed attempt.
     *
     * @param retryAt when to try again; null when the command fails for good
     * @param httpStatus GitLab's status when GitLab's answer failed it, else null
     * @param reason one line for people, never a secret
     * @param internal the failure is none the rule knows: a bug, to be logged with its stack
     */
    public record Decision(Instant retryAt, Integer httpStatus, String reason, boolean internal) {
        public boolean retries() {
            return retryAt != null;
        }
    }

    /** Decides for an attempt that ended in {@code error} (not an outage of MongoDB or Kafka) at {@code now}. */
    public Decision decide(Exception error, int attempt, Instant now) {
        if (error instanceof CommandRejectedException) {
            return new Decision(null, null, error.getMessage(), false);
        }
        GitLabFailure failure =
                error instanceof RetryLaterException later ? later.asFailure() : GitLabFailure.of(error);
        if (failure == null) {
            return new Decision(
                    null, null, "internal error: " + error.getClass().getSimpleName(), true);
        }
        if (failure.retryable() && attempt < settings.maxAttempts()) {
            return new Decision(
                    now.plus(failure.retryAfter().orElseGet(() -> backoff(attempt))), null, failure.message(), false);
        }
        return new Decision(null, failure.httpStatus(), failure.message(), false);
    }

    /** Why the attempt fails for good, or empty when another attempt follows. */
    public Optional<String> finalReason(Exception error, int attempt) {
        Decision decision = decide(error, attempt, Instant.EPOCH);
        return decision.retries() ? Optional.empty() : Optional.of(decision.reason());
    }

    /** The wait before attempt {@code attempt + 1} when GitLab named none: doubling from the initial backoff. */
    Duration backoff(int attempt) {
        Duration initial = settings.initialBackoff();
        Duration max = settings.maxBackoff();
        int doublings = Math.min(attempt - 1, 30);
        Duration grown = initial.multipliedBy(1L << doublings);
        return grown.compareTo(max) > 0 ? max : grown;
    }
}
