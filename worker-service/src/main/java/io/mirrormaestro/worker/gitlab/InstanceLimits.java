package io.mirrormaestro.worker.gitlab;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.mirrormaestro.worker.WorkerSettings;
import java.time.Duration;
import org.gitlab4j.api.GitLabApiException;

/**
 * The concurrency limit and rate limiter of one GitLab instance. Every instance has its own, so a slow or throttled
 * instance only ever holds up calls to itself. Waiting is bounded by the read timeout: a call that would wait longer
 * fails with a retryable {@link GitLabLimitException} instead of blocking a worker thread indefinitely.
 *
 * <p>The bulkhead is taken before the rate permit so that requests leave at the pace of the permits; the other way
 * round, permits granted while waiting for a free slot would be spent in a burst.
 */
final class InstanceLimits {

    private final String instance;
    private final Bulkhead bulkhead;
    private final RateLimiter rateLimiter;
    private final Duration permitInterval;
    private final Duration maxWait;

    private InstanceLimits(
            String instance, Bulkhead bulkhead, RateLimiter rateLimiter, Duration permitInterval, Duration maxWait) {
        this.instance = instance;
        this.bulkhead = bulkhead;
        this.rateLimiter = rateLimiter;
        this.permitInterval = permitInterval;
        this.maxWait = maxWait;
    }

    static InstanceLimits of(String instance, WorkerSettings.GitLab settings) {
        Duration maxWait = settings.readTimeout();
        Bulkhead bulkhead = Bulkhead.of(
                "gitlab-" + instance,
                BulkheadConfig.custom()
                        .maxConcurrentCalls(settings.maxConcurrentRequests())
                        .maxWaitDuration(maxWait)
                        .build());
        if (settings.requestsPerMinute() <= 0) {
            return new InstanceLimits(instance, bulkhead, null, Duration.ZERO, maxWait);
        }
        // one permit per interval rather than the whole minute's worth at once: GitLab counts in fixed windows
        // that are not aligned with ours, so a burst at the end of our minute plus one at the start of the next
        // could land in one GitLab window and be throttled
        Duration interval = Duration.ofNanos(Duration.ofMinutes(1).toNanos() / settings.requestsPerMinute());
        RateLimiter rateLimiter = RateLimiter.of(
                "gitlab-" + instance,
                RateLimiterConfig.custom()
                        .limitForPeriod(1)
                        .limitRefreshPeriod(interval)
                        .timeoutDuration(maxWait)
                        .build());
        return new InstanceLimits(instance, bulkhead, rateLimiter, interval, maxWait);
    }

    <T> T run(GitLabCall<T> call) throws GitLabApiException {
        if (!bulkhead.tryAcquirePermission()) {
            throw new GitLabLimitException(
                    instance + ": all " + bulkhead.getBulkheadConfig().getMaxConcurrentCalls()
                            + " concurrent GitLab requests stayed busy for " + maxWait.toMillis() + " ms",
                    null);
        }
        try {
            if (rateLimiter != null && !rateLimiter.acquirePermission()) {
                throw new GitLabLimitException(
                        instance + ": the configured GitLab request rate would delay this request by more than "
                                + maxWait.toMillis() + " ms",
                        backlog());
            }
            return call.call();
        } finally {
            bulkhead.onComplete();
        }
    }

    /** Callers parked until their rate permit comes due. */
    int waitingForPermit() {
        return rateLimiter == null ? 0 : rateLimiter.getMetrics().getNumberOfWaitingThreads();
    }

    /** Roughly how long until the permits already promised to waiting callers are used up. */
    private Duration backlog() {
        long promised = Math.max(0, -(long) rateLimiter.getMetrics().getAvailablePermissions());
        return permitInterval.multipliedBy(promised + 1);
    }

    /** One request to GitLab. */
    @FunctionalInterface
    interface GitLabCall<T> {
        T call() throws GitLabApiException;
    }
}
