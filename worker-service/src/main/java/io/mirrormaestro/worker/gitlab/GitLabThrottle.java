package io.mirrormaestro.worker.gitlab;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Remembers that GitLab throttled this gateway's token (a 429, or {@code RateLimit-Remaining: 0}), so the next calls
 * wait for the window to reset instead of spending more requests on 429s. GitLab throttles per user, which is why
 * this lives with the gateway (one token) and not with the instance.
 */
final class GitLabThrottle {

    private final Clock clock;
    private final AtomicReference<Instant> quietUntil = new AtomicReference<>(Instant.EPOCH);

    GitLabThrottle(Clock clock) {
        this.clock = clock;
    }

    void observe(int status, Map<String, List<String>> headers) {
        Instant now = clock.instant();
        ThrottleHeaders.throttledFor(status, headers, now)
                .ifPresent(wait -> quietUntil.accumulateAndGet(now.plus(wait), (a, b) -> a.isAfter(b) ? a : b));
    }

    /** How long GitLab still wants us to hold back; empty once that has passed. */
    Optional<Duration> remaining() {
        Duration left = Duration.between(clock.instant(), quietUntil.get());
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /**
     * Waits out a short throttle: cheaper than a retry through the job queue. A wait longer than {@code maxWait}
     * would tie up a worker thread, so that call fails retryably instead, without reaching GitLab.
     */
    void holdBack(String instance, Duration maxWait) throws GitLabLimitException {
        Optional<Duration> wait = remaining();
        if (wait.isEmpty()) {
            return;
        }
        if (wait.get().compareTo(maxWait) > 0) {
            throw new GitLabLimitException(
                    instance + ": GitLab throttles this token for another "
                            + wait.get().toSeconds() + " s",
                    wait.get());
        }
        try {
            TimeUnit.MILLISECONDS.sleep(wait.get().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitLabLimitException(instance + ": interrupted while GitLab throttles this token", wait.get());
        }
    }
}
